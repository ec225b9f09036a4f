package org.spicelearn.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.learn.phase.EdgeClock;
import org.spicelearn.learn.phase.LengthDistribution;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.PhaseOrder;
import org.spicelearn.learn.phase.SampleSwitching;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.EdgeSense;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.rule.PhaseSignal;
import org.spicelearn.learn.rule.PhaseType;

/** Signs, gains and boundaries of the rules; weights and length means of the phase dynamics. */
class RuleAndPhaseTest {
    private static final int[] OUT = {3, 4};
    private static final double[] Y = {1.0, -1.0};
    private static final double[] FREE = {0.2, 0.4};

    @Test
    void epLocalUpdateIsMinusEtaOverBetaTimesSignedWeightedCoContent() {
        ContrastiveRule ep = new ContrastiveRule.EquilibriumPropagation(Nudging.POSITIVE, 0.01);
        EdgeSense edge = new EdgeSense(0.3, 1e-3); // h = 0.045 V^2
        double d = ep.localRule().deltaSiemens(edge, new PhaseSignal(PhaseType.POSITIVE, 2.0, 1e-4));
        assertEquals(-(1e-4 / 0.01) * 2.0 * 0.045, d, 1e-18);
        double dn = ep.localRule().deltaSiemens(edge, new PhaseSignal(PhaseType.NEGATIVE, 2.0, 1e-4));
        assertEquals(+(1e-4 / 0.01) * 2.0 * 0.045, dn, 1e-18);
    }

    @Test
    void epVariantsMakeTheirSecondStatesAndGains() {
        var pos = new ContrastiveRule.EquilibriumPropagation(Nudging.POSITIVE, 0.5);
        var neg = new ContrastiveRule.EquilibriumPropagation(Nudging.NEGATIVE, 0.5);
        var cen = new ContrastiveRule.EquilibriumPropagation(Nudging.CENTRED, 0.5);
        assertEquals(new OutputBoundary.Nudge(0.5, OUT, Y), pos.boundary(PhaseType.POSITIVE, OUT, Y, null));
        assertEquals(OutputBoundary.FREE, pos.boundary(PhaseType.NEGATIVE, OUT, Y, null));
        assertEquals(new OutputBoundary.Nudge(-0.5, OUT, Y), neg.boundary(PhaseType.POSITIVE, OUT, Y, null));
        assertEquals(OutputBoundary.FREE, neg.boundary(PhaseType.NEGATIVE, OUT, Y, null));
        assertEquals(new OutputBoundary.Nudge(0.5, OUT, Y), cen.boundary(PhaseType.POSITIVE, OUT, Y, null));
        assertEquals(new OutputBoundary.Nudge(-0.5, OUT, Y), cen.boundary(PhaseType.NEGATIVE, OUT, Y, null));
        assertEquals(2.0, pos.gain());
        assertEquals(-2.0, neg.gain());
        assertEquals(1.0, cen.gain());
    }

    @Test
    void coupledLearningClampsBetweenFreeOutputsAndTargets() {
        var cpl = new ContrastiveRule.CoupledLearning(Nudging.POSITIVE, 0.25);
        var b = assertInstanceOf(OutputBoundary.Clamp.class, cpl.boundary(PhaseType.POSITIVE, OUT, Y, FREE));
        assertArrayEquals(new double[] {0.2 + 0.25 * 0.8, 0.4 + 0.25 * -1.4}, b.volts(), 1e-15);
        var centred = new ContrastiveRule.CoupledLearning(Nudging.CENTRED, 0.25);
        var bn = assertInstanceOf(OutputBoundary.Clamp.class, centred.boundary(PhaseType.NEGATIVE, OUT, Y, FREE));
        assertArrayEquals(new double[] {0.2 - 0.25 * 0.8, 0.4 + 0.25 * 1.4}, bn.volts(), 1e-15);
        assertEquals(4.0, cpl.gain());
        assertEquals(2.0, centred.gain());
        assertThrows(IllegalArgumentException.class, () -> cpl.boundary(PhaseType.POSITIVE, OUT, Y, null));
        var cl = new ContrastiveRule.FullClamp();
        assertEquals(new OutputBoundary.Clamp(OUT, Y), cl.boundary(PhaseType.POSITIVE, OUT, Y, null));
        assertEquals(OutputBoundary.FREE, cl.boundary(PhaseType.NEGATIVE, OUT, Y, null));
    }

