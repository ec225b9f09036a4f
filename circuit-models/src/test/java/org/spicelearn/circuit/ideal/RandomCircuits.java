package org.spicelearn.circuit.ideal;

import java.util.SplittableRandom;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.CurrentSource;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;

/** Seeded random test circuits and the independent physics checks the tests apply to them. */
final class RandomCircuits {
    static final ConductanceBounds BOUNDS = new ConductanceBounds(1e-6, 1e-1);
    static final DiodeModel.Shockley SHOCKLEY = new DiodeModel.Shockley("dmod", 1e-12, 1.5);

    private RandomCircuits() {
    }

    /**
     * A random connected resistive network: 3-14 free nodes {@code x{k}} (the last two also named
     * {@code out0}, {@code out1}), 1-3 inputs {@code in{i}} driven by {@code vin{i}} to ground, a random
     * spanning tree plus extra edges, every resistor trainable; with {@code extras}, sometimes a
     * floating voltage source {@code vf} between two free nodes and a current source {@code i1}.
     */
    static Circuit linear(long seed, boolean extras) {
        return build(seed, extras, null);
    }

    /** Like {@link #linear} with diodes of law {@code model} from some free nodes to a source-held node. */
    static Circuit withDiodes(long seed, DiodeModel model) {
        return build(seed, false, model);
    }

    /**
     * Like {@link #linear} (no extras) with 1-4 ideal diodes between random pairs of free nodes and
     * 0-2 ideal diodes from free nodes to input {@code in0}; thresholds in [0, 0.1] V.
     */
    static Circuit withCoupledIdealDiodes(long seed) {
        Circuit c = linear(seed, false);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed);
        java.util.List<Integer> free = new java.util.ArrayList<>();
        for (int node = 1; node < c.nodeCount(); node++) {
            if (!heldBySource(c, node)) {
                free.add(node);
            }
        }
        Circuit.Builder b = c.toBuilder();
        int coupled = 1 + random.nextInt(4);
        for (int k = 0; k < coupled; k++) {
            int a = free.get(random.nextInt(free.size()));
            int d = free.get(random.nextInt(free.size()));
            if (a != d) {
                b.add(new Diode("dc" + k, a, d, new DiodeModel.Ideal("di" + k, 0.1 * random.nextDouble())));
            }
        }
        int boxed = random.nextInt(3);
        for (int k = 0; k < boxed; k++) {
            int node = free.get(random.nextInt(free.size()));
            boolean up = random.nextBoolean();
            int in = c.nodeIndex("in0");
            b.add(new Diode("db" + k, up ? node : in, up ? in : node, new DiodeModel.Ideal("db" + k, 0.1 * random.nextDouble())));
        }
        return b.build();
    }

    private static Circuit build(long seed, boolean extras, DiodeModel diodes) {
        SplittableRandom random = new SplittableRandom(seed);
        int free = 3 + random.nextInt(12);
        int inputs = 1 + random.nextInt(3);
        Circuit.Builder b = Circuit.builder("random " + seed);
        int[] nodes = new int[1 + inputs + free];
        nodes[0] = Circuit.GROUND;
        for (int i = 0; i < inputs; i++) {
            nodes[1 + i] = b.node("in" + i);
            b.add(VoltageSource.dc("vin" + i, nodes[1 + i], Circuit.GROUND, 2 * random.nextDouble() - 1));
        }
        for (int k = 0; k < free; k++) {
            String name = k == free - 1 ? "out0" : k == free - 2 ? "out1" : "x" + k;
            nodes[1 + inputs + k] = b.node(name);
        }
        int r = 0;
        for (int k = 1; k < nodes.length; k++) {
            int other = nodes[random.nextInt(k)];
            b.add(resistor(random, "r" + r++, nodes[k], other));
        }
        int extra = free + random.nextInt(2 * free);
        for (int e = 0; e < extra; e++) {
            int a = nodes[random.nextInt(nodes.length)];
            int c = nodes[random.nextInt(nodes.length)];
            if (a != c) {
                b.add(resistor(random, "r" + r++, a, c));
            }
        }
        if (extras && free >= 4) {
            if (random.nextBoolean()) {
                b.add(VoltageSource.dc("vf", nodes[1 + inputs], nodes[2 + inputs], 0.3 * random.nextDouble()));
            }
            b.add(CurrentSource.dc("i1", nodes[1 + inputs + random.nextInt(free)], Circuit.GROUND,
                    1e-3 * (2 * random.nextDouble() - 1)));
        }
        if (diodes != null) {
            int hi = b.node("dhi");
            int lo = b.node("dlo");
            b.add(VoltageSource.dc("vdhi", hi, Circuit.GROUND, 0.1 + 0.2 * random.nextDouble()));
            b.add(VoltageSource.dc("vdlo", lo, Circuit.GROUND, -0.1 - 0.2 * random.nextDouble()));
            for (int k = 0; k < free; k++) {
                if (random.nextDouble() < 0.7) {
                    int node = nodes[1 + inputs + k];
                    b.add(new Diode("d" + k + "hi", node, hi, diodes));
                    b.add(new Diode("d" + k + "lo", lo, node, diodes));
                }
            }
        }
        return b.build();
    }

    private static Resistor resistor(SplittableRandom random, String name, int a, int b) {
        double g = 1e-4 * Math.pow(100, random.nextDouble());
        return Resistor.trainable(name, a, b, 1 / g, BOUNDS);
    }

    /**
     * The current leaving {@code node} through resistors, current sources and diodes (ideal diodes
     * excluded), with the sum of the magnitudes of those currents.
     *
     * @return {amps leaving, sum of magnitudes}
     */
    static double[] currentLeaving(Circuit c, double[] v, int node) {
        double sum = 0;
        double magnitude = 0;
        for (Element e : c.elements()) {
            double leaving = 0;
            if (e instanceof Resistor r) {
                double i = r.siemens() * (v[r.a()] - v[r.b()]);
                leaving = r.a() == node ? i : r.b() == node ? -i : 0;
            } else if (e instanceof CurrentSource s) {
                leaving = s.from() == node ? s.dcAmps() : s.to() == node ? -s.dcAmps() : 0;
            } else if (e instanceof Diode d && d.model() instanceof DiodeModel.Shockley m) {
                double i = m.currentAmps(v[d.anode()] - v[d.cathode()]);
                leaving = d.anode() == node ? i : d.cathode() == node ? -i : 0;
            }
            sum += leaving;
            magnitude += Math.abs(leaving);
        }
        return new double[] {sum, magnitude};
    }

    /** Whether a voltage source (or the clamp/diode limit list given) touches {@code node}. */
    static boolean heldBySource(Circuit c, int node) {
        for (VoltageSource s : c.elements(VoltageSource.class)) {
            if (s.plus() == node || s.minus() == node) {
                return true;
            }
        }
        return node == Circuit.GROUND;
    }
}
