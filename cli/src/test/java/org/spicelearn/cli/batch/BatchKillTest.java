package org.spicelearn.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch killed with -9: its workers halt, and a rerun keeps every completed run and redoes the rest. */
class BatchKillTest {
    private static final int RUNS = 6;
    private static final long SLEEP_MILLIS = 700;

    @TempDir
    Path out;

    @Test
    void killMinusNineLosesNoCompletedRunAndLeavesNoOrphan() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process batch = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FakeBatchMain.class.getName(),
                out.toString(), Integer.toString(RUNS), Long.toString(SLEEP_MILLIS))
                .redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completed().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        batch.destroyForcibly(); // SIGKILL
        assertTrue(batch.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, batch.exitValue(), "killed by SIGKILL");
        Set<String> before = completed();
        assertTrue(before.size() >= 2 && before.size() < RUNS, "killed mid-batch: " + before);
        Map<String, FileTime> times = new HashMap<>();
        for (String id : before) {
            times.put(id, Files.getLastModifiedTime(out.resolve(id).resolve("result.xml")));
        }

        long orphanDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!workersOf(out).isEmpty() && System.nanoTime() < orphanDeadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), workersOf(out), "workers of a killed batch halt when their stdin closes");

        Set<String> launched = ConcurrentHashMap.newKeySet();
        WorkerLauncher fake = FakeWorker.launcher();
        BatchReport report = new BatchRunner(out, 2, (spec, dir) -> {
            launched.add(dir.getFileName().toString());
            return fake.command(spec, dir);
        }, new PrintStream(OutputStream.nullOutputStream()), null, null).run(FakeBatchMain.runs(RUNS, SLEEP_MILLIS));

        assertEquals(before.size(), report.skipped());
        assertEquals(RUNS - before.size(), launched.size());
        for (String id : before) {
            assertTrue(!launched.contains(id), id + " was complete and must not rerun");
            assertEquals(times.get(id), Files.getLastModifiedTime(out.resolve(id).resolve("result.xml")));
        }
        assertEquals(0, report.failed());
        assertEquals(RUNS + 1, Files.readAllLines(out.resolve(BatchSummary.CSV)).size());
    }

    private Set<String> completed() throws IOException {
        Set<String> ids = new java.util.TreeSet<>();
        if (!Files.isDirectory(out)) {
            return ids;
        }
        try (var s = Files.list(out)) {
            for (Path d : (Iterable<Path>) s::iterator) {
                Path marker = d.resolve(BatchRunDirectory.MARKER);
                if (Files.isRegularFile(marker) && Files.readString(marker).contains("status=COMPLETED")) {
                    ids.add(d.getFileName().toString());
                }
            }
        }
        return ids;
    }

    private static List<Long> workersOf(Path outDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(FakeWorker.class.getName()) && c.contains(outDir.toString()))
                        .orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
