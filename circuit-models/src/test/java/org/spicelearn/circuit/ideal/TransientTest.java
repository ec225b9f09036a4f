package org.spicelearn.circuit.ideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.Waveform;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;

/** Transient behaviour beyond RC charging: waveforms, and relaxation of nonlinear networks to their DC equilibria. */
class TransientTest {

    /** RC low-pass driven by a PWL ramp of slope a: v(t) = a (t - tau (1 - exp(-t/tau))). */
    @Test
    void rampThroughRcMatchesTheClosedFormToSecondOrder() {
        double tau = 1e-3;
        double slope = 1000;
        double[] errors = new double[2];
        for (int k = 0; k < 2; k++) {
            Circuit.Builder b = Circuit.builder("ramp");
            int in = b.node("in");
            int out = b.node("out");
            b.add(new VoltageSource("v1", in, Circuit.GROUND, 0,
                    new Waveform.Pwl(new double[] {0, 1}, new double[] {0, slope})));
            b.add(org.spicelearn.circuit.Resistor.fixed("r1", in, out, 1000));
            b.add(new Capacitor("c1", out, Circuit.GROUND, 1e-6));
            IdealSubstrate s = new IdealSubstrate(b.build(), new TransientSettings(IntegrationMethod.TRAPEZOIDAL,
                    tau / (20 << k)));
            s.settle();
            double worst = 0;
            for (int step = 0; step < 40; step++) {
                NodeVoltages v = s.advance(tau / 10);
                double t = v.timeSeconds();
                double expected = slope * (t - tau * (1 - Math.exp(-t / tau)));
                worst = Math.max(worst, Math.abs(v.volts(out) - expected));
            }
            errors[k] = worst;
        }
        assertTrue(errors[0] < 2e-3, "error " + errors[0]);
        assertEquals(4, errors[0] / errors[1], 0.5, "error ratio when halving the step");
    }

    private static Circuit withNodeCapacitors(Circuit c) {
        Circuit.Builder b = c.toBuilder();
        for (int node = 1; node < c.nodeCount(); node++) {
            String name = c.nodeName(node);
            if (name.startsWith("h") || name.startsWith("out")) {
                b.add(new Capacitor("c" + name, node, Circuit.GROUND, 1e-9));
            }
        }
        return b.build();
    }

    /** After many time constants a nonlinear network with node capacitances sits at its DC equilibrium. */
    @Test
    void diodeNetworksRelaxToTheirDcEquilibrium() {
        Map<String, Double> inputs = Map.of("vin0p", 0.9, "vin0n", -0.9, "vin1p", -0.4, "vin1n", 0.4);
        for (DiodeModel model : new DiodeModel[] {LayeredNetworkSpec.DEFAULT_SHOCKLEY, new DiodeModel.Ideal("di", 0.01)}) {
            Circuit c = withNodeCapacitors(LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 6, 2)
                    .withHiddenDiodes(model).withDiodeVolts(-0.05, 0.05).withBias(true, 1), 21));
            for (IntegrationMethod method : IntegrationMethod.values()) {
                IdealSubstrate s = new IdealSubstrate(c, new TransientSettings(method, 2e-6));
                NodeVoltages start = s.settle();
                s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
                NodeVoltages relaxed = s.advance(5e-3);
                NodeVoltages equilibrium = s.settle();
                double moved = 0;
                for (int node = 0; node < c.nodeCount(); node++) {
                    assertEquals(equilibrium.volts(node), relaxed.volts(node), 1e-9, model + " " + method + " " + c.nodeName(node));
                    moved = Math.max(moved, Math.abs(equilibrium.volts(node) - start.volts(node)));
                }
                assertTrue(moved > 0.01, "the inputs must move the network for the test to mean anything");
            }
        }
    }

    /** Halfway through the relaxation the two integrators agree to their error order. */
    @Test
    void integratorsAgreeDuringRelaxation() {
        Circuit c = withNodeCapacitors(LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 6, 2)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY).withDiodeVolts(-0.05, 0.05), 22));
        Map<String, Double> inputs = Map.of("vin0p", 0.9, "vin0n", -0.9, "vin1p", -0.4, "vin1n", 0.4);
        double[][] volts = new double[3][];
        TransientSettings[] settings = {new TransientSettings(IntegrationMethod.TRAPEZOIDAL, 1e-7),
            new TransientSettings(IntegrationMethod.TRAPEZOIDAL, 5e-8), new TransientSettings(IntegrationMethod.BACKWARD_EULER, 1e-7)};
        for (int k = 0; k < 3; k++) {
            IdealSubstrate s = new IdealSubstrate(c, settings[k]);
            s.settle();
            s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
            volts[k] = s.advance(2e-5).toArray();
        }
        int out = c.nodeIndex("out0");
        double trapDifference = Math.abs(volts[0][out] - volts[1][out]);
        double eulerDifference = Math.abs(volts[2][out] - volts[1][out]);
        assertTrue(trapDifference < eulerDifference / 10, "trapezoidal " + trapDifference + " vs Euler " + eulerDifference);
        assertTrue(eulerDifference < 1e-2, "Euler off by " + eulerDifference);
    }
}
