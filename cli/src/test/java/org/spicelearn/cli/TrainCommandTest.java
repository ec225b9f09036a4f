package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.cli.run.RunDirectory;
import org.spicelearn.cli.run.RunXml;
import org.spicelearn.cli.spec.SpecTranslator;
import org.spicelearn.cli.spec.TrainingSetup;
import org.spicelearn.learn.train.Checkpoint;
import org.spicelearn.netlist.NetlistParser;

/** {@code spicelearn train}: the spec, its errors with line numbers, and the run directory. */
class TrainCommandTest {
    static final Path LIBRARY = CheckCommandTest.NETLISTS.resolve("library").toAbsolutePath().normalize();

    /** A small XOR spec on the library netlist: rigid centred EP, ideal substrate. */
    static String xorSpec(int epochs, String phases) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <training>
                  <netlist>%s</netlist>
                  <supplies>
                    <supply source="vdhi" volts="-0.3"/>
                    <supply source="vdlo" volts="0.3"/>
                  </supplies>
                  <data builtin="xor" testFraction="0" scaling="none"/>
                  <outputs task="regression" scaleVolts="0.4" offsetVolts="-0.2">
                    <output node="out0" column="y"/>
                  </outputs>
                  <rule kind="ep" nudging="centred" betaSiemens="1e-4"/>
                  <phases>%s</phases>
                  <substrate kind="ideal" mode="dc"/>
                  <learningRate eta="3e-9"/>
                  <epochs>%d</epochs>
                  <seed>1</seed>
                </training>
                """.formatted(LIBRARY.resolve("xor.cir"), phases, epochs);
    }

    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void trainWritesACompleteRunDirectory(@TempDir Path dir) throws Exception {
        Path spec = write(dir, "xor.spec.xml", xorSpec(200, "<rigid/>"));
        Path out = dir.resolve("run");
        String[] r = CheckCommandTest.run("train", spec.toString(), "--out", out.toString(), "--quiet");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("output directory: " + out.toAbsolutePath().normalize()), r[1]);
        List<String> metrics = Files.readAllLines(out.resolve(RunDirectory.METRICS));
        assertEquals(RunDirectory.METRICS_HEADER, metrics.get(0));
        assertEquals(201, metrics.size());
        RunXml.Result result = (RunXml.Result) JAXBContext.newInstance(RunXml.Result.class).createUnmarshaller()
                .unmarshal(out.resolve(RunDirectory.RESULT).toFile());
        assertEquals("finished", result.status);
        assertEquals(200, result.epochsCompleted);
        assertEquals(800, result.samplesSeen);
        assertEquals("xor", result.spec.data.builtin);
        assertTrue(result.finalTrain.lossVolts2 < 0.01, "XOR loss " + result.finalTrain.lossVolts2);
        assertEquals(null, result.finalTrain.accuracy);
        // the trained netlist is valid SPICE for the parser and holds the last checkpoint's conductances
        Circuit trained = NetlistParser.parse(out.resolve(RunDirectory.TRAINED_NETLIST)).circuit();
        TrainingSetup setup = SpecTranslator.load(spec);
        Checkpoint last = RunDirectory.readCheckpoint(out.resolve(result.files.lastCheckpoint), setup.circuit());
        assertEquals(200, last.epochsCompleted());
        assertEquals(setup.circuit().trainables().size(), trained.trainables().size());
        Conductances g = trained.conductances();
        for (int i = 0; i < g.size(); i++) {
            assertEquals(last.conductances().siemens(i), g.siemens(i), 1e-15 * g.siemens(i));
        }
        assertEquals(-0.3, ((org.spicelearn.circuit.VoltageSource) trained.element("vdhi")).dcVolts());
        try (Stream<Path> files = Files.list(out.resolve(RunDirectory.CHECKPOINTS))) {
            List<Path> checkpoints = files.sorted().toList();
            assertEquals("epoch-00000200.xml", checkpoints.get(checkpoints.size() - 1).getFileName().toString());
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    /** The trained netlist loads in ngspice, whose operating point equals the ideal substrate's. */
    @Test
    @org.junit.jupiter.api.Tag("ngspice")
    void theTrainedNetlistLoadsInNgspice(@TempDir Path dir) throws Exception {
        NgspiceAvailable.require();
        Path spec = write(dir, "xor.spec.xml", xorSpec(20, "<rigid/>"));
        Path out = dir.resolve("run");
        assertEquals("0", CheckCommandTest.run("train", spec.toString(), "--out", out.toString(), "--quiet")[0]);
        Circuit trained = NetlistParser.parse(out.resolve(RunDirectory.TRAINED_NETLIST)).circuit();
        try (var ng = new org.spicelearn.bridge.NgspiceSubstrate(trained);
             var ideal = new org.spicelearn.circuit.ideal.IdealSubstrate(trained)) {
            var out0 = trained.nodeIndex("out0");
            double a = ng.settle().volts(out0);
            double b = ideal.settle().volts(out0);
            assertEquals(b, a, 1e-6, "out0 in ngspice vs ideal");
        }
    }

    @Test
    void schemaProblemsAreAllListedWithTheirLinesAndExitTwo(@TempDir Path dir) throws Exception {
        String bad = xorSpec(5, "<rigid/>")
                .replace("<rule kind=\"ep\"", "<rule kind=\"hebbian\"")
                .replace("<epochs>5</epochs>", "<epochs>-3</epochs>");
        Path spec = write(dir, "bad.spec.xml", bad);
        String[] r = CheckCommandTest.run("train", spec.toString(), "--out", dir.resolve("run").toString());
        assertEquals("2", r[0]);
        List<String> lines = r[2].lines().toList();
        assertEquals(2, lines.stream().filter(l -> l.startsWith(spec.toString() + ":")).map(l -> l.split(":")[1])
                .distinct().count(), r[2]);
        assertTrue(r[2].contains(spec + ":12:"), "the rule's line: " + r[2]);
        assertTrue(r[2].contains(spec + ":16:"), "the epochs' line: " + r[2]);
        assertTrue(r[2].contains("hebbian"), r[2]);
        assertFalse(Files.exists(dir.resolve("run")), "nothing is written for a bad spec");
    }

    @Test
    void semanticProblemsAreAllListedWithTheirLines(@TempDir Path dir) throws Exception {
        String bad = xorSpec(5, "<rigid/>")
                .replace("<supply source=\"vdlo\"", "<supply source=\"vnope\"")
                .replace("column=\"y\"", "column=\"why\"")
                .replace(" betaSiemens=\"1e-4\"", "")
                .replace("<substrate kind=\"ideal\" mode=\"dc\"/>", "<substrate kind=\"ideal\" mode=\"transient\"/>");
        Path spec = write(dir, "bad.spec.xml", bad);
        String[] r = CheckCommandTest.run("train", spec.toString());
        assertEquals("2", r[0]);
        String err = r[2];
        assertTrue(Pattern.compile(Pattern.quote(spec + ":6:") + ".*vnope.*not a voltage source").matcher(err).find(), err);
        assertTrue(Pattern.compile(Pattern.quote(spec + ":10:") + ".*column why does not exist").matcher(err).find(), err);
        assertTrue(Pattern.compile(Pattern.quote(spec + ":12:") + ".*needs betaSiemens").matcher(err).find(), err);
        assertTrue(Pattern.compile(Pattern.quote(spec + ":14:") + ".*transient mode needs stepSeconds").matcher(err).find(), err);
    }

    @Test
    void aMissingSpecIsBadInput(@TempDir Path dir) {
        String[] r = CheckCommandTest.run("train", dir.resolve("nope.xml").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no such spec file"), r[2]);
    }

    @Test
    void everyLibrarySpecTranslates() throws Exception {
        List<Path> specs;
        try (Stream<Path> files = Files.list(LIBRARY)) {
            specs = files.filter(p -> p.toString().endsWith(".spec.xml")).sorted().toList();
        }
        assertTrue(specs.size() >= 5, "a spec per library netlist: " + specs);
        for (Path spec : specs) {
            TrainingSetup setup = SpecTranslator.load(spec);
            assertNotNull(setup.config());
            assertFalse(setup.data().train().isEmpty(), spec.toString());
        }
    }
}
