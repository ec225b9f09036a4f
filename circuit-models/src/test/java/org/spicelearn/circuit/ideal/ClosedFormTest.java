package org.spicelearn.circuit.ideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.BehaviouralSource;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.SubstrateException;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.Vccs;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.generate.LadderGenerator;

/** Reference circuits with closed forms. */
class ClosedFormTest {

    private static Circuit wheatstone(double r1, double r2, double r3, double r4, double rg) {
        Circuit.Builder b = Circuit.builder("wheatstone");
        int top = b.node("top");
        int left = b.node("left");
        int right = b.node("right");
        b.add(VoltageSource.dc("vs", top, Circuit.GROUND, 10));
        b.add(Resistor.fixed("r1", top, left, r1));
        b.add(Resistor.fixed("r2", left, Circuit.GROUND, r2));
        b.add(Resistor.fixed("r3", top, right, r3));
        b.add(Resistor.fixed("r4", right, Circuit.GROUND, r4));
        b.add(Resistor.fixed("rg", left, right, rg));
        return b.build();
    }

    @Test
    void balancedWheatstoneBridgeCarriesNoCurrent() {
        Circuit c = wheatstone(1000, 2000, 1500, 3000, 50);
        NodeVoltages v = new IdealSubstrate(c).settle();
        assertEquals(10 * 2.0 / 3, v.volts(c.nodeIndex("left")), 1e-12);
        assertEquals(0, v.dropVolts(c.nodeIndex("left"), c.nodeIndex("right")), 1e-14);
    }

    @Test
    void unbalancedWheatstoneBridgeMatchesThevenin() {
        double r1 = 1000;
        double r2 = 2200;
        double r3 = 4700;
        double r4 = 330;
        double rg = 120;
        Circuit c = wheatstone(r1, r2, r3, r4, rg);
        NodeVoltages v = new IdealSubstrate(c).settle();
        double vth = 10 * (r2 / (r1 + r2) - r4 / (r3 + r4));
        double rth = r1 * r2 / (r1 + r2) + r3 * r4 / (r3 + r4);
        double ig = vth / (rth + rg);
        assertEquals(ig, v.dropVolts(c.nodeIndex("left"), c.nodeIndex("right")) / rg, 1e-15);
    }

    @Test
    void r2rLadderHalvesAtEveryNode() {
        for (int sections : new int[] {1, 5, 30}) {
            Circuit c = LadderGenerator.generate(sections, 1000, 3.3);
            NodeVoltages v = new IdealSubstrate(c).settle();
            for (int k = 0; k <= sections; k++) {
                assertEquals(3.3 / Math.pow(2, k), v.volts(c.nodeIndex("n" + k)), 1e-14, "n" + k);
            }
        }
    }

    @Test
    void floatingSourceAndControlledSourcesFollowTheirLaws() {
        Circuit.Builder b = Circuit.builder("controlled");
        int a = b.node("a");
        int m = b.node("m");
        int n = b.node("n");
        int o = b.node("o");
        int p = b.node("p");
        b.add(VoltageSource.dc("v1", a, Circuit.GROUND, 2));
        b.add(Resistor.fixed("r1", a, m, 1000));
        b.add(Resistor.fixed("r2", n, Circuit.GROUND, 1000));
        b.add(VoltageSource.dc("vf", m, n, 0.5));
        b.add(new Vcvs("e1", o, Circuit.GROUND, m, Circuit.GROUND, -3));
        b.add(Resistor.fixed("r3", o, Circuit.GROUND, 10));
        b.add(new Vccs("g1", Circuit.GROUND, p, m, n, 1e-3));
        b.add(Resistor.fixed("r4", p, Circuit.GROUND, 2000));
        Circuit c = b.build();
        NodeVoltages v = new IdealSubstrate(c).settle();
        // series loop: 2 V - 0.5 V across 2 kohm
        double i = 1.5 / 2000;
        assertEquals(2 - 1000 * i, v.volts(m), 1e-13);
        assertEquals(1000 * i, v.volts(n), 1e-13);
        assertEquals(-3 * v.volts(m), v.volts(o), 1e-13);
        // 1 mS x 0.5 V pushed into p through 2 kohm
        assertEquals(1e-3 * 0.5 * 2000, v.volts(p), 1e-13);
    }

    /** The worst error of RC charging over [0, 3 tau] with step tau/steps. */
    private static double rcError(IntegrationMethod method, int stepsPerTau) {
        Circuit.Builder b = Circuit.builder("rc");
        int in = b.node("in");
        int out = b.node("out");
        b.add(VoltageSource.dc("v1", in, Circuit.GROUND, 0));
        b.add(Resistor.fixed("r1", in, out, 2000));
        b.add(new Capacitor("c1", out, Circuit.GROUND, 5e-7));
        Circuit c = b.build();
        double tau = 1e-3;
        IdealSubstrate s = new IdealSubstrate(c, new TransientSettings(method, tau / stepsPerTau));
        s.settle();
        s.setBoundary(new BoundaryConditions(Map.of("v1", 1.0), OutputBoundary.FREE));
        // one BE step happens after the input step; start the comparison after a smooth first interval
        double worst = 0;
        for (int k = 1; k <= 3 * stepsPerTau; k++) {
            NodeVoltages v = s.advance(tau / stepsPerTau);
            worst = Math.max(worst, Math.abs(v.volts(out) - (1 - Math.exp(-v.timeSeconds() / tau))));
        }
        return worst;
    }

    @Test
    void backwardEulerIsFirstOrder() {
        double coarse = rcError(IntegrationMethod.BACKWARD_EULER, 50);
        double fine = rcError(IntegrationMethod.BACKWARD_EULER, 100);
        assertTrue(coarse < 0.01, "error " + coarse);
        assertEquals(2, coarse / fine, 0.1, "error ratio when halving the step");
    }

    @Test
    void trapezoidalIsSecondOrder() {
        double coarse = rcError(IntegrationMethod.TRAPEZOIDAL, 50);
        double fine = rcError(IntegrationMethod.TRAPEZOIDAL, 100);
        assertTrue(coarse < 1e-3, "error " + coarse);
        assertEquals(4, coarse / fine, 0.4, "error ratio when halving the step");
    }

    @Test
    void behaviouralSourcesAreRefusedWithAClearMessage() {
        Circuit.Builder b = Circuit.builder("b");
        int a = b.node("a");
        b.add(VoltageSource.dc("v1", a, Circuit.GROUND, 1));
        b.add(Resistor.fixed("r1", a, Circuit.GROUND, 10));
        b.add(new BehaviouralSource("b1", a, Circuit.GROUND, "i=v(a)*2"));
        SubstrateException e = assertThrows(SubstrateException.class, () -> new IdealSubstrate(b.build()));
        assertEquals("the ideal substrate cannot simulate behavioural source b1; use the ngspice substrate", e.getMessage());
    }

    @Test
    void advanceWithoutTransientSettingsIsUnsupported() {
        IdealSubstrate s = new IdealSubstrate(LadderGenerator.generate(2, 100, 1));
        assertThrows(UnsupportedOperationException.class, () -> s.advance(1e-3));
    }
}
