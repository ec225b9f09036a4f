package org.spicelearn.circuit.ideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.SubstrateException;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;

/**
 * Shockley-diode networks under negative nudges (the second phase of centred equilibrium
 * propagation), where the co-content is not convex: the ideal substrate must return a stable
 * equilibrium (Kirchhoff's current law holds and the small-signal nodal matrix, nudge included, is
 * positive definite), checked here by a dense assembly independent of the substrate's sparse one.
 */
class NegativeNudgeTest {
    private static final double[] TARGET_VOLTS = {-0.3, 0.3, -0.3};

    /**
     * The Iris network's conductances when training {@code iris-4-10-3} (centred EP, beta = 1e-4 S,
     * eta = 1e-10, temporally local phases p = 0.2, mean 4, seed 1) aborted in epoch 9 with "Newton
     * with source stepping did not converge ... (stuck at 11.44% of the sources)", in the order of the
     * generated network's trainables (rb1_*, r1_*, rb2_*, r2_*, as in the library netlist).
     */
    private static final double[] IRIS_SIEMENS = {
        1.0E-7, 1.000000000000001E-7, 1.0E-7, 1.0E-7, 1.0E-7, 1.0E-7,
        1.0E-7, 1.0E-7, 1.000000000000001E-7, 1.000000000000001E-7, 2.8754511066004893E-6, 2.6674273393374404E-6,
        2.0391210517570394E-6, 1.5830733350223444E-6, 2.168216811743595E-6, 2.805155981030403E-6, 1.461873146954358E-6,
        1.622992875680984E-6, 1.707834910184487E-6, 9.996719632062813E-7, 2.281732796144828E-6, 1.6257690139217924E-6,
        1.1225550600408305E-6, 1.0E-7, 1.4951660408986869E-6, 1.1234044427299882E-6, 1.3767205754457334E-6,
        7.247975725301904E-7, 1.0642879016503898E-6, 5.041661413430997E-7, 1.9871310832054205E-6, 2.5349969818969387E-6,
        2.978800816463874E-6, 3.971178580466197E-6, 2.8356530290307646E-6, 3.276882203306056E-6, 2.0016542860267012E-6,
        3.045184158436187E-6, 3.095638224501625E-6, 3.249377129528807E-6, 1.8588617275743516E-5, 1.2309862373507423E-5,
        8.545237221616157E-6, 1.0E-7, 1.0315335939792215E-5, 6.105567659246724E-6, 1.0821256439239518E-5,
        5.949654952285422E-6, 7.155714310141682E-6, 3.9617104709930485E-6, 3.5699746327748945E-6, 6.129145800035436E-6,
        1.1743914253437634E-5, 2.377424965812629E-5, 1.1026038351295056E-5, 1.5787200841588338E-5, 7.719031950606437E-6,
        1.241142755678315E-5, 1.3398990642172744E-5, 1.5146969899252624E-5, 1.9500585443539837E-6, 1.5729054590955197E-6,
        1.3168742302471574E-6, 8.060335515110707E-7, 1.5736805662687943E-6, 1.403746510648131E-6, 1.2652255675116764E-6,
        1.0254737806575897E-6, 1.3114525800502642E-6, 9.27240316714134E-7, 1.721644884919401E-6, 4.371853909819204E-6,
        2.1873211961806844E-6, 2.657008056735771E-6, 2.159978053583794E-6, 2.3993796853110493E-6, 1.5159888438838923E-6,
        2.1473475002319232E-6, 2.2513130960248867E-6, 2.229142504080907E-6, 2.9400054911068586E-6, 2.489675479404982E-6,
        2.6157702046100627E-6, 5.187572256704059E-6, 4.19967848960119E-6, 4.109269364034968E-6, 2.1095679643170715E-6,
        2.1031142093799968E-6, 4.132238797503082E-6, 4.114421456112329E-6, 1.635011905817881E-6, 1.824692201504527E-6,
        1.8725762407761525E-6, 2.0108381348631227E-6, 1.855215148518178E-6, 1.990110746701516E-6, 1.42240858224614E-6,
        1.8204692066771572E-6, 1.8777091212213443E-6, 1.795671520734316E-6, 1.0E-7, 1.0E-7,
        1.0E-7, 9.75950654536406E-6, 1.1203307555591134E-5, 8.305584813778414E-6, 3.9060152769733755E-5,
        7.712673331461007E-6, 7.858075525275561E-5, 9.673970915668617E-5, 9.470950176182873E-6, 6.979151418973409E-7,
        4.351693468415844E-5, 3.6146296200169754E-5, 1.7236192107138566E-5, 6.9788457476312556E-6, 1.0585926650948574E-4,
        3.293476164231945E-5, 2.2164810903316016E-5, 3.847389822020729E-5, 6.362038592245785E-5, 4.8490922558311E-5,
        9.249379104712041E-5, 4.623144622033577E-5, 1.2197455580162315E-5, 1.691635503631066E-5, 2.208042328064532E-5,
        4.6750793370782304E-5, 1.4450358970718075E-5, 1.61256040781415E-6, 1.8692829288783833E-5, 3.8324112633988387E-5,
        4.265114095877288E-5, 8.720545582867397E-6, 3.71884966235356E-5, 2.7481695616739137E-5,
    };