    @Test
    void importanceWeightsAreHalfInverseTimeFractions() {
        var tl = new PhaseDynamics.TemporallyLocal(new PhaseOrder.StochasticType(0.3, true),
                new LengthDistribution.Fixed(), 1, 1, new SampleSwitching.EveryKPhases(2), new EdgeClock.Synchronous());
        assertEquals(1 / 0.6, tl.weight(PhaseType.POSITIVE), 1e-15);
        assertEquals(1 / 1.4, tl.weight(PhaseType.NEGATIVE), 1e-15);
        var timed = new PhaseDynamics.TemporallyLocal(new PhaseOrder.StochasticType(0.3, true),
                new LengthDistribution.Geometric(), 4, 2, new SampleSwitching.EveryKPhases(2), new EdgeClock.Synchronous());
        double piPlus = 0.3 * 4 / (0.3 * 4 + 0.7 * 2);
        assertEquals(piPlus, timed.timeFraction(PhaseType.POSITIVE), 1e-15);
        assertEquals(1 / (2 * piPlus), timed.weight(PhaseType.POSITIVE), 1e-15);
        assertEquals(1 / (2 * (1 - piPlus)), timed.weight(PhaseType.NEGATIVE), 1e-15);
        // expected weighted time per phase: p mu+ w+ = (1-p) mu- w- = mean length / 2
        double mean = 0.3 * 4 + 0.7 * 2;
        assertEquals(mean / 2, 0.3 * 4 * timed.weight(PhaseType.POSITIVE), 1e-14);
        assertEquals(mean / 2, 0.7 * 2 * timed.weight(PhaseType.NEGATIVE), 1e-14);
        var off = new PhaseDynamics.TemporallyLocal(new PhaseOrder.StochasticType(0.3, false),
                new LengthDistribution.Fixed(), 1, 1, new SampleSwitching.EveryKPhases(2), new EdgeClock.Synchronous());
        assertEquals(1.0, off.weight(PhaseType.POSITIVE));
        assertEquals(1.0, off.weight(PhaseType.NEGATIVE));
    }

    @Test
    void everyLengthDistributionHasTheRequestedMean() {
        LengthDistribution[] all = {new LengthDistribution.Fixed(), new LengthDistribution.Geometric(),
            new LengthDistribution.Exponential(), new LengthDistribution.Uniform(0.5), new LengthDistribution.LogNormal(0.5)};
        int n = 200_000;
        for (LengthDistribution d : all) {
            Rng rng = new Rng(7);
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double x = d.sample(3.0, rng);
                if (!(x > 0)) {
                    throw new AssertionError(d + " drew " + x);
                }
                sum += x;
                sumSq += x * x;
            }
            double mean = sum / n;
            double se = Math.sqrt(Math.max(sumSq / n - mean * mean, 0) / n);
            assertEquals(3.0, mean, 5 * se + 1e-12, d.toString());
        }
        Rng rng = new Rng(1);
        for (int i = 0; i < 1000; i++) {
            double k = new LengthDistribution.Geometric().sample(2.5, rng);
            assertEquals(Math.rint(k), k, 0.0);
        }
    }

    @Test
    void alternatingOrderStartsFreeAndAlternates() {
        var order = new PhaseOrder.Alternating();
        Rng rng = new Rng(0);
        PhaseType t = order.next(null, rng);
        assertEquals(PhaseType.NEGATIVE, t);
        assertEquals(PhaseType.POSITIVE, order.next(t, rng));
        var stoch = new PhaseOrder.StochasticType(0.3, true);
        int pos = 0;
        for (int i = 0; i < 100_000; i++) {
            if (stoch.next(null, rng) == PhaseType.POSITIVE) {
                pos++;
            }
        }
        assertEquals(0.3, pos / 100_000.0, 5 * Math.sqrt(0.21 / 100_000));
    }

    @Test
    void rngStateResumesTheSameStream() {
        Rng a = new Rng(42);
        a.nextLong();
        Rng b = Rng.fromState(a.state());
        for (int i = 0; i < 10; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertEquals(new Rng(5).nextDouble(), new Rng(5).nextDouble());
    }
}
