package org.spicelearn.circuit.ideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.CurrentSource;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;

/** Kirchhoff, Tellegen, reciprocity, superposition and optimality over seeded random networks. */
class NetworkTheoremsTest {
    private static final int NETWORKS = 200;

    /** Worst KCL residual over the nodes no voltage source holds, relative to the node's currents (floor 1e-15 A). */
    private static double worstKcl(Circuit c, NodeVoltages v) {
        double[] volts = v.toArray();
        double worst = 0;
        for (int node = 1; node < c.nodeCount(); node++) {
            if (RandomCircuits.heldBySource(c, node)) {
                continue;
            }
            double[] r = RandomCircuits.currentLeaving(c, volts, node);
            worst = Math.max(worst, Math.abs(r[0]) / (r[1] + 1e-6));
        }
        return worst;
    }

    @Test
    void kirchhoffsCurrentLawHoldsAtEveryFreeNode() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            Circuit c = RandomCircuits.linear(seed, true);
            double worst = worstKcl(c, new IdealSubstrate(c).settle());
            assertTrue(worst < 1e-9, "seed " + seed + ": relative KCL residual " + worst);
        }
    }

    @Test
    void shockleyDiodeNetworksSatisfyKirchhoffWithTheDiodeCurrents() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            Circuit c = RandomCircuits.withDiodes(seed, RandomCircuits.SHOCKLEY);
            IdealSubstrate s = new IdealSubstrate(c);
            s.setBoundary(new BoundaryConditions(Map.of("vin0", 5.0 * (seed % 3 - 1)), OutputBoundary.FREE));
            double worst = worstKcl(c, s.settle());
            assertTrue(worst < 1e-9, "seed " + seed + ": relative KCL residual " + worst);
        }
    }

    /**
     * Tellegen: with node voltages from one excitation and branch currents from another of the same
     * graph, sum over branches of v' i'' = 0 (source currents taken from KCL at their driven nodes).
     */
    @Test
    void tellegensTheoremHoldsAcrossTwoExcitations() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            Circuit c = RandomCircuits.linear(seed, false);
            IdealSubstrate s = new IdealSubstrate(c);
            double[] v1 = s.settle().toArray();
            Map<String, Double> other = new HashMap<>();
            SplittableRandom random = new SplittableRandom(seed);
            for (VoltageSource src : c.elements(VoltageSource.class)) {
                other.put(src.name(), 2 * random.nextDouble() - 1);
            }
            s.setBoundary(new BoundaryConditions(other, OutputBoundary.FREE));
            double[] v2 = s.settle().toArray();
            for (double[][] pair : new double[][][] {{v1, v2}, {v2, v1}, {v1, v1}}) {
                double sum = 0;
                double magnitude = 0;
                for (Element e : c.elements()) {
                    double p;
                    if (e instanceof Resistor r) {
                        p = (pair[0][r.a()] - pair[0][r.b()]) * r.siemens() * (pair[1][r.a()] - pair[1][r.b()]);
                    } else {
                        VoltageSource src = (VoltageSource) e;
                        // current through the source from plus to minus = -(current leaving plus through the rest)
                        double i = -RandomCircuits.currentLeaving(c, pair[1], src.plus())[0];
                        p = (pair[0][src.plus()] - pair[0][src.minus()]) * i;
                    }
                    sum += p;
                    magnitude += Math.abs(p);
                }
                assertTrue(Math.abs(sum) <= 1e-10 * magnitude, "seed " + seed + ": sum " + sum + " of " + magnitude);
            }
        }
    }

    @Test
    void transferResistanceIsReciprocal() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            Circuit base = RandomCircuits.linear(seed, false);
            int a = base.nodeIndex("out0");
            int b = base.nodeIndex("out1");
            double vbFromA = injected(base, a).volts(b);
            double vaFromB = injected(base, b).volts(a);
            assertEquals(vbFromA, vaFromB, 1e-12 * Math.abs(vbFromA) + 1e-18, "seed " + seed);
            assertTrue(vbFromA >= 0, "a positive injection raises every free node it reaches");
        }
    }

    /** The voltages with every source at 0 V and 1 mA injected into {@code node}. */
    private static NodeVoltages injected(Circuit base, int node) {
        Circuit c = base.toBuilder().add(CurrentSource.dc("itest", Circuit.GROUND, node, 1e-3)).build();
        Map<String, Double> zero = new HashMap<>();
        for (VoltageSource src : c.elements(VoltageSource.class)) {
            zero.put(src.name(), 0.0);
        }
        IdealSubstrate s = new IdealSubstrate(c);
        s.setBoundary(new BoundaryConditions(zero, OutputBoundary.FREE));
        return s.settle();
    }

    @Test
    void responsesSuperpose() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            Circuit c = RandomCircuits.linear(seed, false);
            SplittableRandom random = new SplittableRandom(seed + 7);
            Map<String, Double> x = new HashMap<>();
            Map<String, Double> y = new HashMap<>();
            Map<String, Double> sum = new HashMap<>();
            for (VoltageSource src : c.elements(VoltageSource.class)) {
                double a = 2 * random.nextDouble() - 1;
                double b = 2 * random.nextDouble() - 1;
                x.put(src.name(), a);
                y.put(src.name(), b);
                sum.put(src.name(), 2 * a - 3 * b);
            }
            IdealSubstrate s = new IdealSubstrate(c);
            double[] vx = settle(s, x);
            double[] vy = settle(s, y);
            double[] vs = settle(s, sum);
            for (int node = 0; node < vs.length; node++) {
                assertEquals(2 * vx[node] - 3 * vy[node], vs[node], 1e-12, "seed " + seed + " node " + node);
            }
        }
    }

    private static double[] settle(IdealSubstrate s, Map<String, Double> inputs) {
        s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
        return s.settle().toArray();
    }

    /**
     * Ideal diodes: the equilibrium minimises the co-content subject to V_anode - V_cathode <= threshold.
     * KKT: every constraint holds; a node strictly inside its limits has zero resistor current; a node
     * at its upper limit sends current into the diode (net resistor current into it >= 0), at its lower
     * limit draws current from it. Also no feasible perturbation lowers the co-content.
     */
    @Test
    void idealDiodeNetworksSatisfyTheQuadraticProgramsOptimalityConditions() {
        int clipped = 0;
        for (long seed = 0; seed < NETWORKS; seed++) {
            DiodeModel.Ideal model = new DiodeModel.Ideal("di", 0.02 * (seed % 4));
            Circuit c = RandomCircuits.withDiodes(seed, model);
            IdealSubstrate s = new IdealSubstrate(c);
            s.setBoundary(new BoundaryConditions(Map.of("vin0", 3.0 * (seed % 3 - 1)), OutputBoundary.FREE));
            clipped += assertOptimal(c, s.settle().toArray(), model.thresholdVolts(), seed);
        }
        assertTrue(clipped > 100, "the random networks clip only " + clipped + " nodes: the test would be vacuous");
    }

    /** Layered networks are bipartite: whole layers update at once, and the result is still the optimum. */
    @Test
    void layeredIdealDiodeNetworksUseBlockUpdatesAndReachTheOptimum() {
        int clipped = 0;
        for (long seed = 0; seed < 20; seed++) {
            Circuit c = org.spicelearn.circuit.generate.LayeredNetworkGenerator.generate(
                    org.spicelearn.circuit.generate.LayeredNetworkSpec.of(8, 10, 6, 3)
                            .withHiddenDiodes(org.spicelearn.circuit.generate.LayeredNetworkSpec.DEFAULT_IDEAL)
                            .withDiodeVolts(-0.05, 0.05).withBias(true, 1), seed);
            IdealSubstrate s = new IdealSubstrate(c);
            assertTrue(s.blockUpdates(), "layers are independent blocks");
            Map<String, Double> inputs = new HashMap<>();
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 4; i++) {
                double x = 2 * random.nextDouble() - 1;
                inputs.put("vin" + i + "p", x);
                inputs.put("vin" + i + "n", -x);
            }
            s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
            clipped += assertOptimal(c, s.settle().toArray(), 0, seed);
        }
        assertTrue(clipped > 20, "only " + clipped + " hidden nodes clipped");
        // a triangle of free nodes is not two-colourable: node-by-node updates
        Circuit.Builder b = Circuit.builder("triangle");
        int in = b.node("in");
        int x = b.node("x");
        int y = b.node("y");
        int z = b.node("z");
        b.add(VoltageSource.dc("vin", in, Circuit.GROUND, 1));
        b.add(Resistor.fixed("r1", in, x, 100));
        b.add(Resistor.fixed("r2", x, y, 100));
        b.add(Resistor.fixed("r3", y, z, 100));
        b.add(Resistor.fixed("r4", z, x, 100));
        b.add(Resistor.fixed("r5", z, Circuit.GROUND, 100));
        b.add(new Diode("d1", y, Circuit.GROUND, new DiodeModel.Ideal("di", 0.1)));
        IdealSubstrate triangle = new IdealSubstrate(b.build());
        assertTrue(!triangle.blockUpdates(), "a triangle has no two independent blocks");
        double[] v = triangle.settle().toArray();
        assertEquals(0.1, v[y], 1e-15, "the diode clips y at its threshold");
    }

    /**
     * Ideal diodes: the equilibrium minimises the co-content subject to V_anode - V_cathode <= threshold.
     * KKT: every constraint holds; a node strictly inside its limits has zero resistor current; a node
     * at its upper limit sends current into the diode (net resistor current into it >= 0), at its lower
     * limit draws current from it. Also no feasible perturbation lowers the co-content.
     *
     * @return the number of nodes found at a limit
     */
    private static int assertOptimal(Circuit c, double[] v, double threshold, long seed) {
        int clipped = 0;
        double[] upper = new double[v.length];
        double[] lower = new double[v.length];
        java.util.Arrays.fill(upper, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        for (Diode d : c.elements(Diode.class)) {
            assertTrue(v[d.anode()] - v[d.cathode()] <= threshold + 1e-12, "seed " + seed + " " + d.name());
            if (RandomCircuits.heldBySource(c, d.cathode())) {
                upper[d.anode()] = Math.min(upper[d.anode()], v[d.cathode()] + threshold);
            } else {
                lower[d.cathode()] = Math.max(lower[d.cathode()], v[d.anode()] - threshold);
            }
        }
        for (int node = 1; node < c.nodeCount(); node++) {
            if (RandomCircuits.heldBySource(c, node)) {
                continue;
            }
            double[] r = RandomCircuits.currentLeaving(c, v, node);
            double tol = 1e-9 * r[1] + 1e-15;
            boolean atUpper = Math.abs(v[node] - upper[node]) <= 1e-12;
            boolean atLower = Math.abs(v[node] - lower[node]) <= 1e-12;
            if (atUpper) {
                clipped++;
                assertTrue(r[0] <= tol, "seed " + seed + ": node at its upper limit must take current, leaves " + r[0]);
            } else if (atLower) {
                clipped++;
                assertTrue(r[0] >= -tol, "seed " + seed + ": node at its lower limit must give current, leaves " + r[0]);
            } else {
                assertEquals(0, r[0], tol, "seed " + seed + ": free node " + c.nodeName(node));
            }
        }
        assertNoFeasibleDescent(c, v, lower, upper, seed);
        return clipped;
    }

    private static double coContent(Circuit c, double[] v) {
        double e = 0;
        for (Resistor r : c.elements(Resistor.class)) {
            double d = v[r.a()] - v[r.b()];
            e += 0.5 * r.siemens() * d * d;
        }
        return e;
    }

    private static void assertNoFeasibleDescent(Circuit c, double[] v, double[] lower, double[] upper, long seed) {
        double e0 = coContent(c, v);
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 20; trial++) {
            double[] w = v.clone();
            for (int node = 1; node < c.nodeCount(); node++) {
                if (!RandomCircuits.heldBySource(c, node)) {
                    w[node] = Math.max(lower[node], Math.min(upper[node], v[node] + 1e-3 * (2 * random.nextDouble() - 1)));
                }
            }
            assertTrue(coContent(c, w) >= e0 - 1e-15 * Math.abs(e0), "seed " + seed + ": a feasible point has lower co-content");
        }
    }

    @Test
    void adjustNeverLeavesTheBounds() {
        Circuit c = RandomCircuits.linear(3, false);
        IdealSubstrate s = new IdealSubstrate(c);
        SplittableRandom random = new SplittableRandom(5);
        for (int step = 0; step < 50; step++) {
            double[] delta = new double[c.trainables().size()];
            for (int t = 0; t < delta.length; t++) {
                delta[t] = 0.05 * (2 * random.nextDouble() - 1);
            }
            Conductances before = s.conductances();
            Conductances applied = s.adjust(Conductances.of(delta));
            Conductances after = s.conductances();
            for (int t = 0; t < delta.length; t++) {
                ConductanceBounds bounds = c.trainables().get(t).bounds();
                assertTrue(bounds.contains(after.siemens(t)), "conductance " + after.siemens(t));
                assertEquals(after.siemens(t) - before.siemens(t), applied.siemens(t), 0);
                assertEquals(bounds.clip(before.siemens(t) + delta[t]), after.siemens(t), 0);
            }
        }
        double[] target = new double[c.trainables().size()];
        for (int t = 0; t < target.length; t++) {
            target[t] = t % 3 == 0 ? 5.0 : 1e-3 * (1 + t);
        }
        Conductances before = s.conductances();
        Conductances applied = s.setConductances(Conductances.of(target));
        for (int t = 0; t < target.length; t++) {
            double expected = c.trainables().get(t).bounds().clip(target[t]);
            assertEquals(expected, s.conductances().siemens(t), 0, "setConductances is exact within the bounds");
            assertEquals(expected - before.siemens(t), applied.siemens(t), 0);
        }
    }
}
