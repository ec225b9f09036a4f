package org.spicelearn.circuit.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.VoltageSource;

/** Names, counts and determinism of the generators. */
class GeneratorsTest {

    @Test
    void layeredNetworkHasTheDocumentedNamesAndCounts() {
        Circuit c = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(4, 3, 2)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_IDEAL).withBias(true, 1).withAmplifierGain(4), 1);
        // 4*3 + 3*2 dense + bias 2*3 + 2*2
        assertEquals(12 + 6 + 6 + 4, c.trainables().size());
        Resistor r = (Resistor) c.element("r1_3_2");
        assertEquals(c.nodeIndex("in1n"), r.a());
        assertEquals(c.nodeIndex("h1_2"), r.b());
        Resistor second = (Resistor) c.element("r2_2_1");
        assertEquals(c.nodeIndex("a1_2"), second.a(), "with amplifiers the next layer starts at a{l}_{j}");
        assertEquals(c.nodeIndex("out1"), second.b());
        assertEquals(c.nodeIndex("b2n"), ((Resistor) c.element("rb2_1_0")).a());
        assertEquals(-1.0, ((VoltageSource) c.element("vb2n")).dcVolts());
        assertEquals(0.0, ((VoltageSource) c.element("vin0p")).dcVolts());
        Diode up = (Diode) c.element("dh1_0hi");
        assertEquals(c.nodeIndex("h1_0"), up.anode());
        assertEquals(c.nodeIndex("dhi"), up.cathode());
        Diode down = (Diode) c.element("dh1_0lo");
        assertEquals(c.nodeIndex("dlo"), down.anode());
        assertEquals(4.0, ((Vcvs) c.element("e1_1")).gain());
        assertArrayEquals(new int[] {c.nodeIndex("out0"), c.nodeIndex("out1")}, Networks.outputNodes(c));
        assertEquals("rb1_0_0", c.trainables().get(0).name(), "bias resistors of a layer come first");
    }

    @Test
    void layeredNetworkIsDeterministicPerSeedAndWithinBounds() {
        LayeredNetworkSpec spec = LayeredNetworkSpec.of(6, 5, 2);
        Circuit a = LayeredNetworkGenerator.generate(spec, 9);
        assertEquals(a, LayeredNetworkGenerator.generate(spec, 9));
        assertNotEquals(a.conductances(), LayeredNetworkGenerator.generate(spec, 10).conductances());
        for (Resistor r : a.trainables()) {
            assertTrue(r.siemens() >= spec.initialMinSiemens() * (1 - 1e-12) && r.siemens() <= spec.initialMaxSiemens() * (1 + 1e-12));
        }
    }

    @Test
    void mnistSizedLayeredNetworkHas157800Resistors() {
        Circuit c = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(1568, 100, 10), 1);
        assertEquals(157_800, c.trainables().size());
        assertEquals(1 + 1568 + 100 + 10, c.nodeCount());
    }

    @Test
    void disorderedNetworkIsPlanarLikeWithAboutThreeEdgesPerNode() {
        for (int nodes : new int[] {64, 1024}) {
            Circuit c = DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(nodes), 4);
            assertEquals(nodes, c.nodeCount());
            double perNode = (double) c.trainables().size() / nodes;
            assertTrue(perNode > (nodes < 100 ? 2.2 : 2.6) && perNode < 3.1, "edges per node " + perNode);
            assertEquals(3, c.elements(VoltageSource.class).size());
            assertTrue(c.hasNode("in2") && c.hasNode("out1") && !c.hasNode("out2"));
            assertEquals(c, DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(nodes), 4));
        }
    }

    @Test
    void crossbarAndLadderHaveTheDocumentedNames() {
        Circuit x = CrossbarGenerator.generate(3, 2, 5000, 1);
        assertEquals(6, x.trainables().size());
        Resistor rx = (Resistor) x.element("rx2_1");
        assertEquals(x.nodeIndex("in2"), rx.a());
        assertEquals(x.nodeIndex("out1"), rx.b());
        assertEquals(5000, ((Resistor) x.element("rload0")).ohms());
        Circuit l = LadderGenerator.generate(3, 100, 1);
        assertEquals(7, l.trainables().size());
        assertEquals(200, ((Resistor) l.element("rp3")).ohms());
        assertInstanceOf(VoltageSource.class, l.element("vin"));
    }
}
