package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.BehaviouralSource;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Units;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.Waveform;

class NetlistWriterTest {
    private static Circuit circuit(Element... extra) {
        Circuit.Builder b = Circuit.builder("w");
        int a = b.node("a");
        b.add(VoltageSource.dc("v1", a, 0, 1));
        b.add(Resistor.fixed("r1", a, 0, 1000));
        for (Element e : extra) {
            b.add(e);
        }
        return b.build();
    }

    @Test
    void writesTheDocumentedLayout() {
        assertEquals("w\n* written by spicelearn: 1 nodes besides ground, 2 elements, 0 trainable\n"
                + "v1 a 0 dc 1.0\nr1 a 0 1000.0\n.end\n", NetlistWriter.write(circuit()));
        List<String> lines = NetlistWriter.lines(circuit(), NetworkRoles.NONE, List.of(".options gmin=1e-12"));
        assertEquals(List.of(".options gmin=1e-12", ".end"), lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void manyTrainablesArePackedIntoShortLinesAndRoundTrip() throws NetlistException {
        Circuit.Builder b = Circuit.builder("many");
        int a = b.node("a");
        b.add(VoltageSource.dc("v1", a, 0, 1));
        b.add(Resistor.fixed("rfixed", a, 0, 50));
        for (int i = 0; i < 300; i++) {
            int n = b.node("n" + i);
            b.add(Resistor.trainable("r_" + i, a, n, 1e3 + i, new ConductanceBounds(1e-5, 1e-2)));
            b.add(Resistor.trainable("rq_" + i, n, 0, 2e3 + i, new ConductanceBounds(i % 2 == 0 ? 1e-6 : 2e-6, 1e-2)));
        }
        Circuit c = b.build();
        String text = NetlistWriter.write(c);
        for (String line : text.split("\n")) {
            if (line.startsWith("*@spicelearn trainable")) {
                assertTrue(line.length() <= 240, line);
            }
        }
        assertEquals(c, NetlistParser.parse(text).circuit());
        assertEquals(text, NetlistWriter.write(NetlistParser.parse(text).circuit()), "deterministic");
    }

    @Test
    void refusesWhatNgspiceWouldMisreadOrRun() {
        Circuit.Builder b = Circuit.builder("*NG_SCRIPT");
        int a = b.node("a");
        b.add(VoltageSource.dc("v1", a, 0, 1));
        b.add(Resistor.fixed("r1", a, 0, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetlistWriter.write(b.build())).getMessage().contains("script"));
        assertThrows(IllegalArgumentException.class, () -> NetlistWriter.write(circuit(Resistor.fixed("x9", 1, 0, 1))),
                "a resistor named like an instance");
        assertThrows(IllegalArgumentException.class, () -> NetlistWriter.write(circuit(Resistor.fixed("r__sl_clamp0", 1, 0, 1))));
        assertThrows(IllegalArgumentException.class,
                () -> NetlistWriter.write(circuit(new BehaviouralSource("b1", 1, 0, "i=1 ; .control"))));
        assertThrows(IllegalArgumentException.class,
                () -> NetlistWriter.write(circuit(new VoltageSource("v2", 1, 0, 1, new Waveform.Dc(2)))));
        assertThrows(IllegalArgumentException.class,
                () -> NetlistWriter.write(circuit(new org.spicelearn.circuit.Diode("d1", 1, 0, new DiodeModel.Ideal("dn", -0.1)))));
        assertThrows(IllegalArgumentException.class, () -> new NetworkRoles.Output("a", NetworkRoles.OutputKind.CLASS, "two words"));
        assertThrows(IllegalArgumentException.class, () -> NetlistWriter.write(circuit(), new NetworkRoles(List.of(),
                List.of(new NetworkRoles.Input("r1", "x", 1, 0)), List.of(), null)), "an input must be a voltage source");
        assertThrows(IllegalArgumentException.class, () -> NetlistWriter.write(circuit(), new NetworkRoles(List.of(),
                List.of(), List.of(new NetworkRoles.Output("nowhere", NetworkRoles.OutputKind.CLASS, "c")), null)));
    }

    @Test
    void idealDiodeApproximationCarriesTheKneeCurrentAtTheThreshold() {
        double vt = Units.THERMAL_VOLTAGE_VOLTS;
        for (double threshold : new double[] {0.02, 0.1, 0.3, 0.7, 2.0}) {
            DiodeModel.Shockley s = NetlistWriter.idealApproximation(new DiodeModel.Ideal("d", threshold));
            assertEquals(1e-4, s.currentAmps(threshold), 1e-11, "threshold " + threshold);
            assertTrue(s.saturationCurrentAmps() >= 1e-27 && s.saturationCurrentAmps() <= 1e-12);
            assertTrue(s.emissionCoefficient() >= 0.01);
        }
        DiodeModel.Shockley zero = NetlistWriter.idealApproximation(new DiodeModel.Ideal("d", 0));
        assertEquals(1e-12, zero.saturationCurrentAmps());
        assertEquals(0.01, zero.emissionCoefficient());
        double kneeVolts = 0.01 * vt * Math.log(1e-4 / 1e-12);
        assertEquals(4.77e-3, kneeVolts, 1e-5, "the knee of a zero threshold sits at about 4.8 mV");
        assertEquals(1e-4, zero.currentAmps(kneeVolts), 1e-11, "the -1 of Shockley costs 1e-12 A");
    }
}
