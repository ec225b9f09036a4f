package org.spicelearn.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.generate.CrossbarGenerator;
import org.spicelearn.circuit.generate.DisorderedNetworkGenerator;
import org.spicelearn.circuit.generate.DisorderedNetworkSpec;
import org.spicelearn.circuit.generate.LadderGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;

/**
 * The behaviour every {@link Substrate} must show, as an abstract JUnit 5 test: extend it, give a
 * factory and a tolerance, and every test here runs against your implementation.
 *
 * <p>Covers: divider values and input overrides, nudges with positive and negative beta against the
 * closed form, clamps, {@code adjust} within bounds, {@code setConductances}, settling after a change,
 * agreement with a dense reference on the shipped generators' networks, and (when the substrate can
 * advance in time) RC charging. Published in circuit-models' test-jar.
 */
public abstract class SubstrateContract {
    /** The unit resistance of the small test circuits, in ohms. */
    protected static final double R1_OHMS = 1000;
    /** The divider's lower resistance, in ohms. */
    protected static final double R2_OHMS = 3000;

    /** A new substrate for {@code circuit} (DC work). */
    protected abstract Substrate create(Circuit circuit);

    /** A new substrate that can advance in time, or {@code null} when the implementation cannot. */
    protected Substrate createTransient(Circuit circuit, TransientSettings settings) {
        return null;
    }

    /** The largest relative error allowed on DC node voltages (relative to the largest voltage). */
    protected abstract double relativeTolerance();

    /** The largest error allowed on the RC-charging transient, relative to the source step. */
    protected double transientTolerance() {
        return 2e-3;
    }

    /** vin (v1, 1 V) - r1 (1k, trainable) - out - r2 (3k, fixed) - ground. */
    protected static Circuit divider() {
        Circuit.Builder b = Circuit.builder("divider");
        int in = b.node("in");
        int out = b.node("out");
        b.add(VoltageSource.dc("v1", in, Circuit.GROUND, 1));
        b.add(Resistor.trainable("r1", in, out, R1_OHMS, new ConductanceBounds(1e-5, 1e-2)));
        b.add(Resistor.fixed("r2", out, Circuit.GROUND, R2_OHMS));
        return b.build();
    }

