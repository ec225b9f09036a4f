package org.spicelearn.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.ideal.IdealSubstrate;

class ValidationModelTest {

    @Test
    void boundsAcceptTheirRegionAndNeverNaN() {
        assertTrue(new Bound.AtMost(1e-9).accepts(1e-9));
        assertFalse(new Bound.AtMost(1e-9).accepts(1.0000001e-9));
        assertTrue(new Bound.AtLeast(0.999).accepts(0.9995));
        assertFalse(new Bound.AtLeast(0.999).accepts(0.998));
        assertTrue(new Bound.Within(2, 0.3).accepts(1.71));
        assertFalse(new Bound.Within(2, 0.3).accepts(2.31));
        for (Bound b : List.of(new Bound.AtMost(1), new Bound.AtLeast(-1), new Bound.Within(0, 1e300))) {
            assertFalse(b.accepts(Double.NaN), b.describe());
            assertFalse(b.accepts(Double.POSITIVE_INFINITY), b.describe());
        }
        assertEquals("<= 1.000e-09", new Bound.AtMost(1e-9).describe());
        assertEquals("2 +/- 0.3", new Bound.Within(2, 0.3).describe());
    }

    @Test
    void numbersAreFormattedCompactly() {
        assertEquals("0.1235", Format.number(0.123456));
        assertEquals("1.235e-07", Format.number(1.23456e-7));
        assertEquals("1 - 1.00e-12", Format.number(1 - 1e-12));
        assertEquals("1", Format.number(1.0));
        assertEquals("NaN", Format.number(Double.NaN));
    }

    @Test
    void aSectionWithoutChecksDoesNotPass() {
        assertFalse(new SectionBuilder(Experiment.GRADIENT).build("t", "p").passed());
        SectionBuilder b = new SectionBuilder(Experiment.GRADIENT);
        b.check("x", "d", 1, "", new Bound.AtMost(2));
        assertTrue(b.build("t", "p").passed());
        assertThrows(IllegalArgumentException.class, () -> b.check("x", "again", 1, "", new Bound.AtMost(2)));
    }

    @Test
    void experimentNamesResolveAndUnknownNamesListTheValidOnes() {
        assertEquals(Experiment.FLEXIBLE_VS_RIGID, Experiment.byName("flexible-vs-rigid"));
        assertEquals(Experiment.SOLVER_AGREEMENT, Experiment.byName("SOLVER_AGREEMENT"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiment.byName("gradients"));
        assertTrue(e.getMessage().contains("gradients") && e.getMessage().contains("nonequilibrium-bias"), e.getMessage());
    }

    @Test
    void statsMatchClosedForms() {
        double[] x = {1e-2, 2e-2, 4e-2, 8e-2};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3.7 * x[i] * x[i];
        }
        assertEquals(2.0, Stats.logLogSlope(x, y), 1e-12);
        assertEquals(2.0, Stats.mean(new double[] {1, 2, 3}), 0);
        assertEquals(1.0, Stats.sd(new double[] {1, 2, 3}), 1e-15);
        assertEquals(0.0, Stats.cosine(new double[] {1, 0}, new double[] {0, 2}), 0);
        assertArrayEquals(new double[] {1, 10, 100}, Stats.geometric(1, 100, 3), 1e-12);
    }

