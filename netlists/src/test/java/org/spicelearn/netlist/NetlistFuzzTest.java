package org.spicelearn.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random mutations and truncations of valid netlists: the parser never hangs, throws nothing but
 * {@link NetlistException}, locates every problem on an existing line, and whatever it accepts
 * survives the round trip through the writer.
 */
class NetlistFuzzTest {
    private static final String[] FRAGMENTS = {
        "{", "}", "(", ")", "=", "'", ";", "$ ", "*", "\n+ ", "\n", " ", ",", "-", "e999", "1k5", "meg", "0",
        ".subckt s a b\n", ".ends\n", "x1 a b s\n", ".param p={p+1}\n", ".include nothing.inc\n", ".control\n",
        ".endc\n", "*@spicelearn trainable * gmin=1u gmax=1\n", "*@spicelearn output a class=x\n",
        "*@spicelearn nodes b a\n", ".model dm D(IS=1e-14)\n", "d9 a 0 dm\n", "b9 a 0 i=v(a)\n", "pulse(",
        "((((((((((", "x2 a 0 s\n", ".lib f s\n", ".end\n", "gnd", "\u00e9", "\t", "\r", "r.x1.r1 a 0 1\n", "__sl_"};
    /** Cases per run; explore further with {@code -Dspicelearn.fuzz.cases=30000 -Dspicelearn.fuzz.seed=7}. */
    private static final int CASES = Integer.getInteger("spicelearn.fuzz.cases", 2000);
    private static final long SEED = Long.getLong("spicelearn.fuzz.seed", 20261128);

    static List<String> seeds() throws Exception {
        List<String> seeds = new ArrayList<>();
        seeds.add(Files.readString(NetlistParserTest.resource("golden/dialect.cir")));
        seeds.add(Files.readString(NetlistParserTest.resource("golden/dialect.written.cir")));
        for (String name : new String[] {"oracle/xschem-names.cir", "oracle/controlled.cir", "oracle/diode-clipper.cir"}) {
            seeds.add(Files.readString(NetlistParserTest.resource(name)));
        }
        seeds.add(Files.readString(LibraryNetworkTest.LIBRARY.resolve("xor.cir")));
        seeds.add("nested\n.subckt inner a b params: r=1k\nr1 a m {r}\nr2 m b {2*r}\n.ends\n.subckt outer p q\n"
                + "xi p mid inner r=2k\nr3 mid q 1k\n.ends\nv1 in gnd 1\nx1 in 0 outer\nd1 in 0 dm\n.model dm D(IS=1e-14 N=1)\n"
                + "*@spicelearn trainable r.x1.* gmin=1e-6 gmax=1e-2\n*@spicelearn input v1 column=a\n.end\n");
        return seeds;
    }

    @Test
    void mutatedNetlistsNeverHangNorThrowUndocumentedExceptions() throws Exception {
        List<String> seeds = seeds();
        SplittableRandom random = new SplittableRandom(SEED);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parsesOrFailsCleanly(text),
                    () -> "parser hung on:\n" + text);
            if (ok) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(accepted > 50 && refused > 50, "mutations should give both outcomes: " + accepted + " accepted, " + refused + " refused");
    }

    /** True when the text parses (and round-trips), false when it fails with located problems. */
    private static boolean parsesOrFailsCleanly(String text) {
        int lines = text.split("\r\n|\r|\n", -1).length;
        try {
            ParsedNetlist p = NetlistParser.parse(text, "fuzz.cir", null, ParseOptions.DEFAULT);
            ParsedNetlist again = NetlistParser.parse(NetlistWriter.write(p.circuit(), p.roles()));
            assertEquals(p.circuit(), again.circuit(), () -> "round trip changed the circuit of:\n" + text);
            return true;
        } catch (NetlistException e) {
            for (NetlistProblem problem : e.problems()) {
                assertEquals("fuzz.cir", problem.file(), problem::toString);
                assertTrue(problem.line() >= 0 && problem.line() <= lines, () -> problem + " is not a line of:\n" + text);
                assertTrue(!problem.message().startsWith("internal error"), () -> problem + " for:\n" + text);
            }
            return false;
        } catch (RuntimeException | Error e) {
            fail("undocumented " + e + " for:\n" + text, e);
            return false;
        }
    }

    private static String mutate(String seed, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + r.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = r.nextInt(sb.length() + 1);
            switch (r.nextInt(6)) {
                case 0 -> sb.setLength(at); // truncation
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(12)));
                case 2 -> sb.insert(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                case 3 -> sb.insert(at, (char) (32 + r.nextInt(95)));
                case 4 -> {
                    String[] lines = sb.toString().split("\n", -1);
                    int a = r.nextInt(lines.length);
                    int b = r.nextInt(lines.length);
                    String t = lines[a];
                    lines[a] = lines[b];
                    lines[b] = t;
                    sb = new StringBuilder(String.join("\n", lines));
                }
                default -> {
                    int end = Math.min(sb.length(), at + r.nextInt(40));
                    sb.insert(at, sb.substring(at, end)); // duplication
                }
            }
        }
        return sb.toString();
    }
}