    /** The z-scored Iris sample of that solve (input i: vin{i}p = x_i, vin{i}n = -x_i). */
    private static final double[] IRIS_INPUT_VOLTS = {
        -0.902507982916827, -1.3613494059310352, -0.43660745600673345, -0.14564801608121947,
    };

    /** The library's Iris network: layered 8-10-3 (each input as a +/- pair), hidden diodes, bias. */
    private static Circuit irisNetwork() {
        return LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(8, 10, 3)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY).withBias(true, 1.0), 1);
    }

    /** The voltages of the input pairs: {@code vin{i}p = x_i}, {@code vin{i}n = -x_i}. */
    private static Map<String, Double> inputs(double[] x) {
        Map<String, Double> volts = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            volts.put("vin" + i + "p", x[i]);
            volts.put("vin" + i + "n", -x[i]);
        }
        return volts;
    }

    private static int[] outputs(Circuit c) {
        return new int[] {c.nodeIndex("out0"), c.nodeIndex("out1"), c.nodeIndex("out2")};
    }

    @Test
    void irisStateWhereSourceSteppingGotStuckSettlesToAStableEquilibrium() {
        Circuit c = irisNetwork().withConductances(Conductances.of(IRIS_SIEMENS));
        Map<String, Double> in = inputs(IRIS_INPUT_VOLTS);
        OutputBoundary.Nudge nudge = new OutputBoundary.Nudge(-1e-4, outputs(c), TARGET_VOLTS);
        // the reason Newton failed: with the nudge, the nodal matrix at the free state is indefinite
        IdealSubstrate free = new IdealSubstrate(c);
        free.setBoundary(new BoundaryConditions(in, OutputBoundary.FREE));
        assertTrue(smallestEigenvalue(c, free.settle(), nudge) < 0, "not convex at the free state");

        for (boolean warm : new boolean[] {false, true}) {
            IdealSubstrate s = new IdealSubstrate(c);
            if (warm) {
                s.setBoundary(new BoundaryConditions(in, new OutputBoundary.Nudge(1e-4, outputs(c), TARGET_VOLTS)));
                s.settle();
            }
            s.setBoundary(new BoundaryConditions(in, nudge));
            NodeVoltages v = s.settle();
            assertStableEquilibrium(c, v, nudge);
            // the outputs are pushed out until the hidden diodes conduct (values of this solver, to 1 uV)
            int[] o = outputs(c);
            assertEquals(1.430485, v.volts(o[0]), 1e-6);
            assertEquals(1.185231, v.volts(o[1]), 1e-6);
            assertEquals(1.466529, v.volts(o[2]), 1e-6);
        }
    }

    /**
     * Random layered networks with conductances spread log-uniformly over 1e-7..1e-3 S (the trainable
     * bounds) and inputs of +/-3 V, under positive nudges up to 1 S and negative nudges of 50% and
     * 90% of the smallest total conductance of an output node (bounded below, but mostly not convex).
     */
    @Test
    void seededStressOverExtremeConductancesAndLargeNudges() {
        SplittableRandom random = new SplittableRandom(20261128);
        int nonConvex = 0;
        int solves = 0;
        for (int network = 0; network < 30; network++) {
            Circuit base = irisNetwork();
            double[] g = new double[base.trainables().size()];
            for (int t = 0; t < g.length; t++) {
                g[t] = 1e-7 * Math.pow(1e4, random.nextDouble());
            }
            Circuit c = base.withConductances(Conductances.of(g));
            int[] o = outputs(c);
            double holding = Double.POSITIVE_INFINITY;
            for (int node : o) {
                holding = Math.min(holding, totalConductance(c, node));
            }
            double[] x = new double[4];
            for (int i = 0; i < x.length; i++) {
                x[i] = 6 * random.nextDouble() - 3;
            }
            Map<String, Double> in = inputs(x);
            IdealSubstrate free = new IdealSubstrate(c);
            free.setBoundary(new BoundaryConditions(in, OutputBoundary.FREE));
            NodeVoltages freeVolts = free.settle();
            for (double beta : new double[] {1e-2, 1, -0.5 * holding, -0.9 * holding}) {
                OutputBoundary.Nudge nudge = new OutputBoundary.Nudge(beta, o, TARGET_VOLTS);
                if (smallestEigenvalue(c, freeVolts, nudge) < 0) {
                    nonConvex++;
                }
                for (boolean warm : new boolean[] {false, true}) {
                    IdealSubstrate s = new IdealSubstrate(c);
                    if (warm) {
                        s.setBoundary(new BoundaryConditions(in, OutputBoundary.FREE));
                        s.settle();
                    }
                    s.setBoundary(new BoundaryConditions(in, nudge));
                    assertStableEquilibrium(c, s.settle(), nudge);
                    solves++;
                }
            }
        }
        assertEquals(240, solves);
        assertTrue(nonConvex >= 20, "the stress must exercise non-convex co-contents, got " + nonConvex + " of 120");
    }

    /**
     * The XOR network of the learner's tests (layered 4-4-1, diodes on +/-0.3 V rails, bias) under
     * a training-like sequence of free, +1e-4 S and -1e-4 S phases with XOR inputs, each solve
     * warm-started from the previous state, on 20 draws of conductances over 1e-5..1e-4 S. The last
     * Newton steps are at rounding level, where the co-content's change cannot be resolved: they must
     * be taken whole (a line search there backtracked without end once in these 4000 solves).
     */
    @Test
    void trainingLikePhaseSequencesOnTheXorNetworkConverge() {
        Circuit c = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 4, 1).withBias(true, 1.0)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY).withDiodeVolts(0.3, -0.3), 1);
        int[] out = {c.nodeIndex("out0")};
        int negative = 0;
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] g = new double[c.trainables().size()];
            for (int t = 0; t < g.length; t++) {
                g[t] = 1e-5 * Math.pow(10, random.nextDouble());
            }
            Circuit drawn = c.withConductances(Conductances.of(g));
            IdealSubstrate s = new IdealSubstrate(drawn);
            for (int phase = 0; phase < 200; phase++) {
                double x0 = random.nextBoolean() ? 1 : -1;
                double x1 = random.nextBoolean() ? 1 : -1;
                Map<String, Double> in = Map.of("vin0p", x0, "vin0n", -x0, "vin1p", x1, "vin1n", -x1);
                int kind = random.nextInt(3);
                double[] target = {x0 * x1 > 0 ? -0.2 : 0.2};
                OutputBoundary.Nudge nudge = new OutputBoundary.Nudge(kind == 2 ? -1e-4 : 1e-4, out, target);
                s.setBoundary(new BoundaryConditions(in, kind == 0 ? OutputBoundary.FREE : nudge));
                NodeVoltages v = s.settle();
                if (kind == 2) {
                    assertStableEquilibrium(drawn, v, nudge);
                    negative++;
                }
            }
        }
        assertTrue(negative > 1000, "negative phases: " + negative);
    }

    /**
     * One node held by 10 kilohm to ground and clipped by diodes to +/-0.5 V rails, nudged at twice its
     * conductance towards 0 V: 0 V is then a stationary point with zero gradient but a maximum of the
     * co-content (where Newton's method from a cold start stops); the stable equilibria lie beyond a
     * rail, where {@code Is exp((V - 0.5) / Vt) = g V} (one diode's current balances the net negative
     * conductance).
     */
    @Test
    void aSaddleAtTheStartIsLeftAlongNegativeCurvature() {
        Circuit.Builder b = Circuit.builder("clipped node");
        int out = b.node("out");
        int hi = b.node("hi");
        int lo = b.node("lo");
        b.add(VoltageSource.dc("vhi", hi, Circuit.GROUND, 0.5));
        b.add(VoltageSource.dc("vlo", lo, Circuit.GROUND, -0.5));
        b.add(Resistor.fixed("r", out, Circuit.GROUND, 1e4));
        b.add(new Diode("dhi", out, hi, LayeredNetworkSpec.DEFAULT_SHOCKLEY));
        b.add(new Diode("dlo", lo, out, LayeredNetworkSpec.DEFAULT_SHOCKLEY));
        Circuit c = b.build();
        OutputBoundary.Nudge nudge = new OutputBoundary.Nudge(-2e-4, new int[] {out}, new double[] {0});
        IdealSubstrate s = new IdealSubstrate(c);
        s.setBoundary(new BoundaryConditions(Map.of(), nudge));
        NodeVoltages v = s.settle();
        assertStableEquilibrium(c, v, nudge);
        double volts = Math.abs(v.volts(out));
        double thermal = org.spicelearn.circuit.Units.THERMAL_VOLTAGE_VOLTS;
        assertEquals(1e-4 * volts, 1e-14 * Math.exp((volts - 0.5) / thermal), 1e-9 * 1e-4 * volts);
        assertTrue(volts > 0.5 + 10 * thermal, "beyond a rail: " + volts);
    }

    @Test
    void aNegativeNudgeBeyondAnOutputsConductanceHasNoEquilibrium() {
        Circuit c = irisNetwork().withConductances(Conductances.of(IRIS_SIEMENS));
        int[] o = outputs(c);
        double beta = -1.5 * totalConductance(c, o[0]);
        IdealSubstrate s = new IdealSubstrate(c);
        s.setBoundary(new BoundaryConditions(inputs(new double[] {0.5, -0.5, 0.2, 0.1}),
                new OutputBoundary.Nudge(beta, o, TARGET_VOLTS)));
        SubstrateException e = assertThrows(SubstrateException.class, s::settle);
        assertTrue(e.getMessage().contains("no equilibrium"), e.getMessage());
    }

    /** The sum of the conductances of the resistors at {@code node}, in siemens. */
    private static double totalConductance(Circuit c, int node) {
        double sum = 0;
        for (Resistor r : c.elements(Resistor.class)) {
            if (r.a() == node || r.b() == node) {
                sum += r.siemens();
            }
        }
        return sum;
    }

    /**
     * Asserts Kirchhoff's current law at every node not held by a source (to 1e-9 of the largest
     * branch current there) and that the small-signal nodal matrix is positive definite.
     */
    private static void assertStableEquilibrium(Circuit c, NodeVoltages v, OutputBoundary.Nudge nudge) {
        int n = c.nodeCount();
        double[] residual = new double[n];
        double[] largest = new double[n];
        for (Element e : c.elements()) {
            int a;
            int b;
            double amps;
            if (e instanceof Resistor r) {
                a = r.a();
                b = r.b();
                amps = r.siemens() * (v.volts(a) - v.volts(b));
            } else if (e instanceof Diode d) {
                a = d.anode();
                b = d.cathode();
                amps = ((DiodeModel.Shockley) d.model()).currentAmps(v.volts(a) - v.volts(b));
            } else {
                continue;
            }
            residual[a] -= amps;
            residual[b] += amps;
            largest[a] = Math.max(largest[a], Math.abs(amps));
            largest[b] = Math.max(largest[b], Math.abs(amps));
        }
        for (int i = 0; i < nudge.nodes().length; i++) {
            int node = nudge.nodes()[i];
            double amps = nudge.betaSiemens() * (nudge.targetVolts()[i] - v.volts(node));
            residual[node] += amps;
            largest[node] = Math.max(largest[node], Math.abs(amps));
        }
        boolean[] driven = driven(c);
        for (int node = 1; node < n; node++) {
            if (!driven[node]) {
                assertEquals(0, residual[node], 1e-9 * largest[node] + 1e-20, "KCL at " + c.nodeName(node));
            }
        }
        assertTrue(smallestEigenvalue(c, v, nudge) > 0, "stable: the nodal matrix is positive definite");
    }

    private static boolean[] driven(Circuit c) {
        boolean[] driven = new boolean[c.nodeCount()];
        for (VoltageSource s : c.elements(VoltageSource.class)) {
            assertEquals(Circuit.GROUND, s.minus(), "grounded sources only");
            driven[s.plus()] = true;
        }
        return driven;
    }

    /**
     * The smallest eigenvalue, in siemens, of the small-signal nodal matrix (the co-content's Hessian)
     * over the nodes not held by sources, at voltages {@code v}, with the nudge's {@code beta} on the
     * outputs; assembled densely from the circuit's elements.
     */
    private static double smallestEigenvalue(Circuit c, NodeVoltages v, OutputBoundary.Nudge nudge) {
        boolean[] driven = driven(c);
        int[] index = new int[c.nodeCount()];
        int m = 0;
        for (int node = 0; node < index.length; node++) {
            index[node] = node == Circuit.GROUND || driven[node] ? -1 : m++;
        }
        double[][] h = new double[m][m];
        for (Element e : c.elements()) {
            if (e instanceof Resistor r) {
                stamp(h, index[r.a()], index[r.b()], r.siemens());
            } else if (e instanceof Diode d) {
                double vd = v.volts(d.anode()) - v.volts(d.cathode());
                stamp(h, index[d.anode()], index[d.cathode()], ((DiodeModel.Shockley) d.model()).conductanceSiemens(vd));
            }
        }
        for (int node : nudge.nodes()) {
            h[index[node]][index[node]] += nudge.betaSiemens();
        }
        double[] eigen = new EigenDecomposition(new Array2DRowRealMatrix(h, false)).getRealEigenvalues();
        return Arrays.stream(eigen).min().orElseThrow();
    }

    private static void stamp(double[][] h, int p, int q, double siemens) {
        if (p >= 0) {
            h[p][p] += siemens;
        }
        if (q >= 0) {
            h[q][q] += siemens;
        }
        if (p >= 0 && q >= 0) {
            h[p][q] -= siemens;
            h[q][p] -= siemens;
        }
    }
}
