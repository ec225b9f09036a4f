package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.cli.run.RunDirectory;
import org.spicelearn.cli.run.RunXml;
import org.spicelearn.cli.spec.SpecTranslator;
import org.spicelearn.learn.train.Checkpoint;
import org.spicelearn.netlist.NetlistParser;

/** A terminated {@code spicelearn train} leaves a consistent run directory. */
class TrainInterruptTest {

    private static Process start(Path spec, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                spec.toString(), "--out", out.toString(), "--quiet").redirectErrorStream(true)
                .redirectOutput(out.resolveSibling("log.txt").toFile()).start();
    }

    private static void waitForCheckpoints(Path out, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Path dir = out.resolve(RunDirectory.CHECKPOINTS);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    if (files.filter(p -> p.toString().endsWith(".xml")).count() >= n) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoints appeared in " + out);
    }

    /**
     * Every file parses, nothing temporary is left, and metrics cover the last checkpoint: exactly
     * after a clean stop, possibly one flush ahead of it after a kill (the checkpoint is written last).
     */
    private static int checkConsistent(Path spec, Path out, boolean cleanStop) throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary files");
        }
        List<Path> checkpoints;
        try (Stream<Path> files = Files.list(out.resolve(RunDirectory.CHECKPOINTS))) {
            checkpoints = files.sorted().toList();
        }
        var circuit = SpecTranslator.load(spec).circuit();
        for (Path c : checkpoints) {
            RunDirectory.readCheckpoint(c, circuit);
        }
        Checkpoint last = RunDirectory.readCheckpoint(checkpoints.get(checkpoints.size() - 1), circuit);
        List<String> metrics = Files.readAllLines(out.resolve(RunDirectory.METRICS));
        int rows = metrics.size() - 1;
        assertTrue(cleanStop ? rows == last.epochsCompleted() : rows >= last.epochsCompleted(),
                rows + " metric rows for checkpoint " + last.epochsCompleted());
        assertEquals(circuit.trainables().size(),
                NetlistParser.parse(out.resolve(RunDirectory.TRAINED_NETLIST)).circuit().trainables().size());
        return last.epochsCompleted();
    }

    @Test
    void aTerminatedRunStopsCleanlyAndSaysSo(@TempDir Path dir) throws Exception {
        Path spec = TrainCommandTest.write(dir, "xor.spec.xml", TrainCommandTest.xorSpec(1_000_000, "<rigid/>"));
        Path out = dir.resolve("run");
        Process p = start(spec, out);
        waitForCheckpoints(out, 3);
        p.destroy(); // SIGTERM: the shutdown hook stops at a sample boundary and writes result.xml
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process must end");
        int epochs = checkConsistent(spec, out, true);
        RunXml.Result result = (RunXml.Result) JAXBContext.newInstance(RunXml.Result.class).createUnmarshaller()
                .unmarshal(out.resolve(RunDirectory.RESULT).toFile());
        assertEquals("stopped", result.status);
        assertEquals(epochs, result.epochsCompleted);
        assertTrue(epochs >= 3 && epochs < 1_000_000);
    }

    @Test
    void aKilledRunLeavesOnlyCompleteFiles(@TempDir Path dir) throws Exception {
        Path spec = TrainCommandTest.write(dir, "xor.spec.xml", TrainCommandTest.xorSpec(1_000_000, "<rigid/>"));
        Path out = dir.resolve("run");
        Process p = start(spec, out);
        waitForCheckpoints(out, 5);
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // a temporary file may survive a SIGKILL, but never under a real name: clear them, then check
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(".")).toList()) {
                Files.delete(f);
            }
        }
        assertTrue(checkConsistent(spec, out, false) >= 5);
    }
}
