package org.spicelearn.circuit.ideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;
import org.spicelearn.circuit.generate.Networks;

/** The adjoint gradient against central finite differences and against the EP estimate. */
class IdealSubstrateGradientTest {

    private static double loss(IdealSubstrate s, int[] outputs, double[] targets) {
        NodeVoltages v = s.settle();
        double l = 0;
        for (int i = 0; i < outputs.length; i++) {
            double d = v.volts(outputs[i]) - targets[i];
            l += 0.5 * d * d;
        }
        return l;
    }

    /** Largest |adjoint - central difference| over the gradient's largest entry (NaN when it vanishes). */
    private static double finiteDifferenceError(Circuit c, Map<String, Double> inputs) {
        int[] outputs = Networks.outputNodes(c);
        double[] targets = new double[outputs.length];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = 0.05 * (i + 1) - 0.1;
        }
        try (IdealSubstrate s = new IdealSubstrate(c)) {
            s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
            double[] grad = s.costGradient(outputs, targets).toArray();
            double norm = 0;
            double worst = 0;
            for (double g : grad) {
                norm = Math.max(norm, Math.abs(g));
            }
            double[] g0 = s.conductances().toArray();
            for (int t = 0; t < grad.length; t++) {
                double h = 1e-5 * g0[t];
                double[] plus = g0.clone();
                plus[t] += h;
                s.setConductances(Conductances.of(plus));
                double lPlus = loss(s, outputs, targets);
                double[] minus = g0.clone();
                minus[t] -= h;
                s.setConductances(Conductances.of(minus));
                double lMinus = loss(s, outputs, targets);
                s.setConductances(Conductances.of(g0));
                double fd = (lPlus - lMinus) / (2 * h);
                worst = Math.max(worst, Math.abs(fd - grad[t]));
            }
            // every output clipped or cut off: the exact gradient is zero and there is nothing to compare
            return norm < 1e-12 ? Double.NaN : worst / norm;
        }
    }

    @Test
    void adjointMatchesFiniteDifferencesOnRandomLinearNetworks() {
        for (long seed = 0; seed < 40; seed++) {
            Circuit c = RandomCircuits.linear(seed, true);
            double error = finiteDifferenceError(c, Map.of());
            assertTrue(error < 1e-5, "seed " + seed + ": relative error " + error);
        }
    }

    @Test
    void adjointMatchesFiniteDifferencesOnShockleyDiodeNetworks() {
        for (long seed = 0; seed < 30; seed++) {
            Circuit c = RandomCircuits.withDiodes(seed, RandomCircuits.SHOCKLEY);
            double error = finiteDifferenceError(c, Map.of("vin0", 2.0));
            assertTrue(error < 1e-5, "seed " + seed + ": relative error " + error);
        }
    }

    @Test
    void adjointMatchesFiniteDifferencesOnIdealDiodeNetworks() {
        int compared = 0;
        for (long seed = 0; seed < 40; seed++) {
            Circuit c = RandomCircuits.withDiodes(seed, new org.spicelearn.circuit.DiodeModel.Ideal("di", 0.05));
            double error = finiteDifferenceError(c, Map.of("vin0", 1.5));
            if (!Double.isNaN(error)) {
                compared++;
                assertTrue(error < 1e-5, "seed " + seed + ": relative error " + error);
            }
        }
        assertTrue(compared >= 25, "only " + compared + " networks had a non-zero gradient");
    }

    @Test
    void adjointMatchesFiniteDifferencesWithIdealDiodesBetweenFreeNodes() {
        int compared = 0;
        for (long seed = 0; seed < 60; seed++) {
            Circuit c = RandomCircuits.withCoupledIdealDiodes(seed);
            double error = finiteDifferenceError(c, Map.of());
            if (!Double.isNaN(error)) {
                compared++;
                assertTrue(error < 1e-5, "seed " + seed + ": relative error " + error);
            }
        }
        assertTrue(compared >= 50, "only " + compared + " networks had a non-zero gradient");
    }

    @Test
    void adjointMatchesFiniteDifferencesOnLayeredNetworksWithDiodesAndAmplifiers() {
        Map<String, Double> inputs = Map.of("vin0p", 0.8, "vin0n", -0.8, "vin1p", -0.3, "vin1n", 0.3);
        Circuit shockley = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 5, 2)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY).withDiodeVolts(-0.1, 0.1).withBias(true, 1), 3);
        Circuit ideal = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 5, 2)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_IDEAL).withDiodeVolts(-0.2, 0.2).withBias(true, 1), 4);
        Circuit amplified = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 5, 3, 2).withAmplifierGain(3), 5);
        for (Circuit c : new Circuit[] {shockley, ideal, amplified}) {
            double error = finiteDifferenceError(c, inputs);
            assertTrue(error < 1e-5, c.title() + ": relative error " + error);
        }
    }

    /** EP: (1/beta)[h(V_beta) - h(V_0)] tends to the adjoint gradient, one-sided as beta, centred as beta^2. */
    @Test
    void equilibriumPropagationEstimateConvergesToTheAdjointGradient() {
        assertEpConverges(LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 6, 2).withBias(true, 1), 7));
    }

    /** The same on an ideal-diode network (Scellier 2024): nudges of either sign keep the active set for small beta. */
    @Test
    void equilibriumPropagationConvergesOnIdealDiodeNetworks() {
        assertEpConverges(LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 6, 2).withBias(true, 1)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_IDEAL).withDiodeVolts(-0.1, 0.1), 7));
    }

    private static void assertEpConverges(Circuit c) {
        int[] outputs = Networks.outputNodes(c);
        double[] targets = {0.3, -0.2};
        Map<String, Double> inputs = Map.of("vin0p", 0.8, "vin0n", -0.8, "vin1p", -0.3, "vin1n", 0.3);
        try (IdealSubstrate s = new IdealSubstrate(c)) {
            s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
            double[] grad = s.costGradient(outputs, targets).toArray();
            NodeVoltages free = s.settle();
            double[] oneSided = new double[3];
            double[] centred = new double[3];
            double beta0 = 1e-5;
            for (int k = 0; k < 3; k++) {
                double beta = beta0 / (1 << k);
                NodeVoltages plus = nudged(s, inputs, beta, outputs, targets);
                NodeVoltages minus = nudged(s, inputs, -beta, outputs, targets);
                double[] estimateOne = new double[grad.length];
                double[] estimateCentred = new double[grad.length];
                for (int t = 0; t < grad.length; t++) {
                    Resistor r = c.trainables().get(t);
                    estimateOne[t] = (h(plus, r) - h(free, r)) / beta;
                    estimateCentred[t] = (h(plus, r) - h(minus, r)) / (2 * beta);
                }
                oneSided[k] = relativeError(estimateOne, grad);
                centred[k] = relativeError(estimateCentred, grad);
            }
            assertTrue(oneSided[0] < 0.05, "one-sided error " + oneSided[0]);
            assertTrue(centred[0] < oneSided[0] / 10, "centred error " + centred[0] + " vs one-sided " + oneSided[0]);
            assertEquals(2, oneSided[0] / oneSided[1], 0.2, "one-sided error ratio when halving beta");
            assertEquals(4, centred[0] / centred[1], 0.4, "centred error ratio when halving beta");
        }
    }

    private static NodeVoltages nudged(IdealSubstrate s, Map<String, Double> inputs, double beta, int[] outputs,
                                       double[] targets) {
        s.setBoundary(new BoundaryConditions(inputs, new OutputBoundary.Nudge(beta, outputs, targets)));
        NodeVoltages v = s.settle();
        s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
        return v;
    }

    private static double h(NodeVoltages v, Resistor r) {
        double d = v.dropVolts(r.a(), r.b());
        return 0.5 * d * d;
    }

    private static double relativeError(double[] estimate, double[] exact) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < exact.length; i++) {
            num += (estimate[i] - exact[i]) * (estimate[i] - exact[i]);
            den += exact[i] * exact[i];
        }
        return Math.sqrt(num / den);
    }
}
