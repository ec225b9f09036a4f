package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spicelearn.netlist.SpiceNames.AuxiliaryRole;

class SpiceNamesTest {
    @Test
    void flattenedNamesFollowNgspice() {
        assertEquals("r.x1.r2", SpiceNames.flattenedElement("x1", "R2"));
        assertEquals("r.xa.x1.r2", SpiceNames.flattenedElement("xa.x1", "r2"));
        assertEquals("x1.n2", SpiceNames.flattenedNode("X1", "N2"));
        assertEquals("v(x1.n2)", SpiceNames.voltageExpression("X1.N2"));
        assertEquals("v(0)", SpiceNames.voltageExpression("gnd"));
        assertEquals("i(v1)", SpiceNames.currentExpression("V1"));
        assertEquals("v1#branch", SpiceNames.branchVectorName("V1"));
        assertEquals("x1.mid", SpiceNames.nodeVectorName("X1.Mid"));
        assertEquals("alter r.x1.r2=1.0e-4", SpiceNames.alterCommand("R.X1.R2", 1e-4));
        assertEquals("alter r.x1.r2=", SpiceNames.alterPrefix("R.X1.R2", null));
        assertEquals("alter g1 gain=", SpiceNames.alterPrefix("G1", "gain"));
    }

    @Test
    void auxiliaryNamesAreReservedAndValid() {
        String v = SpiceNames.auxiliaryElement('V', AuxiliaryRole.CLAMP, 3);
        assertEquals("v__sl_clamp3", v);
        assertEquals("g__sl_nudge0", SpiceNames.auxiliaryElement('g', AuxiliaryRole.NUDGE, 0));
        assertEquals("__sl_nudge7", SpiceNames.auxiliaryNode(AuxiliaryRole.NUDGE, 7));
        assertTrue(SpiceNames.isReserved(v));
        assertTrue(SpiceNames.isValid(v));
        assertTrue(SpiceNames.isValid(SpiceNames.auxiliaryNode(AuxiliaryRole.INPUT, 0)));
        assertFalse(SpiceNames.isReserved("r_sl_1"));
        assertThrows(IllegalArgumentException.class, () -> SpiceNames.auxiliaryNode(AuxiliaryRole.CLAMP, -1));
    }

    @Test
    void validNamesExcludeWhatNgspiceCommandsMisread() {
        for (String ok : new String[] {"r1", "x1.n2", "net_3", "a:b", "n-5", "n/6", "n+7", "0", "#net1"}) {
            assertTrue(SpiceNames.isValid(ok), ok);
            assertTrue(SpiceNames.isValidNode(ok), ok);
        }
        for (String nodeOnly : new String[] {"n<4>", "n[3]", "n!8", "n~9"}) {
            assertFalse(SpiceNames.isValid(nodeOnly), nodeOnly);
            assertTrue(SpiceNames.isValidNode(nodeOnly), nodeOnly);
            assertThrows(IllegalArgumentException.class, () -> SpiceNames.voltageExpression(nodeOnly));
        }
        for (String bad : new String[] {"", "R1", "a b", "v1#branch", "a=b", "a;b", "f(x)", "net-(r1", "-n", "+n", "a*b", "{x}",
            "a\nb", "a$b", "caf\u00e9", "a?"}) {
            assertFalse(SpiceNames.isValid(bad), bad);
            assertFalse(SpiceNames.isValidNode(bad), bad);
        }
    }

    @Test
    void numbersAreExactAndFinite() {
        assertEquals("1000.0", SpiceNames.number(1000));
        assertEquals("1.0e-4", SpiceNames.number(1e-4));
        assertEquals("-2.5", SpiceNames.number(-2.5));
        assertThrows(IllegalArgumentException.class, () -> SpiceNames.number(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SpiceNames.number(Double.POSITIVE_INFINITY));
    }
}