    @Test
    void varianceFitRecoversItsCoefficientsAndTheOptimalP() {
        double a = 0.8;
        double b = 0.2;
        double c = -0.1;
        double[] p = new double[17];
        double[] v = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = 0.1 + 0.05 * k;
            v[k] = a / p[k] + b / (1 - p[k]) + c;
        }
        assertArrayEquals(new double[] {a, b, c}, UnbiasedPhasesExperiment.fitVariance(p, v), 1e-9);
        // the minimiser of a/p + b/(1-p) is sqrt(a)/(sqrt(a)+sqrt(b)) = 2/3
        double best = Double.POSITIVE_INFINITY;
        double argmin = 0;
        for (int k = 1; k < 1000; k++) {
            double q = k / 1000.0;
            double f = a / q + b / (1 - q);
            if (f < best) {
                best = f;
                argmin = q;
            }
        }
        assertEquals(2.0 / 3, argmin, 1e-3);
    }

    @Test
    void aFrozenSubstrateSumsRequestsAndNeverChanges() {
        var c = ProbeNetworks.layered(1, false, 2, 2, 1);
        try (FrozenSubstrate f = new FrozenSubstrate(new IdealSubstrate(c))) {
            Conductances before = f.conductances();
            double[] d = new double[before.size()];
            d[0] = 1e-3;
            d[1] = -2e-3;
            assertEquals(0.0, f.adjust(Conductances.of(d)).maxAbs());
            assertEquals(0.0, f.adjust(Conductances.of(d)).maxAbs());
            assertEquals(before, f.conductances());
            assertEquals(2e-3, f.requestedSum()[0], 1e-18);
            assertEquals(-4e-3, f.requestedSum()[1], 1e-18);
        }
    }

    @Test
    void nodeCapacitanceGoesOnEveryNodeNotHeldBySources() {
        var c = ProbeNetworks.layered(1, false, 2, 2, 1);
        var withCaps = TrainingRuns.withNodeCapacitance(c, 1e-9);
        // held: in0p, in0n, b1p, b1n, b2p, b2n; free: h1_0, h1_1, out0
        assertEquals(3, withCaps.elements(org.spicelearn.circuit.Capacitor.class).size());
        assertTrue(TrainingRuns.slowestTauSeconds(withCaps, 1e-9) > 0);
    }

    @Test
    void aRunTheSubstrateCannotContinueBecomesANaNOutcome() {
        var c = ProbeNetworks.layered(1, false, 2, 2, 1);
        var ex = ProbeNetworks.examples(new org.spicelearn.learn.Rng(1), 1, 1, 2);
        var data = new org.spicelearn.learn.train.TrainingData(List.of("vin0p", "vin0n"), List.of("out0"), ex, List.of(),
                false);
        var task = new TrainingTask("probe", c, data);
        var cfg = TrainingRuns.dc(Scheme.RIGID, TrainingRuns.hyper(TrainingTask.Kind.IRIS),
                new org.spicelearn.learn.device.DeviceModel.Ideal(), 1, 1);
        IdealSubstrate ideal = new IdealSubstrate(c);
        try (org.spicelearn.circuit.Substrate failing = new org.spicelearn.circuit.Substrate() {
            @Override
            public org.spicelearn.circuit.Circuit circuit() {
                return ideal.circuit();
            }

            @Override
            public Conductances conductances() {
                return ideal.conductances();
            }

            @Override
            public void setBoundary(org.spicelearn.circuit.BoundaryConditions conditions) {
                ideal.setBoundary(conditions);
            }

            @Override
            public org.spicelearn.circuit.NodeVoltages settle() {
                throw new org.spicelearn.circuit.SubstrateException("Newton did not converge (test)");
            }

            @Override
            public org.spicelearn.circuit.NodeVoltages advance(double durationSeconds) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Conductances adjust(Conductances requestedDeltas) {
                return ideal.adjust(requestedDeltas);
            }

            @Override
            public void close() {
                ideal.close();
            }
        }) {
            TrainingRuns.Outcome o = TrainingRuns.train(failing, task, cfg);
            assertTrue(o.failed());
            assertTrue(Double.isNaN(o.finalLoss()));
            assertTrue(o.failure().contains("Newton"));
            assertTrue(Double.isNaN(o.lossCurve(3)[0]));
        }
    }

    @Test
    void anExperimentThatThrowsBecomesAFailingSection() {
        ValidationReport r = new ValidationSuite(new ValidationSettings(true, Path.of("no-such-library"), 1), s -> { })
                .run(List.of(Experiment.SOLVER_AGREEMENT));
        assertFalse(r.passed());
        assertFalse(r.failures().isEmpty());
    }
}
