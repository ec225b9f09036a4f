package org.spicelearn.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.cli.BadInputException;

/** Sweep files: cartesian expansion, ids, values written into the spec, paths, and located errors. */
class SweepTest {
    static final String BASE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <training>
              <netlist>nets/tiny.cir</netlist>
              <data csv="data/tiny.csv" testFraction="0.25"/>
              <rule kind="ep" betaSiemens="1e-4"/>
              <phases><temporallyLocal order="stochastic" positiveProbability="0.5" lengths="geometric"/></phases>
              <substrate kind="ideal"/>
              <learningRate eta="0.01"/>
              <epochs>2</epochs>
              <seed>7</seed>
            </training>
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeBase() throws IOException {
        Files.writeString(dir.resolve("base.xml"), BASE);
    }

    private Path sweep(String params) throws IOException {
        Path file = dir.resolve("s.xml");
        Files.writeString(file, "<sweep base=\"base.xml\">\n" + params + "</sweep>\n");
        return file;
    }

    @Test
    void expandsTheCartesianProductLastParameterFastest() throws IOException {
        Sweep sweep = Sweep.load(sweep("""
                  <param name="p" values="0.3 0.5 0.7"/>
                  <param name="mean" values="1 4"/>
                  <param name="seed" values="1 2"/>
                """));
        assertEquals(12, sweep.size());
        List<PlannedRun> runs = sweep.expand("");
        assertEquals(12, runs.size());
        List<String> expected = new ArrayList<>();
        for (String p : List.of("0.3", "0.5", "0.7")) {
            for (String mean : List.of("1", "4")) {
                for (String seed : List.of("1", "2")) {
                    expected.add("p-" + p + "_mean-" + mean + "_seed-" + seed);
                }
            }
        }
        assertEquals(expected, runs.stream().map(PlannedRun::id).toList());
        PlannedRun r = runs.get(7); // p=0.5, mean=4, seed=2
        Map<String, String> params = r.parameters();
        assertEquals("0.5", params.get("p"));
        assertEquals("4", params.get("mean"));
        assertEquals("2", params.get("seed"));
        assertEquals("ep", params.get("rule"));
        assertEquals("1e-4", params.get("beta"));
        assertEquals("geometric", params.get("lengths"));
        assertEquals("ideal", params.get("device"), "absent device reads as its default");
        String xml = ((PlannedRun.ExpandedSpec) r.spec()).xml();
        assertTrue(xml.contains("positiveProbability=\"0.5\""), xml);
        assertTrue(xml.contains("positiveMean=\"4\"") && xml.contains("negativeMean=\"4\""), xml);
        assertTrue(xml.contains("<seed>2</seed>"), xml);
        assertTrue(xml.contains("<netlist>" + dir.resolve("nets/tiny.cir") + "</netlist>"), "netlist made absolute: " + xml);
        assertTrue(xml.contains("csv=\"" + dir.resolve("data/tiny.csv") + "\""), "csv made absolute: " + xml);
        assertEquals(List.of(), validSpec(xml));
        assertEquals("s_p-0.3_mean-1_seed-1", sweep.expand("s").get(0).id());
        assertEquals(runs.get(3).specFingerprint(), Sweep.load(dir.resolve("s.xml")).expand("").get(3).specFingerprint(),
                "expansion is deterministic");
    }

    @Test
    void createsADeviceElementInSchemaOrderAndSweepsRuleAndSubstrate() throws IOException {
        List<PlannedRun> runs = Sweep.load(sweep("""
                  <param name="device" values="quantised soft-bounds"/>
                  <param name="rule" values="ep cpl"/>
                  <param name="substrate" values="ideal ngspice"/>
                  <param name="beta" values="1e-5"/>
                """)).expand("");
        assertEquals(8, runs.size());
        assertEquals("device-quantised_rule-ep_substrate-ideal_beta-1e-5", runs.get(0).id());
        for (PlannedRun r : runs) {
            assertEquals(List.of(), validSpec(((PlannedRun.ExpandedSpec) r.spec()).xml()), r.id());
        }
        assertEquals("soft-bounds", runs.get(7).parameters().get("device"));
        assertEquals("cpl", runs.get(7).parameters().get("rule"));
        assertEquals("ngspice", runs.get(7).parameters().get("substrate"));
    }

    @Test
    void reportsEveryProblemWithItsLine() throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> Sweep.load(sweep("""
                  <param name="p" values="0.3 1.5"/>
                  <param name="seed" values="1 x"/>
                  <param name="p" values="0.2"/>
                """)));
        String[] lines = e.getMessage().split("\n");
        assertEquals(3, lines.length, e.getMessage());
        assertTrue(lines[0].startsWith(dir.resolve("s.xml") + ": line 4: parameter p is already swept at line 2"), lines[0]);
        assertTrue(lines[1].startsWith(dir.resolve("s.xml") + ": line 2: p = '1.5': "), lines[1]);
        assertTrue(lines[2].startsWith(dir.resolve("s.xml") + ": line 3: seed = 'x': "), lines[2]);
    }

    @Test
    void rejectsUnknownParametersAndMissingBase() throws IOException {
        BadInputException unknown = assertThrows(BadInputException.class, () -> Sweep.load(sweep("""
                  <param name="temperature" values="300"/>
                """)));
        assertTrue(unknown.getMessage().startsWith(dir.resolve("s.xml") + ": line 2: "), unknown.getMessage());
        assertEquals(1, unknown.getMessage().lines().count(), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("temperature"), unknown.getMessage());
        Files.writeString(dir.resolve("s.xml"), "<sweep base=\"nope.xml\"><param name=\"p\" values=\"0.5\"/></sweep>");
        BadInputException missing = assertThrows(BadInputException.class, () -> Sweep.load(dir.resolve("s.xml")));
        assertEquals(dir.resolve("s.xml") + ": base spec " + dir.resolve("nope.xml") + " does not exist", missing.getMessage());
    }

    @Test
    void phaseParametersNeedTemporallyLocalDynamicsButMeanAlsoFitsRigid() throws IOException {
        Files.writeString(dir.resolve("base.xml"), BASE.replaceFirst("<temporallyLocal [^>]*/>", "<rigid/>"));
        BadInputException e = assertThrows(BadInputException.class, () -> Sweep.load(sweep("""
                  <param name="p" values="0.3"/>
                """)));
        assertEquals(dir.resolve("s.xml") + ": line 2: p = '0.3': parameter p needs <temporallyLocal> phase dynamics, "
                + "the base spec has <rigid>", e.getMessage());
        PlannedRun r = Sweep.load(sweep("  <param name=\"mean\" values=\"3\"/>\n")).expand("").get(0);
        String xml = ((PlannedRun.ExpandedSpec) r.spec()).xml();
        assertTrue(xml.contains("positiveLength=\"3\"") && xml.contains("negativeLength=\"3\""), xml);
        assertEquals("rigid", r.parameters().get("lengths"));
        assertEquals("", r.parameters().get("p"));
    }

    @Test
    void longIdsAreCutAndEndWithAHashOfTheWhole() {
        String longId = "x".repeat(300);
        String cut = PlannedRun.shortened(longId);
        assertEquals(PlannedRun.MAX_ID_LENGTH, cut.length());
        assertTrue(cut.matches("x{147}_[0-9a-f]{12}"), cut);
        assertTrue(!cut.equals(PlannedRun.shortened("x".repeat(299) + "y")), "the hash tells long ids apart");
        assertEquals("short", PlannedRun.shortened("short"));
    }

    private static List<String> validSpec(String xml) {
        return SpecDocument.schemaProblems(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(xml)));
    }
}