    private void assertVolts(double expected, double actual, String what) {
        assertEquals(expected, actual, relativeTolerance() * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void dividerSettlesToTheRatioAndFollowsInputOverrides() {
        Circuit c = divider();
        try (Substrate s = create(c)) {
            NodeVoltages v = s.settle();
            assertVolts(1.0, v.volts(c.nodeIndex("in")), "in");
            assertVolts(0.75, v.volts(c.nodeIndex("out")), "out");
            s.setBoundary(new BoundaryConditions(Map.of("v1", -2.0), OutputBoundary.FREE));
            assertVolts(-1.5, s.settle().volts(c.nodeIndex("out")), "out after override");
        }
    }

    @Test
    void nudgeWithPositiveAndNegativeBetaMatchesTheClosedForm() {
        Circuit c = divider();
        int out = c.nodeIndex("out");
        double g1 = 1 / R1_OHMS;
        double g2 = 1 / R2_OHMS;
        double target = 0.2;
        try (Substrate s = create(c)) {
            for (double beta : new double[] {2e-4, -2e-4, 1e-6, -1e-6}) {
                s.setBoundary(BoundaryConditions.free().withOutput(
                        new OutputBoundary.Nudge(beta, new int[] {out}, new double[] {target})));
                double expected = (g1 * 1.0 + beta * target) / (g1 + g2 + beta);
                assertVolts(expected, s.settle().volts(out), "nudged out, beta " + beta);
            }
        }
    }

    @Test
    void clampHoldsTheOutputAndTheRestFollows() {
        Circuit.Builder b = Circuit.builder("chain");
        int in = b.node("in");
        int mid = b.node("mid");
        int out = b.node("out");
        b.add(VoltageSource.dc("v1", in, Circuit.GROUND, 1));
        b.add(Resistor.fixed("r1", in, mid, 1000));
        b.add(Resistor.fixed("r2", mid, out, 2000));
        b.add(Resistor.fixed("r3", out, Circuit.GROUND, 500));
        Circuit c = b.build();
        try (Substrate s = create(c)) {
            s.setBoundary(BoundaryConditions.free().withOutput(new OutputBoundary.Clamp(new int[] {out}, new double[] {0.3})));
            NodeVoltages v = s.settle();
            assertVolts(0.3, v.volts(out), "clamped out");
            assertVolts((1.0 / 1000 + 0.3 / 2000) / (1.0 / 1000 + 1.0 / 2000), v.volts(mid), "mid");
            s.setBoundary(BoundaryConditions.free());
            assertVolts(500.0 / 3500, s.settle().volts(out), "free out after the clamp is released");
        }
    }

    @Test
    void adjustClipsToTheBoundsAndReportsTheAppliedChange() {
        try (Substrate s = create(divider())) {
            double g = s.conductances().siemens(0);
            assertEquals(1e-3, g, 1e-12);
            Conductances applied = s.adjust(Conductances.of(1.0));
            assertEquals(1e-2 - g, applied.siemens(0), 1e-12);
            assertEquals(1e-2, s.conductances().siemens(0), 1e-12);
            applied = s.adjust(Conductances.of(-1.0));
            assertEquals(1e-5 - 1e-2, applied.siemens(0), 1e-12);
            assertEquals(1e-5, s.conductances().siemens(0), 1e-15);
            applied = s.adjust(Conductances.of(2e-4));
            assertEquals(2e-4, applied.siemens(0), 1e-12);
            assertEquals(2.1e-4, s.conductances().siemens(0), 1e-12);
        }
    }

    @Test
    void setConductancesThenSettleUsesTheNewValues() {
        Circuit c = divider();
        try (Substrate s = create(c)) {
            s.settle();
            Conductances applied = s.setConductances(Conductances.of(1.0 / R2_OHMS));
            assertEquals(1.0 / R2_OHMS - 1e-3, applied.siemens(0), 1e-12);
            assertEquals(0.5, s.settle().volts(c.nodeIndex("out")), relativeTolerance());
            s.adjust(Conductances.of(1.0 / 1000 - 1.0 / R2_OHMS));
            assertVolts(0.75, s.settle().volts(c.nodeIndex("out")), "out after adjust");
        }
    }

    /** The shipped generators' networks, each with seeded input values (linear: the reference can solve them). */
    protected static List<Circuit> shippedNetworks() {
        return List.of(
                LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 10, 3).withBias(true, 1), 11),
                LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(8, 6, 6, 2).withAmplifierGain(2), 12),
                DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(64), 13),
                CrossbarGenerator.generate(5, 3, 10_000, 14),
                LadderGenerator.generate(6, 1000, 1));
    }

    /** Seeded overrides in [-1, 1] V for every voltage source named {@code vin...}. */
    protected static Map<String, Double> seededInputs(Circuit circuit, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Double> volts = new LinkedHashMap<>();
        for (VoltageSource v : circuit.elements(VoltageSource.class)) {
            if (v.name().startsWith("vin")) {
                volts.put(v.name(), 2 * random.nextDouble() - 1);
            }
        }
        return volts;
    }

    @Test
    void shippedNetworksAgreeWithTheDenseReference() {
        long seed = 100;
        for (Circuit c : shippedNetworks()) {
            Map<String, Double> inputs = seededInputs(c, seed++);
            NodeVoltages reference = ReferenceSolver.solve(c, inputs);
            try (Substrate s = create(c)) {
                s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
                NodeVoltages v = s.settle();
                double scale = 0;
                for (int i = 0; i < reference.size(); i++) {
                    scale = Math.max(scale, Math.abs(reference.volts(i)));
                }
                assertEquals(reference.size(), v.size(), c.title());
                for (int i = 0; i < reference.size(); i++) {
                    assertEquals(reference.volts(i), v.volts(i), relativeTolerance() * scale,
                            c.title() + " node " + c.nodeName(i));
                }
            }
        }
    }

    /** vin (v1, 0 V) - r1 (1k) - out - c1 (1 uF) - ground: tau = 1 ms. */
    private static Circuit rc() {
        Circuit.Builder b = Circuit.builder("rc");
        int in = b.node("in");
        int out = b.node("out");
        b.add(VoltageSource.dc("v1", in, Circuit.GROUND, 0));
        b.add(Resistor.fixed("r1", in, out, 1000));
        b.add(new Capacitor("c1", out, Circuit.GROUND, 1e-6));
        return b.build();
    }

    /**
     * A fresh substrate that advances without a settle starts from the DC equilibrium under its
     * present boundary: out stays at the input, then discharges exponentially once the input drops.
     */
    @Test
    void advanceBeforeAnySettleStartsFromTheEquilibrium() {
        Circuit c = rc();
        int out = c.nodeIndex("out");
        double tau = 1e-3;
        Substrate s = createTransient(c, new TransientSettings(IntegrationMethod.TRAPEZOIDAL, tau / 200));
        Assumptions.assumeTrue(s != null, "this substrate has no time dynamics");
        try (s) {
            s.setBoundary(new BoundaryConditions(Map.of("v1", 0.8), OutputBoundary.FREE));
            NodeVoltages first = s.advance(tau / 4);
            assertEquals(tau / 4, first.timeSeconds(), 1e-12);
            assertEquals(0.8, first.volts(out), transientTolerance() * 0.8, "out held at the equilibrium");
            s.setBoundary(BoundaryConditions.free());
            for (int k = 1; k <= 4; k++) {
                NodeVoltages v = s.advance(tau / 2);
                assertEquals(tau / 4 + k * tau / 2, v.timeSeconds(), 1e-12);
                assertEquals(0.8 * Math.exp(-k / 2.0), v.volts(out), transientTolerance() * 0.8, "discharge " + k);
            }
        }
    }

    @Test
    void rcChargingFollowsTheExponential() {
        Circuit c = rc();
        int out = c.nodeIndex("out");
        double tau = 1e-3;
        Substrate s = createTransient(c, new TransientSettings(IntegrationMethod.TRAPEZOIDAL, tau / 200));
        Assumptions.assumeTrue(s != null, "this substrate has no time dynamics");
        try (s) {
            assertEquals(0, s.settle().volts(out), 1e-12);
            s.setBoundary(new BoundaryConditions(Map.of("v1", 1.0), OutputBoundary.FREE));
            double[] expected = new double[5];
            double[] actual = new double[5];
            for (int k = 0; k < 5; k++) {
                NodeVoltages v = s.advance(tau / 2);
                expected[k] = 1 - Math.exp(-v.timeSeconds() / tau);
                actual[k] = v.volts(out);
                assertEquals(tau / 2 * (k + 1), v.timeSeconds(), 1e-12);
            }
            assertArrayEquals(expected, actual, transientTolerance());
            assertTrue(actual[4] > 0.9, "charged to " + actual[4]);
        }
    }
}
