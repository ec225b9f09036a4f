package org.spicelearn.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircuitTest {

    @Test
    void resistanceAndConductanceConvertBothWays() {
        assertEquals(1e-3, Units.siemensFromOhms(1000), 0);
        assertEquals(250, Units.ohmsFromSiemens(4e-3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Units.siemensFromOhms(0));
        assertThrows(IllegalArgumentException.class, () -> Units.ohmsFromSiemens(-1));
        assertEquals(0.025865, Units.THERMAL_VOLTAGE_VOLTS, 1e-6);
    }

    @Test
    void validationReportsEveryProblemAtOnce() {
        Circuit.Builder b = Circuit.builder("bad");
        int a = b.node("a");
        int f = b.node("floating");
        int c = b.node("cap_only");
        b.add(Resistor.fixed("r1", a, 1, -5));
        b.add(Resistor.fixed("r1", a, 1, 10));
        b.add(Resistor.fixed("r2", f, 99, 10));
        b.add(new Capacitor("c1", c, a, 1e-9));
        CircuitValidationException e = assertThrows(CircuitValidationException.class, b::build);
        assertTrue(e.problems().contains("r1 has non-positive or non-finite resistance -5.0 ohms"), e.problems()::toString);
        assertTrue(e.problems().contains("duplicate element name r1"), e.problems()::toString);
        assertTrue(e.problems().contains("r2 refers to node index 99, which does not exist"), e.problems()::toString);
        assertTrue(e.problems().contains("no element connects to ground (node 0)"), e.problems()::toString);
        assertEquals(4, e.problems().size(), e.problems()::toString);
    }

    @Test
    void nodesWithoutDcPathAreReported() {
        Circuit.Builder b = Circuit.builder("float");
        int in = b.node("in");
        int mid = b.node("mid");
        b.add(VoltageSource.dc("v1", in, Circuit.GROUND, 1));
        b.add(new Capacitor("c1", in, mid, 1e-9));
        CircuitValidationException e = assertThrows(CircuitValidationException.class, b::build);
        assertEquals(java.util.List.of("node mid has no DC path to ground"), e.problems());
    }

    @Test
    void trainablesIndexConductanceVectors() {
        Circuit.Builder b = Circuit.builder("divider");
        int in = b.node("IN");
        int out = b.node("out");
        ConductanceBounds bounds = new ConductanceBounds(1e-6, 1e-2);
        b.add(VoltageSource.dc("v1", in, Circuit.GROUND, 1));
        b.add(Resistor.trainable("r1", in, out, 1000, bounds));
        b.add(Resistor.fixed("r2", out, Circuit.GROUND, 1000));
        Circuit circuit = b.build();
        assertEquals(1, circuit.nodeIndex("in"));
        assertEquals(1, circuit.trainables().size());
        Circuit changed = circuit.withConductances(Conductances.of(2e-3));
        assertEquals(500, ((Resistor) changed.element("R1")).ohms(), 1e-12);
        assertEquals(1e-3, circuit.conductances().siemens(0), 0);
    }
}
