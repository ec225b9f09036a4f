package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Diode;
import org.spicelearn.netlist.NetlistParser;
import org.spicelearn.netlist.NgspiceBatch;

class SolveCommandTest {
    private static final Path ORACLE = CheckCommandTest.NETLISTS.resolve("src/test/resources/oracle");
    private static final Path GOLDEN = CheckCommandTest.NETLISTS.resolve("src/test/resources/golden");

    /** The CSV lines of {@code solve}, parsed; fails unless it exits 0. */
    static Map<String, Double> solve(Path file) {
        String[] r = CheckCommandTest.run("solve", file.toString(), "--substrate", "ideal");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].replace(System.lineSeparator(), "\n").split("\n");
        assertEquals("node,volts", lines[0]);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            out.put(f[0], Double.parseDouble(f[1]));
        }
        return out;
    }

    @Test
    void theR2rLadderHalvesAtEveryTap() {
        Map<String, Double> v = solve(ORACLE.resolve("r2r-ladder.cir"));
        assertEquals(List.of("n0", "n1", "n2", "n3", "n4"), new ArrayList<>(v.keySet()));
        for (int k = 0; k <= 4; k++) {
            assertEquals(1.024 / (1 << k), v.get("n" + k), 1e-15);
        }
    }

    /**
     * The CSV matches its golden file: the same lines in the same order, each value within 1e-14
     * relative of the golden one (a few ulps: the golden values are hand-checked, the solver's last
     * bit may change with its factorisation).
     */
    @Test
    void outputMatchesTheGoldenCsv() throws Exception {
        for (String name : new String[] {"r2r-ladder", "controlled", "diode-clipper"}) {
            String[] r = CheckCommandTest.run("solve", ORACLE.resolve(name + ".cir").toString());
            assertEquals("0", r[0], r[2]);
            List<String> expected = Files.readAllLines(GOLDEN.resolve(name + ".solve.csv"));
            List<String> actual = List.of(r[1].replace(System.lineSeparator(), "\n").split("\n"));
            assertEquals(expected.size(), actual.size(), name);
            assertEquals(expected.get(0), actual.get(0));
            for (int i = 1; i < expected.size(); i++) {
                String[] e = expected.get(i).split(",");
                String[] a = actual.get(i).split(",");
                assertEquals(e[0], a[0], name);
                double want = Double.parseDouble(e[1]);
                assertEquals(want, Double.parseDouble(a[1]), 1e-14 * Math.abs(want), name + " " + e[0]);
                assertEquals(a[1], String.valueOf(Double.parseDouble(a[1])).replace('E', 'e'), "shortest round-trip form");
            }
        }
    }

    @Test
    void namesAreHierarchicalLowerCaseAndSorted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("h.cir");
        Files.writeString(f, "H\n.SUBCKT DIV A B\nR1 A MID 1k\nR2 MID B 1k\n.ENDS\nV1 IN 0 2\nXB IN 0 DIV\nXA IN 0 DIV\n");
        Map<String, Double> v = solve(f);
        assertEquals(List.of("in", "xa.mid", "xb.mid"), new ArrayList<>(v.keySet()));
        assertEquals(1.0, v.get("xa.mid"), 1e-15);
    }

    @Test
    void behaviouralSourcesAndUnknownSubstratesAreBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.cir");
        Files.writeString(f, "b\nv1 a 0 1\nb1 c 0 v=v(a)*2\nr1 c 0 1k\n");
        String[] r = CheckCommandTest.run("solve", f.toString());
        assertEquals("2", r[0]);
        assertEquals("the ideal substrate cannot simulate behavioural source b1 (B elements run only on ngspice)",
                r[2].strip());
        String[] u = CheckCommandTest.run("solve", f.toString(), "--substrate", "quantum");
        assertEquals("2", u[0]);
        assertTrue(u[2].contains("unknown substrate 'quantum'"), u[2]);
    }

    static Stream<Path> oracleNetlists() throws Exception {
        Stream<Path> library = Files.list(CheckCommandTest.NETLISTS.resolve("library")).filter(p -> p.toString().endsWith(".cir"));
        return Stream.concat(library, Files.list(ORACLE)).sorted();
    }

    /** {@code solve --substrate ideal} against ngspice's batch operating point: 1e-9 relative linear, 1e-6 V with diodes. */
    @Tag("ngspice")
    @ParameterizedTest
    @MethodSource("oracleNetlists")
    void solveAgreesWithNgspiceBatch(Path file, @TempDir Path dir) throws Exception {
        if (!NgspiceBatch.available()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("ngspice is required under CI=true but " + NgspiceBatch.DEFAULT_PROGRAM + " is missing");
            }
            Assumptions.abort("ngspice is missing");
        }
        Map<String, Double> ideal = solve(file);
        Circuit c = NetlistParser.parse(file).circuit();
        Map<String, Double> ngspice = NgspiceBatch.operatingPoint(c, dir.resolve("op.cir"));
        double scale = ideal.values().stream().mapToDouble(Math::abs).max().orElse(0);
        double tolerance = c.elements(Diode.class).isEmpty() ? 1e-9 * scale : 1e-6;
        assertEquals(c.nodeCount() - 1, ideal.size());
        ideal.forEach((node, v) -> assertEquals(ngspice.get(node), v, tolerance, file + " node " + node));
    }
}
