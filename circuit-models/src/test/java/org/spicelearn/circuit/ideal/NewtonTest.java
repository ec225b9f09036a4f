package org.spicelearn.circuit.ideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Units;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.VoltageSource;

/**
 * Newton's method on stiff diode strings: junction limiting, and the fallbacks when Newton alone gives
 * up (the co-content minimiser for symmetric circuits, source stepping with controlled sources).
 */
class NewtonTest {
    private static final DiodeModel.Shockley MODEL = new DiodeModel.Shockley("d", 1e-16, 1);

    /** {@code volts} through 1 ohm into a string of {@code diodes} identical diodes to ground. */
    private static Circuit string(double volts, int diodes) {
        return string(volts, diodes, false);
    }

    /**
     * {@code volts} through 1 ohm into a string of {@code diodes} identical diodes to ground; when
     * {@code buffered}, node {@code in} is driven by a unity-gain VCVS from the source's node {@code src}.
     */
    private static Circuit string(double volts, int diodes, boolean buffered) {
        Circuit.Builder b = Circuit.builder("diode string");
        int in = b.node("in");
        if (buffered) {
            int src = b.node("src");
            b.add(VoltageSource.dc("v1", src, Circuit.GROUND, volts));
            b.add(new Vcvs("e1", in, Circuit.GROUND, src, Circuit.GROUND, 1));
        } else {
            b.add(VoltageSource.dc("v1", in, Circuit.GROUND, volts));
        }
        int previous = b.node("a0");
        b.add(Resistor.fixed("r1", in, previous, 1));
        for (int k = 0; k < diodes; k++) {
            int next = k == diodes - 1 ? Circuit.GROUND : b.node("a" + (k + 1));
            b.add(new Diode("d" + k, previous, next, MODEL));
            previous = next;
        }
        return b.build();
    }

    /** The string's current from the diode law must equal the resistor's current. */
    private static void assertConsistent(Circuit c, NodeVoltages v, double volts, int diodes) {
        double a0 = v.volts(c.nodeIndex("a0"));
        double resistorAmps = volts - a0;
        double diodeAmps = MODEL.currentAmps(a0 / diodes);
        // the resistor current is a difference of volts, resolved to about 1e-16 of the source
        assertEquals(resistorAmps, diodeAmps, 1e-10 * resistorAmps + 1e-15 * volts);
        // one current through identical junctions: equal drops
        for (int k = 0; k < diodes; k++) {
            double next = k == diodes - 1 ? 0 : v.volts(c.nodeIndex("a" + (k + 1)));
            assertEquals(a0 / diodes, v.volts(c.nodeIndex("a" + k)) - next, 1e-12, "junction " + k);
        }
        assertTrue(a0 / diodes < 50 * Units.THERMAL_VOLTAGE_VOLTS, "junction voltage " + a0 / diodes);
    }

    @Test
    void junctionLimitingConvergesFromColdOnStiffStrings() {
        for (double volts : new double[] {1, 100, 1e4}) {
            for (int diodes : new int[] {1, 3, 10}) {
                Circuit c = string(volts, diodes);
                IdealSubstrate s = new IdealSubstrate(c);
                assertConsistent(c, s.settle(), volts, diodes);
                assertEquals(0, s.sourceSteppingRuns(), "plain Newton suffices with junction limiting");
            }
        }
    }

    @Test
    void coContentMinimiserTakesOverWhenNewtonRunsOutOfIterations() {
        Circuit c = string(1000, 10);
        IdealSubstrate s = new IdealSubstrate(c);
        s.limitNewtonIterations(8);
        NodeVoltages v = s.settle();
        assertEquals(1, s.minimiserRuns());
        assertEquals(0, s.sourceSteppingRuns(), "a symmetric circuit never needs source stepping");
        assertConsistent(c, v, 1000, 10);
        assertEquals(new IdealSubstrate(c).settle().volts(c.nodeIndex("a0")), v.volts(c.nodeIndex("a0")), 1e-12);
        assertTrue(v.volts(c.nodeIndex("a0")) > 10, "ten junctions conduct");
    }

    @Test
    void sourceSteppingTakesOverForControlledSourcesWhenNewtonRunsOutOfIterations() {
        // the same string driven through a unity-gain VCVS: no co-content, so source stepping is the fallback
        Circuit c = string(1000, 10, true);
        IdealSubstrate s = new IdealSubstrate(c);
        s.limitNewtonIterations(8);
        NodeVoltages v = s.settle();
        assertEquals(1, s.sourceSteppingRuns());
        assertEquals(0, s.minimiserRuns());
        assertConsistent(c, v, 1000, 10);
        assertEquals(1000, v.volts(c.nodeIndex("in")), 1e-9);
    }
}
