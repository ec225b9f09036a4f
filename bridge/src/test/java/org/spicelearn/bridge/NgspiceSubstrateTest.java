package org.spicelearn.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.Waveform;
import org.spicelearn.circuit.generate.DisorderedNetworkGenerator;
import org.spicelearn.circuit.generate.DisorderedNetworkSpec;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;
import org.spicelearn.circuit.generate.Networks;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.netlist.NetlistParser;

/** NgspiceSubstrate against IdealSubstrate: random and library networks, diodes, updates, transients, recovery, parallel work. */
@Tag("ngspice")
class NgspiceSubstrateTest {
    @BeforeAll
    static void needsNgspice() {
        NgspiceRequired.check();
    }

    /** Random inputs in [-1, 1] V for every source named vin*. */
    private static Map<String, Double> inputs(Circuit c, SplittableRandom random) {
        Map<String, Double> m = new java.util.HashMap<>();
        for (VoltageSource v : c.elements(VoltageSource.class)) {
            if (v.name().startsWith("vin")) {
                m.put(v.name(), 2 * random.nextDouble() - 1);
            }
        }
        return m;
    }

    private static double[] targets(int n, SplittableRandom random) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble() - 0.5;
        }
        return y;
    }

    /** Asserts |a - b| <= relative * max|b| at every node. */
    private static void assertClose(NodeVoltages expected, NodeVoltages actual, double relative, String what) {
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.volts(i)));
        }
        assertArrayEquals(expected.toArray(), actual.toArray(), relative * scale, what);
    }

    /** Runs free, nudged (both signs) and clamped phases plus a small and a large update on both substrates. */
    private static void compareEveryPhase(Circuit c, long seed, double tolerance, boolean relative) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Double> in = inputs(c, random);
        int[] outs = Networks.outputNodes(c);
        double[] y = targets(outs.length, random);
        List<BoundaryConditions> phases = List.of(
                new BoundaryConditions(in, OutputBoundary.FREE),
                new BoundaryConditions(in, new OutputBoundary.Nudge(1e-4, outs, y)),
                new BoundaryConditions(in, new OutputBoundary.Nudge(-1e-4, outs, y)),
                new BoundaryConditions(in, new OutputBoundary.Clamp(outs, y)),
                new BoundaryConditions(in, OutputBoundary.FREE));
        try (NgspiceSubstrate ng = new NgspiceSubstrate(c); IdealSubstrate ideal = new IdealSubstrate(c)) {
            for (int round = 0; round < 2; round++) {
                for (BoundaryConditions b : phases) {
                    ng.setBoundary(b);
                    ideal.setBoundary(b);
                    NodeVoltages expected = ideal.settle();
                    NodeVoltages actual = ng.settle();
                    String what = c.title() + " round " + round + " " + b.output();
                    if (relative) {
                        assertClose(expected, actual, tolerance, what);
                    } else {
                        assertArrayEquals(expected.toArray(), actual.toArray(), tolerance, what);
                    }
                }
                // round 0: one conductance changes (alter); round 1: all of them (reload)
                double[] delta = new double[c.trainables().size()];
                for (int t = 0; t < delta.length; t++) {
                    delta[t] = round == 0 && t > 0 ? 0 : (random.nextDouble() - 0.5) * c.trainables().get(t).siemens();
                }
                Conductances applied = ng.adjust(Conductances.of(delta));
                assertArrayEquals(ideal.adjust(Conductances.of(delta)).toArray(), applied.toArray(), 0);
                assertArrayEquals(ideal.conductances().toArray(), ng.conductances().toArray(), 0);
            }
            // loads: the first, the one adding the nudge elements, the one adding the clamp; updates are alters
            assertEquals(3, ng.reloads(), c.title());
        }
    }

    @Test
    void aHundredRandomLinearNetworksAgreeWithinOnePartPerBillion() {
        SplittableRandom sizes = new SplittableRandom(7);
        for (int k = 0; k < 100; k++) {
            Circuit c = DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(8 + sizes.nextInt(50)), 1000 + k);
            compareEveryPhase(c, k, 1e-9, true);
        }
    }

    @Test
    void layeredLibraryNetworksAgreeWithinOnePartPerBillion() {
        compareEveryPhase(LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(8, 10, 3).withBias(true, 1), 3), 1, 1e-9, true);
        compareEveryPhase(LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(8, 6, 6, 2).withAmplifierGain(2), 4), 2,
                1e-9, true);
        compareEveryPhase(LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(128, 32, 10), 5), 3, 1e-9, true);
    }

    @Test
    void theShippedLibraryNetlistsAgreeWithTheIdealSubstrate() throws Exception {
        Path library = Path.of("..", "netlists", "library");
        assertTrue(Files.isDirectory(library), "the netlist library at " + library.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> list = Files.list(library)) {
            files = list.filter(f -> f.toString().endsWith(".cir")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "library files: " + files);
        long seed = 40;
        for (Path f : files) {
            Circuit c = NetlistParser.parse(f).circuit();
            boolean diodes = !c.elements(Diode.class).isEmpty();
            // linear networks: 1e-9 relative; Shockley-diode networks: 1 microvolt
            compareEveryPhase(c, seed++, diodes ? 1e-6 : 1e-9, !diodes);
        }
    }

    @Test
    void shockleyDiodeNetworksAgreeWithinAMicrovolt() {
        for (int seed = 0; seed < 10; seed++) {
            Circuit c = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(8, 10, 3)
                    .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY).withBias(true, 1), 20 + seed);
            compareEveryPhase(c, seed, 1e-6, false);
        }
    }

    @Test
    void theNudgeAddsBetaTimesTargetMinusVoltageIntoTheNode() {
        // a single node held by r to ground and nudged: V = beta*y / (g + beta); with beta < 0 the node is pushed away
        Circuit.Builder b = Circuit.builder("one node");
        int n = b.node("n");
        b.add(VoltageSource.dc("v1", b.node("a"), Circuit.GROUND, 0));
        b.add(Resistor.fixed("r0", b.node("a"), n, 1000));
        Circuit c = b.build();
        try (NgspiceSubstrate s = new NgspiceSubstrate(c)) {
            for (double beta : new double[] {5e-4, -5e-4}) {
                s.setBoundary(BoundaryConditions.free().withOutput(new OutputBoundary.Nudge(beta, new int[] {n}, new double[] {1})));
                assertEquals(beta / (1e-3 + beta), s.settle().volts(n), 1e-15, "beta " + beta);
            }
        }
    }

    private static Circuit rc(double ohms, double farads) {
        Circuit.Builder b = Circuit.builder("rc");
        int in = b.node("in");
        int out = b.node("out");
        b.add(VoltageSource.dc("v1", in, Circuit.GROUND, 0));
        b.add(Resistor.trainable("r1", in, out, ohms, new ConductanceBounds(1e-6, 1)));
        b.add(new Capacitor("c1", out, Circuit.GROUND, farads));
        return b.build();
    }

    /** The largest error against the exact RC charging curve over 5 tau, sampled every tau/2. */
    private static double rcError(IntegrationMethod method, double stepSeconds) {
        double tau = 1e-3;
        Circuit c = rc(1000, 1e-6);
        try (Substrate s = new NgspiceSubstrate(c, new TransientSettings(method, stepSeconds))) {
            s.settle();
            s.setBoundary(new BoundaryConditions(Map.of("v1", 1.0), OutputBoundary.FREE));
            double worst = 0;
            for (int k = 1; k <= 10; k++) {
                NodeVoltages v = s.advance(tau / 2);
                assertEquals(k * tau / 2, v.timeSeconds(), 1e-15);
                worst = Math.max(worst, Math.abs(v.volts(c.nodeIndex("out")) - (1 - Math.exp(-k / 2.0))));
            }
            return worst;
        }
    }

    @Test
    void transientRcErrorsShrinkWithTheOrderOfTheIntegrator() {
        double tau = 1e-3;
        double be = rcError(IntegrationMethod.BACKWARD_EULER, tau / 50);
        double beHalf = rcError(IntegrationMethod.BACKWARD_EULER, tau / 100);
        double trap = rcError(IntegrationMethod.TRAPEZOIDAL, tau / 50);
        double trapHalf = rcError(IntegrationMethod.TRAPEZOIDAL, tau / 100);
        // backward Euler: first order, error about h/(2 tau) * max(t e^-t) = 0.0037 at h = tau/50
        assertTrue(be < 0.01 && be > 1e-4, "BE error " + be);
        assertEquals(2.0, be / beHalf, 0.3, "BE error ratio when the step halves: " + be + " / " + beHalf);
        // trapezoidal: second order
        assertTrue(trap < 1e-4, "trapezoidal error " + trap);
        assertTrue(trap / trapHalf > 3.0, "trapezoidal error ratio when the step halves: " + trap + " / " + trapHalf);
    }

    /** The largest error of an RC (tau 0.1 ms) driven by a 1 kHz sine from rest, over 2 ms, against the exact solution. */
    private static double sineRcError(double stepSeconds) {
        Circuit.Builder b = Circuit.builder("rc sine");
        int in = b.node("in");
        int out = b.node("out");
        double hertz = 1000;
        double tau = 1e-4;
        b.add(new VoltageSource("v1", in, Circuit.GROUND, 0, new Waveform.Sin(0, 1, hertz, 0, 0)));
        b.add(Resistor.fixed("r1", in, out, 100));
        b.add(new Capacitor("c1", out, Circuit.GROUND, 1e-6));
        try (NgspiceSubstrate s = new NgspiceSubstrate(b.build(), new TransientSettings(IntegrationMethod.TRAPEZOIDAL,
                stepSeconds))) {
            assertEquals(0, s.settle().volts(out), 1e-15);
            double worst = 0;
            double wt = 2 * Math.PI * hertz * tau;
            for (int k = 1; k <= 40; k++) {
                NodeVoltages v = s.advance(5e-5);
                double t = v.timeSeconds();
                assertEquals(k * 5e-5, t, 1e-15);
                double w = 2 * Math.PI * hertz;
                double exact = (Math.sin(w * t) - wt * Math.cos(w * t) + wt * Math.exp(-t / tau)) / (1 + wt * wt);
                worst = Math.max(worst, Math.abs(v.volts(out) - exact));
            }
            return worst;
        }
    }

    @Test
    void timeVaryingSourcesSeeTheSubstratesClockAndConvergeAtSecondOrder() {
        double coarse = sineRcError(1e-5);
        double fine = sineRcError(5e-6);
        double finer = sineRcError(2.5e-6);
        assertTrue(coarse < 5e-4, "error at a step of 1/100 period: " + coarse);
        assertTrue(coarse / fine > 3 && fine / finer > 3, "second order: " + coarse + ", " + fine + ", " + finer);
    }

    @Test
    void changesAtPausesFollowThePiecewiseExactSolutionFromTheStateReached() {
        Circuit c = rc(1000, 1e-6);
        int out = c.nodeIndex("out");
        double farads = 1e-6;
        double tau = 1e-3;
        try (Substrate ng = new NgspiceSubstrate(c, new TransientSettings(IntegrationMethod.TRAPEZOIDAL, tau / 200))) {
            ng.settle();
            ng.setBoundary(new BoundaryConditions(Map.of("v1", 1.0), OutputBoundary.FREE));
            double exact = 0;
            double siemens = 1e-3;
            for (int k = 0; k < 8; k++) {
                double volts = ng.advance(tau / 4).volts(out);
                exact = 1 + (exact - 1) * Math.exp(-tau / 4 * siemens / farads);
                assertEquals(exact, volts, 2e-5, "pause " + k);
                double dg = (k % 2 == 0 ? 1 : -1) * 4e-4;
                assertEquals(dg, ng.adjust(Conductances.of(dg)).siemens(0), 1e-18);
                siemens += dg;
                assertEquals(siemens, ng.conductances().siemens(0), 1e-18);
            }
        }
    }

    @Test
    void aLongTransientRestartsFromItsStateAndStaysOnTheExactCurve() {
        Circuit c = rc(1000, 1e-6);
        int out = c.nodeIndex("out");
        double tau = 1e-3;
        try (NgspiceSubstrate ng = new NgspiceSubstrate(c, new TransientSettings(IntegrationMethod.TRAPEZOIDAL, tau / 200))) {
            ng.restartPointsForTest(60);
            ng.settle();
            ng.setBoundary(new BoundaryConditions(Map.of("v1", 1.0), OutputBoundary.FREE));
            for (int k = 1; k <= 40; k++) {
                NodeVoltages v = ng.advance(tau / 8);
                assertEquals(k * tau / 8, v.timeSeconds(), 1e-15);
                assertEquals(1 - Math.exp(-k / 8.0), v.volts(out), 2e-5, "pause " + k);
            }
            assertTrue(ng.restarts() >= 10, "restarts: " + ng.restarts());
        }
    }

    /**
     * Regression: ngspice 39.3 drops a breakpoint when a step happens to land within its
     * {@code minbreak} (5e-5 of the largest step after a {@code resume}) short of it, and the run
     * then went on past the pause (in XOR training once per ~25,000 pauses; pauses much shorter than a
     * step hit it at once). 3,000 pauses of log-uniform length between 1e-3 and 3 largest steps, an
     * alter of the conductance (time constant 50 to 200 steps) before every one, a new input every
     * seventh, a restart from the state every 40 points: each pause lands at its time on the exact
     * piecewise-exponential curve.
     */
    @Test
    void thousandsOfPausesOfVariedLengthWithAltersAndRestartsStayExactlyOnTime() {
        double farads = 5e-7;
        double step = 5e-6;
        Circuit c = rc(1000, farads);
        int out = c.nodeIndex("out");
        SplittableRandom random = new SplittableRandom(2024);
        try (NgspiceSubstrate ng = new NgspiceSubstrate(c, new TransientSettings(IntegrationMethod.TRAPEZOIDAL, step))) {
            ng.restartPointsForTest(40);
            ng.settle();
            double elapsed = 0;
            double exact = 0;
            double input = 0;
            double worst = 0;
            for (int k = 0; k < 3000; k++) {
                if (k % 7 == 0) {
                    input = 2 * random.nextDouble() - 1;
                    ng.setBoundary(new BoundaryConditions(Map.of("v1", input), OutputBoundary.FREE));
                }
                double siemens = 5e-4 * Math.pow(4, random.nextDouble());
                ng.setConductances(Conductances.of(siemens));
                double duration = step * Math.pow(10, -3 + Math.log10(3e3) * random.nextDouble());
                NodeVoltages v = ng.advance(duration);
                elapsed += duration;
                exact = input + (exact - input) * Math.exp(-duration * siemens / farads);
                assertEquals(elapsed, v.timeSeconds(), 1e-15, "pause " + k);
                worst = Math.max(worst, Math.abs(v.volts(out) - exact));
            }
            assertTrue(worst < 2e-5, "largest error against the exact curve: " + worst + " V");
            assertTrue(ng.restarts() >= 50, "restarts: " + ng.restarts());
        }
    }

    @Test
    void aNudgeAddedDuringATransientStartsFromTheStateReached() {
        Circuit c = rc(1000, 1e-6);
        int out = c.nodeIndex("out");
        double g = 1e-3;
        double beta = 5e-4;
        double farads = 1e-6;
        try (NgspiceSubstrate ng = new NgspiceSubstrate(c, new TransientSettings(IntegrationMethod.TRAPEZOIDAL, 5e-6))) {
            ng.setBoundary(new BoundaryConditions(Map.of("v1", 1.0), OutputBoundary.FREE));
            assertEquals(1.0, ng.settle().volts(out), 1e-12);
            // the nudge elements need a reload: the run continues from V(out) = 1 toward g / (g + beta)
            ng.setBoundary(new BoundaryConditions(Map.of("v1", 1.0), new OutputBoundary.Nudge(beta, new int[] {out},
                    new double[] {0})));
            double end = g / (g + beta);
            for (int k = 1; k <= 6; k++) {
                NodeVoltages v = ng.advance(2e-4);
                double exact = end + (1 - end) * Math.exp(-v.timeSeconds() * (g + beta) / farads);
                assertEquals(k * 2e-4, v.timeSeconds(), 1e-15);
                assertEquals(exact, v.volts(out), 2e-5, "pause " + k);
            }
        }
    }

    @Test
    void aControlledExitIsSurvivedByReloadingIntoAFreshInstance() {
        Circuit c = DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(20), 77);
        try (NgspiceSubstrate s = new NgspiceSubstrate(c)) {
            double[] delta = new double[c.trainables().size()];
            delta[0] = 1e-4;
            s.adjust(Conductances.of(delta));
            NodeVoltages before = s.settle();
            NgspiceInstance dead = s.session().instance();
            dead.command("quit");
            assertTrue(dead.exited());
            NodeVoltages after = s.settle();
            assertTrue(s.session().instance() != dead);
            assertArrayEquals(before.toArray(), after.toArray(), 0, "the reloaded circuit keeps the adjusted conductance");
        }
    }

    @Test
    void aTransientSurvivesAControlledExitFromItsLastPause() {
        Circuit c = rc(1000, 1e-6);
        int out = c.nodeIndex("out");
        try (NgspiceSubstrate ng = new NgspiceSubstrate(c, new TransientSettings(IntegrationMethod.TRAPEZOIDAL, 5e-6))) {
            ng.settle();
            ng.setBoundary(new BoundaryConditions(Map.of("v1", 1.0), OutputBoundary.FREE));
            for (int k = 1; k <= 6; k++) {
                if (k == 4) {
                    ng.session().instance().command("quit");
                }
                NodeVoltages v = ng.advance(2.5e-4);
                assertEquals(k * 2.5e-4, v.timeSeconds(), 1e-15);
                assertEquals(1 - Math.exp(-v.timeSeconds() / 1e-3), v.volts(out), 2e-5, "pause " + k);
            }
            assertEquals(1, ng.restarts());
        }
    }

    @Test
    void advancesTooShortForNgspiceToPauseAfterAreRefusedClearly() {
        double step = 5e-6;
        try (NgspiceSubstrate ng = new NgspiceSubstrate(rc(1000, 1e-6), new TransientSettings(IntegrationMethod.TRAPEZOIDAL,
                step))) {
            ng.settle();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ng.advance(3e-9 * step));
            assertTrue(e.getMessage().contains("too short"), e.getMessage());
            assertEquals(5e-9 * step, ng.advance(5e-9 * step).timeSeconds(), 1e-30);
        }
    }

    @Test
    void advanceWithoutTransientSettingsIsUnsupported() {
        try (Substrate s = new NgspiceSubstrate(rc(1000, 1e-6))) {
            assertThrows(UnsupportedOperationException.class, () -> s.advance(1e-3));
        }
    }

    /** A deterministic little training loop: settle, nudge, adjust; returns every voltage seen. */
    private static List<double[]> workload(long seed) {
        Circuit c = DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(30), seed);
        int[] outs = Networks.outputNodes(c);
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> seen = new ArrayList<>();
        try (NgspiceSubstrate s = new NgspiceSubstrate(c)) {
            for (int step = 0; step < 150; step++) {
                Map<String, Double> in = inputs(c, random);
                s.setBoundary(new BoundaryConditions(in, OutputBoundary.FREE));
                NodeVoltages free = s.settle();
                s.setBoundary(new BoundaryConditions(in, new OutputBoundary.Nudge(1e-4, outs, targets(outs.length, random))));
                NodeVoltages nudged = s.settle();
                double[] delta = new double[c.trainables().size()];
                for (int t = 0; t < delta.length; t++) {
                    delta[t] = 1e-6 * (random.nextDouble() - 0.5);
                }
                s.adjust(Conductances.of(delta));
                seen.add(free.toArray());
                seen.add(nudged.toArray());
            }
        }
        return seen;
    }

    @Test
    void parallelSubstratesOnSeparateLibraryCopiesMatchASequentialRun() throws Exception {
        long[] seeds = {501, 502, 503};
        List<List<double[]>> sequential = new ArrayList<>();
        for (long seed : seeds) {
            sequential.add(workload(seed));
        }
        NgspiceSession.prepareInstances(seeds.length);
        ExecutorService pool = Executors.newFixedThreadPool(seeds.length);
        try {
            List<Future<List<double[]>>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> workload(seed)));
            }
            for (int i = 0; i < seeds.length; i++) {
                List<double[]> parallel = futures.get(i).get();
                assertEquals(sequential.get(i).size(), parallel.size());
                for (int k = 0; k < parallel.size(); k++) {
                    assertArrayEquals(sequential.get(i).get(k), parallel.get(k), 0, "seed " + seeds[i] + " solve " + k);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
