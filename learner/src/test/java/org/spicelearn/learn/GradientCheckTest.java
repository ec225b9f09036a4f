package org.spicelearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.train.DriftAnalysis;
import org.spicelearn.learn.train.NetworkPorts;

/**
 * The gradient check that fixes signs and constants: EP and coupled-learning estimates, computed
 * by the production local rule from settled states of the ideal substrate, against the adjoint
 * gradient of the ideal substrate, on random linear and diode networks.
 */
class GradientCheckTest {
    private static final double[] STRENGTHS = {1e-2, 2e-2, 4e-2, 8e-2, 1.6e-1};

    /** The estimate of dL/dg: minus the rigid pair update at eta = 1. */
    private static double[] estimate(IdealSubstrate s, NetworkPorts ports, ContrastiveRule rule, Example ex) {
        double[] u = DriftAnalysis.rigidUpdate(s, ports, rule, List.of(ex), 1.0);
        for (int i = 0; i < u.length; i++) {
            u[i] = -u[i];
        }
        return u;
    }

    private static double relativeError(double[] est, double[] ref) {
        double[] d = est.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] -= ref[i];
        }
        return DriftAnalysis.norm(d) / DriftAnalysis.norm(ref);
    }

    /** Least-squares slope of log(error) against log(strength). */
    private static double slope(DoubleFunction<Double> error, String label) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = STRENGTHS.length;
        StringBuilder report = new StringBuilder(label);
        for (double b : STRENGTHS) {
            double e = error.apply(b);
            report.append(String.format(Locale.ROOT, " %.0e:%.3e", b, e));
            double x = Math.log(b);
            double y = Math.log(e);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        System.out.println(report + String.format(Locale.ROOT, " slope %.3f", slope));
        return slope;
    }

    @ParameterizedTest(name = "diodes={0}")
    @ValueSource(booleans = {false, true})
    void equilibriumPropagationApproachesTheAdjointGradient(boolean diodes) {
        for (long seed = 1; seed <= 3; seed++) {
            Circuit c = Fixtures.network(seed, diodes, 6, 5, 2);
            NetworkPorts ports = Fixtures.ports(c, 3, 2);
            Example ex = Fixtures.randomExample(new Rng(seed), 3, 2);
            try (IdealSubstrate s = new IdealSubstrate(c)) {
                s.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
                s.settle();
                double[] grad = s.costGradient(ports.outputNodes(), ex.targetVolts()).toArray();
                if (diodes) {
                    assertTrue(relativeError(grad, linearGradient(seed, ex)) > 0.01, "the diodes must change the gradient");
                }
                double[] centred = estimate(s, ports, new ContrastiveRule.EquilibriumPropagation(Nudging.CENTRED, 1e-3), ex);
                double cos = DriftAnalysis.cosine(centred, grad);
                System.out.printf(Locale.ROOT, "EP diodes=%s seed %d: centred cosine at beta=1e-3 S: %.9f%n", diodes, seed, cos);
                assertTrue(cos >= 0.999, "centred EP cosine " + cos);
                for (Nudging n : Nudging.values()) {
                    double slope = slope(b -> relativeError(
                            estimate(s, ports, new ContrastiveRule.EquilibriumPropagation(n, b), ex), grad),
                            "EP " + n + " diodes=" + diodes + " seed " + seed + " rel.error");
                    assertEquals(n == Nudging.CENTRED ? 2.0 : 1.0, slope, 0.3, "EP " + n + " error slope");
                }
            }
        }
    }

    /**
     * Coupled learning with one output: its limit is the output's Thevenin conductance K times the
     * gradient (the clamp moves the output by eta_c (y - V_F); the co-content of that displacement
     * is K-weighted). K is measured from two nudges +/-1e-4 S by a centred difference of the
     * injected current over the output voltage. In a linear network the co-content is quadratic in
     * the clamp displacement, so centred CpL is exact there (error at rounding level); with diodes
     * its error shrinks as eta_c^2.
     */
    @ParameterizedTest(name = "diodes={0}")
    @ValueSource(booleans = {false, true})
    void coupledLearningApproachesTheScaledAdjointGradient(boolean diodes) {
        for (long seed = 1; seed <= 3; seed++) {
            Circuit c = Fixtures.network(seed, diodes, 6, 5, 1);
            NetworkPorts ports = Fixtures.ports(c, 3, 1);
            Example ex = Fixtures.randomExample(new Rng(seed + 10), 3, 1);
            try (IdealSubstrate s = new IdealSubstrate(c)) {
                double k = outputConductance(s, ports, ex, 1e-4);
                s.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
                s.settle();
                double[] ref = s.costGradient(ports.outputNodes(), ex.targetVolts()).times(k).toArray();
                double[] centred = estimate(s, ports, new ContrastiveRule.CoupledLearning(Nudging.CENTRED, 1e-3), ex);
                double cos = DriftAnalysis.cosine(centred, ref);
                System.out.printf(Locale.ROOT, "CpL diodes=%s seed %d: K=%.6g S, centred cosine at eta_c=1e-3: %.12f%n",
                        diodes, seed, k, cos);
                assertTrue(cos >= 0.999, "centred CpL cosine " + cos);
                for (Nudging n : Nudging.values()) {
                    DoubleFunction<Double> error = b -> relativeError(
                            estimate(s, ports, new ContrastiveRule.CoupledLearning(n, b), ex), ref);
                    String label = "CpL " + n + " diodes=" + diodes + " seed " + seed + " rel.error";
                    if (n == Nudging.CENTRED && !diodes) {
                        double e = error.apply(STRENGTHS[STRENGTHS.length - 1]);
                        System.out.printf(Locale.ROOT, "%s at eta_c=%.2g: %.3e (exact for linear networks)%n",
                                label, STRENGTHS[STRENGTHS.length - 1], e);
                        assertTrue(e < 1e-6, "centred CpL on a linear network is exact; error " + e);
                    } else {
                        assertEquals(n == Nudging.CENTRED ? 2.0 : 1.0, slope(error, label), 0.3, "CpL " + n + " error slope");
                    }
                }
            }
        }
    }

    /** The gradient of the same network (same conductances) without diodes. */
    private static double[] linearGradient(long seed, Example ex) {
        Circuit c = Fixtures.network(seed, false, 6, 5, 2);
        try (IdealSubstrate s = new IdealSubstrate(c)) {
            NetworkPorts ports = Fixtures.ports(c, 3, 2);
            s.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
            s.settle();
            return s.costGradient(ports.outputNodes(), ex.targetVolts()).toArray();
        }
    }

    /** The output's small-signal (Thevenin) conductance: dI/dV between nudges of +beta and -beta. */
    private static double outputConductance(IdealSubstrate s, NetworkPorts ports, Example ex, double beta) {
        int out = ports.outputNodes()[0];
        double y = ex.targetVolts(0);
        s.setBoundary(ports.boundary(ex, new OutputBoundary.Nudge(beta, ports.outputNodes(), ex.targetVolts())));
        double vPlus = s.settle().volts(out);
        s.setBoundary(ports.boundary(ex, new OutputBoundary.Nudge(-beta, ports.outputNodes(), ex.targetVolts())));
        double vMinus = s.settle().volts(out);
        return (beta * (y - vPlus) + beta * (y - vMinus)) / (vPlus - vMinus);
    }
}
