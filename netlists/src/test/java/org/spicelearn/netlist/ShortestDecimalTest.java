package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShortestDecimalTest {
    private static String write(double v) {
        return ShortestDecimal.append(new StringBuilder(), v).toString();
    }

    @Test
    void writesTheLayoutOfSpiceNames() {
        assertEquals("1000.0", write(1000.0));
        assertEquals("1.0e-4", write(1e-4));
        assertEquals("-2.5", write(-2.5));
        assertEquals("0.001", write(0.001));
        assertEquals("1.0e7", write(1e7));
        assertEquals("9999999.0", write(9999999.0));
        assertEquals("0.0", write(0.0));
        assertEquals("-0.0", write(-0.0));
        assertEquals("4.9e-324", write(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e308", write(Double.MAX_VALUE));
        assertEquals("1.0e23", write(1e23)); // JDK 17 writes 9.999999999999999E22
        assertThrows(IllegalArgumentException.class, () -> write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> write(Double.NEGATIVE_INFINITY));
    }

    @Test
    void readsBackExactlyAndIsNeverLongerThanDoubleToString() {
        SplittableRandom random = new SplittableRandom(3);
        int differing = 0;
        for (int k = 0; k < 400_000; k++) {
            double v = switch (k % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> 1.0 / (1e-6 + 1e-2 * random.nextDouble());
                default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-30, 30));
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            String mine = write(v);
            String reference = Double.toString(v).replace('E', 'e'); // JDK 17
            assertEquals(v, Double.parseDouble(mine), mine);
            assertTrue(mine.length() <= reference.length(), mine + " vs " + reference);
            if (!mine.equals(reference)) {
                differing++;
            }
        }
        assertTrue(differing < 400_000 / 50, "differs from Double.toString only where that is not the shortest: " + differing);
    }
}
