package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SpiceNumbersTest {
    @Test
    void suffixesAndUnitsScaleExactly() {
        assertEquals(1e4, SpiceNumbers.parse("10kOhm"));
        assertEquals(1e-6, SpiceNumbers.parse("1uF"));
        assertEquals(1.1e-6, SpiceNumbers.parse("1.1u"));
        assertEquals(4.7e3, SpiceNumbers.parse("4.7k"));
        assertEquals(2.2e6, SpiceNumbers.parse("2.2MEG"));
        assertEquals(1e-3, SpiceNumbers.parse("1m"));
        assertEquals(1e-3, SpiceNumbers.parse("1mOhm"));
        assertEquals(1e-15, SpiceNumbers.parse("1F"));
        assertEquals(3e-12, SpiceNumbers.parse("3p"));
        assertEquals(5e-9, SpiceNumbers.parse("5n"));
        assertEquals(1.5e9, SpiceNumbers.parse("1.5g"));
        assertEquals(2e12, SpiceNumbers.parse("2T"));
        assertEquals(2.54e-5, SpiceNumbers.parse("1mil"), 0);
        assertEquals(2.5e6, SpiceNumbers.parse("2.5e3k"));
        assertEquals(-0.5, SpiceNumbers.parse("-.5V"));
        assertEquals(3.0, SpiceNumbers.parse("3v"));
        assertEquals(1e-7, SpiceNumbers.parse("1e-7"));
        assertEquals(0.30000000000000004, SpiceNumbers.parse("0.30000000000000004"));
    }

    @Test
    void everyWrittenDoubleReadsBackExactly() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(v)) {
                assertEquals(v, SpiceNumbers.parse(SpiceNames.number(v)));
            }
        }
    }

    @Test
    void badValuesAreRefused() {
        for (String bad : new String[] {"", "k", "1k5", "1.2.3", "abc", "1e999999999", "1e400", "--1", "1,5"}) {
            assertFalse(SpiceNumbers.isNumber(bad), bad);
        }
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> SpiceNumbers.parse("1e400"));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void expressionsFollowArithmeticPrecedence() throws LineError {
        Map<String, Double> p = Map.of("a", 2.0, "r0", 1000.0);
        assertEquals(7.0, Expression.evaluate("1 + 2 * 3", p));
        assertEquals(-4.0, Expression.evaluate("-2^2", p));
        assertEquals(512.0, Expression.evaluate("2^3^2", p));
        assertEquals(0.25, Expression.evaluate("2**-2", p));
        assertEquals(3000.0, Expression.evaluate("r0 * (a + 1)", p));
        assertEquals(2000.0, Expression.evaluate("2*1k", p));
        assertEquals(3.0, Expression.evaluate("sqrt(9)", p));
        assertEquals(1.0, Expression.evaluate("log(exp(1))", p));
        assertEquals(2.0, Expression.evaluate("log10(100)", p));
        assertEquals(5.0, Expression.evaluate("abs(-5)", p));
        assertEquals(2.0, Expression.evaluate("min(a, 3)", p));
        assertEquals(3.0, Expression.evaluate("max(a, 3)", p));
        assertEquals(8.0, Expression.evaluate("pow(a, 3)", p));
        assertEquals(Math.PI, Expression.evaluate("pi", p));
        assertEquals(0.5, Expression.evaluate("1/a", p));
    }

    @Test
    void expressionErrorsSayWhat() {
        assertEquals("undefined parameter 'b'", assertThrows(LineError.class, () -> Expression.evaluate("b+1", Map.of())).getMessage());
        assertEquals("unknown function 'foo'", assertThrows(LineError.class, () -> Expression.evaluate("foo(1)", Map.of())).getMessage());
        assertTrue(assertThrows(LineError.class, () -> Expression.evaluate("1/0", Map.of())).getMessage().contains("Infinity"));
        assertTrue(assertThrows(LineError.class, () -> Expression.evaluate("(1+2", Map.of())).getMessage().contains("expected ')'"));
        assertTrue(assertThrows(LineError.class, () -> Expression.evaluate("(".repeat(500) + "1" + ")".repeat(500), Map.of()))
                .getMessage().contains("nested deeper"));
        assertTrue(assertThrows(LineError.class, () -> Expression.evaluate("min(1)", Map.of())).getMessage().contains("2 arguments"));
    }
}
