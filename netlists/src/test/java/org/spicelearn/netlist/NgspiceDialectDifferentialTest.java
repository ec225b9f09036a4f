package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ideal.IdealSubstrate;

/**
 * Differential test of the dialect: random hand-style netlists (mixed case, suffixes with units,
 * parameters and expressions, continuation lines, inline comments, subcircuits with parameters,
 * nested instances, controlled and current sources) are read by the parser and solved by the ideal
 * substrate, and read by ngspice itself from the original text; every node ngspice prints must
 * exist under the same name and agree within 1e-9 relative (1e-6 V with diodes). This checks that spicelearn reads a
 * netlist as ngspice does (values, parameter arithmetic, flattening and naming).
 */
@Tag("ngspice")
class NgspiceDialectDifferentialTest {
    @TempDir
    static Path work;

    @BeforeAll
    static void needNgspice() {
        NgspiceOracleTest.requireNgspice();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomHandWrittenNetlistsReadAsNgspiceReadsThem(long seed) throws Exception {
        String text = randomNetlist(new SplittableRandom(seed));
        Path file = work.resolve("random-" + seed + ".cir");
        Files.writeString(file, text);
        Circuit c = NetlistParser.parse(file).circuit();
        double[] ideal;
        try (IdealSubstrate s = new IdealSubstrate(c)) {
            ideal = s.settle().toArray();
        }
        Map<String, Double> ngspice = NgspiceBatch.operatingPointOfText(text, work.resolve("ngspice-" + seed + ".cir"));
        double scale = 0;
        for (double v : ideal) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = c.elements(org.spicelearn.circuit.Diode.class).isEmpty() ? 1e-9 * scale : 1e-6;
        int compared = 0;
        for (Map.Entry<String, Double> e : ngspice.entrySet()) {
            if (e.getKey().endsWith("#branch")) {
                continue;
            }
            double mine = ideal[c.nodeIndex(e.getKey())];
            assertEquals(e.getValue(), mine, tolerance, () -> "node " + e.getKey() + " in\n" + text);
            compared++;
        }
        assertEquals(c.nodeCount() - 1, compared, () -> "ngspice and spicelearn see different node sets in\n" + text);
    }

    /** A random connected netlist written the way people write them. */
    static String randomNetlist(SplittableRandom r) {
        List<String> lines = new ArrayList<>();
        lines.add("Random Netlist " + r.nextInt(1000));
        lines.add("* generated for the dialect differential test");
        lines.add(".PARAM Rbase=" + pick(r, "1k", "2.2kOhm", "470", "0.68k") + " scale='2'");
        lines.add(".param rtwo={rbase*scale} rsum = {rbase + rtwo/3}");
        lines.add(".subckt CELL top bot PARAMS: rr=1k");
        lines.add("R1 top mid {rr}");
        lines.add("R2 mid bot {rr*2} ; inline comment");
        lines.add("Rm mid 0 " + pick(r, "10k", "4.7kOhm", "1meg"));
        lines.add(".ends CELL");
        lines.add(".subckt pair a b");
        lines.add("X1 a m cell rr={rbase}");
        lines.add("X2 m b CELL");
        lines.add(".ends");
        List<String> nodes = new ArrayList<>(List.of("0"));
        int sources = 0;
        lines.add("V" + sources++ + " In 0 DC " + pick(r, "1.5V", "-0.3", "2", "{scale/4}"));
        nodes.add("in");
        int count = 6 + r.nextInt(10);
        for (int k = 0; k < count; k++) {
            String a = nodes.get(r.nextInt(nodes.size()));
            String b = "N" + k;
            String kind = pick(r, "r", "r", "r", "x", "y", "e", "g", "i", "d");
            switch (kind) {
                case "x" -> lines.add("X" + k + " " + a + " " + b + " cell rr=" + pick(r, "2k", "{rtwo}", "'rsum*1.5'"));
                case "y" -> lines.add("Xp" + k + " " + a + " " + b + " PAIR");
                case "e" -> {
                    lines.add("E" + k + " " + b + " 0 " + a + " 0 " + pick(r, "0.5", "-2", "{scale}"));
                }
                case "g" -> {
                    lines.add("G" + k + " 0 " + b + " " + a + " 0 " + pick(r, "1m", "0.5mS", "{1/rbase}"));
                    lines.add("Rg" + k + " " + b + " 0 " + pick(r, "1k", "3.3k"));
                }
                case "d" -> {
                    lines.add("D" + k + " " + a + " " + b + " " + pick(r, "DMOD", "dmod"));
                    lines.add("Rd" + k + " " + b + " 0 " + pick(r, "1k", "10k"));
                }
                case "i" -> {
                    lines.add("I" + k + " 0 " + b + " DC " + pick(r, "10u", "-5uA", "1e-5"));
                    lines.add("Ri" + k + " " + b + " " + a + " " + pick(r, "1k", "10k"));
                }
                default -> {
                    lines.add("R" + k + " " + a + " " + b);
                    lines.add("+ " + pick(r, "1k", "4.7K", "2.2kOhm", "100", "1e4", "{rbase}", "{rsum}", "33k $ comment", "0.5meg"));
                }
            }
            nodes.add(b.toLowerCase(Locale.ROOT));
            if (r.nextInt(3) == 0) {
                lines.add("Rx" + k + " " + b + " " + nodes.get(r.nextInt(nodes.size())) + " " + pick(r, "6.8k", "12k", "{rtwo}"));
            }
        }
        lines.add(".model DMod D(IS=1e-14 N={scale*0.6})");
        lines.add(".options reltol=1e-6");
        lines.add(".end");
        return String.join("\n", lines) + "\n";
    }

    private static String pick(SplittableRandom r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
