package org.spicelearn.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.bridge.NgspiceLibraryLocator;
import org.spicelearn.cli.Main;
import org.spicelearn.netlist.LibraryNetwork;

/**
 * {@code spicelearn batch} end to end with real {@code spicelearn train} workers on the ideal
 * substrate: a directory holding a good spec, a spec whose netlist is broken, and a sweep over the
 * good spec; then a rerun that skips what completed.
 */
class BatchCommandTest {
    @TempDir
    Path dir;

    static final String SPEC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <training>
              <netlist>%s</netlist>
              <data builtin="iris" testFraction="0.2" scaling="zscore"/>
              <outputs task="classification" labelColumn="species" highVolts="0.3" lowVolts="-0.3">
                <output node="out0" class="0"/>
                <output node="out1" class="1"/>
                <output node="out2" class="2"/>
              </outputs>
              <rule kind="ep" nudging="centred" betaSiemens="1e-4"/>
              <phases>
                <temporallyLocal order="stochastic" positiveProbability="0.5" lengths="geometric"
                                 positiveMean="1.5" negativeMean="1.5" phasesPerSample="2"/>
              </phases>
              <substrate kind="ideal" mode="dc"/>
              <learningRate eta="1e-10"/>
              <epochs>1</epochs>
              <seed>1</seed>
            </training>
            """;

    @Test
    void trainsEveryRunRecordsTheBrokenOneAndResumes() throws IOException {
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Files.writeString(specs.resolve("iris.cir"), LibraryNetwork.IRIS.generate().netlist());
        Files.writeString(specs.resolve("broken.cir"), "* broken\nr1 a 0 1k\nqq1 a b c\n.end\n");
        Files.writeString(specs.resolve("good.xml"), SPEC.formatted("iris.cir"));
        Files.writeString(specs.resolve("broken.xml"), SPEC.formatted("broken.cir"));
        Files.writeString(specs.resolve("sweep.xml"), "<sweep base=\"good.xml\">\n  <param name=\"p\" values=\"0.3 0.7\"/>\n</sweep>\n");
        Path out = dir.resolve("out");

        int code = Main.commandLine().execute("batch", specs.toString(), "--workers", "2", "--out", out.toString());

        assertEquals(Main.EXIT_FAILURE, code, "one run failed");
        List<String[]> csv = BatchRunnerTest.readCsv(out.resolve(BatchSummary.CSV));
        List<String> header = List.of(csv.get(0));
        assertEquals(List.of("id", "status", "p"), header.subList(0, 3), "the varying parameter comes first");
        int accuracy = header.indexOf("test_accuracy");
        int message = header.indexOf("message");
        assertEquals(List.of("broken", "good", "sweep_p-0.3", "sweep_p-0.7"), csv.subList(1, 5).stream().map(r -> r[0]).toList());
        assertEquals("failed", csv.get(1)[1]);
        assertTrue(csv.get(1)[message].startsWith("bad input (exit 2) | "), csv.get(1)[message]);
        assertTrue(csv.get(1)[message].contains("broken.cir:3: element qq1"), csv.get(1)[message]);
        for (int i = 2; i <= 4; i++) {
            assertEquals("completed", csv.get(i)[1], csv.get(i)[0]);
            double a = Double.parseDouble(csv.get(i)[accuracy]);
            assertTrue(a >= 0 && a <= 1, "accuracy " + a);
            assertTrue(Files.isRegularFile(out.resolve(csv.get(i)[0]).resolve("trained.cir")));
        }
        assertEquals(List.of("0.5", "0.5", "0.3", "0.7"), csv.subList(1, 5).stream().map(r -> r[2]).toList());
        assertTrue(Files.readString(out.resolve("sweep_p-0.7").resolve(BatchRunDirectory.SPEC)).contains("positiveProbability=\"0.7\""));
        FileTime goodResult = Files.getLastModifiedTime(out.resolve("good/result.xml"));

        Files.writeString(specs.resolve("broken.cir"), LibraryNetwork.IRIS.generate().netlist());
        int again = Main.commandLine().execute("batch", specs.toString(), "--workers", "2", "--out", out.toString());

        assertEquals(Main.EXIT_OK, again, "the repaired run completes, the others are skipped");
        assertEquals(goodResult, Files.getLastModifiedTime(out.resolve("good/result.xml")));
        List<String[]> csv2 = BatchRunnerTest.readCsv(out.resolve(BatchSummary.CSV));
        assertTrue(csv2.subList(1, 5).stream().allMatch(r -> r[1].equals("completed")));
        assertEquals(csv.get(3)[accuracy], csv2.get(3)[accuracy], "a skipped run reports its recorded metrics");
        assertTrue(Files.readString(out.resolve(BatchSummary.HTML)).contains("<img alt=\"test_accuracy vs p\""));
    }

    /**
     * Two ngspice runs train at the same time in two worker processes, each with its own libngspice,
     * and land where the ideal substrate does: the same test accuracy (30 held-out samples) and the
     * same test loss to 1e-3 relative after one epoch.
     */
    @Tag("ngspice")
    @Test
    void ngspiceRunsInParallelWorkersAgreeWithTheIdealSubstrate() throws IOException {
        if (!NgspiceLibraryLocator.available()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("libngspice is required under CI=true but was not found");
            }
            Assumptions.abort("libngspice is missing");
        }
        Files.writeString(dir.resolve("iris.cir"), LibraryNetwork.IRIS.generate().netlist());
        Files.writeString(dir.resolve("good.xml"), SPEC.formatted("iris.cir"));
        Files.writeString(dir.resolve("sweep.xml"),
                "<sweep base=\"good.xml\"><param name=\"seed\" values=\"1 2\"/><param name=\"substrate\" values=\"ngspice ideal\"/></sweep>");
        Path out = dir.resolve("out");

        assertEquals(Main.EXIT_OK, Main.commandLine().execute("batch", dir.resolve("sweep.xml").toString(), "--workers", "2",
                "--out", out.toString()));

        List<String[]> csv = BatchRunnerTest.readCsv(out.resolve(BatchSummary.CSV));
        List<String> header = List.of(csv.get(0));
        int accuracy = header.indexOf("test_accuracy");
        int loss = header.indexOf("test_loss_v2");
        assertEquals(List.of("seed-1_substrate-ngspice", "seed-1_substrate-ideal", "seed-2_substrate-ngspice",
                "seed-2_substrate-ideal"), csv.subList(1, 5).stream().map(r -> r[0]).toList());
        for (int i = 1; i <= 3; i += 2) {
            String[] ngspice = csv.get(i);
            String[] ideal = csv.get(i + 1);
            assertEquals("completed", ngspice[1]);
            assertEquals("completed", ideal[1]);
            assertEquals(Double.parseDouble(ideal[accuracy]), Double.parseDouble(ngspice[accuracy]), 1e-9, ngspice[0]);
            double idealLoss = Double.parseDouble(ideal[loss]);
            assertEquals(idealLoss, Double.parseDouble(ngspice[loss]), 1e-3 * idealLoss, ngspice[0]);
        }
    }
}
