package org.spicelearn.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler against {@link FakeWorker} processes: failures, crashes, resume, summary. */
class BatchRunnerTest {
    @TempDir
    Path out;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final Set<String> launched = ConcurrentHashMap.newKeySet();

    private BatchReport runBatch(List<PlannedRun> runs, int workers) {
        WorkerLauncher fake = FakeWorker.launcher();
        WorkerLauncher counting = (spec, dir) -> {
            launched.add(dir.getFileName().toString());
            return fake.command(spec, dir);
        };
        return new BatchRunner(out, workers, counting, new PrintStream(progress, true, StandardCharsets.UTF_8), null, null)
                .run(runs);
    }

    @Test
    void failingAndCrashingRunsAreRecordedWhileTheOthersComplete() throws IOException {
        List<PlannedRun> runs = List.of(FakeWorker.run("a", "ok", 0, 1), FakeWorker.run("b", "fail", 0, 2),
                FakeWorker.run("c", "crash", 0, 3), FakeWorker.run("d", "ok", 0, 4), FakeWorker.run("e", "silent", 0, 5));
        BatchReport report = runBatch(runs, 2);

        assertEquals(3, report.failed());
        assertEquals(5, report.launched());
        RunOutcome a = report.outcomes().get(0);
        RunOutcome fail = report.outcomes().get(1);
        RunOutcome crash = report.outcomes().get(2);
        RunOutcome silent = report.outcomes().get(4);
        assertEquals(RunStatus.COMPLETED, a.status());
        assertEquals(0.51, a.metric("test_accuracy"), 1e-12);
        assertEquals(RunStatus.FAILED, fail.status());
        assertEquals(1, fail.exitCode());
        assertTrue(fail.message().startsWith("worker failed (exit 1)\n"), fail.message());
        assertTrue(fail.message().endsWith("spec.xml: line 3: netlist broken.cir: line 7: unknown element \"qq1\", giving up"), fail.message());
        assertEquals(RunStatus.FAILED, crash.status());
        assertTrue(crash.message().matches("(?s)worker killed by signal 6 SIGABRT \\(exit 134\\); the JVM crashed: SIGSEGV in "
                + "C  \\[libc[^\\]]*\\][^,\n]*, hs_err_pid\\d+\\.log\n.*"), crash.message());
        assertEquals(134, crash.exitCode(), "the JVM aborts on a fatal signal, as a crash inside ngspice would make it");
        assertEquals("worker exited 0 but wrote no result.xml\nepoch 1/1 [====      ]\nepoch 1/1 [==========]", silent.message());
        assertEquals(RunStatus.COMPLETED, report.outcomes().get(3).status());

        assertTrue(Files.readString(out.resolve(BatchSummary.CSV)).contains(",\"worker failed (exit 1) | epoch 1/1 [====      ] | "
                + "epoch 1/1 [==========] | spec.xml: line 3: netlist broken.cir: line 7: unknown element \"\"qq1\"\", giving up\"\n"),
                "a cell with a comma or a quote is quoted, its quotes doubled");
        List<String[]> csv = readCsv(out.resolve(BatchSummary.CSV));
        assertEquals(List.of("id", "status", "seed", "behaviour", "epoch", "train_loss", "test_accuracy", "worker_seconds",
                "exit_code", "message"), Arrays.asList(csv.get(0)));
        assertEquals(6, csv.size());
        assertEquals(List.of("a", "completed", "1", "ok", "2", "0.25", "0.51"), Arrays.asList(csv.get(1)).subList(0, 7));
        assertEquals(List.of("b", "failed", "2", "fail", "", "", ""), Arrays.asList(csv.get(2)).subList(0, 7));
        assertEquals("1", csv.get(2)[8]);
        assertEquals("worker failed (exit 1) | epoch 1/1 [====      ] | epoch 1/1 [==========] | "
                + "spec.xml: line 3: netlist broken.cir: line 7: unknown element \"qq1\", giving up", csv.get(2)[9]);
        assertEquals(Integer.toString(crash.exitCode()), csv.get(3)[8]);
        assertEquals(List.of("d", "completed", "4", "ok", "2", "0.25", "0.54"), Arrays.asList(csv.get(4)).subList(0, 7));
        assertTrue(Double.parseDouble(csv.get(1)[7]) > 0);

        String html = Files.readString(out.resolve(BatchSummary.HTML));
        assertTrue(html.contains("<tr class=\"failed\"><td><a href=\"b/\">b</a>"), "failed row marked");
        assertTrue(html.contains("data:image/png;base64,"), "plot embedded");
        assertTrue(Files.size(out.resolve("summary-behaviour.png")) > 1000);
        String log = progress.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("5/5 done, 0 running, 3 failed, 0 pending"), log);
        assertTrue(log.contains("FAILED b"), log);
    }

    @Test
    void rerunSkipsCompleteRunsAndRedoesPartialOnes() throws IOException {
        List<PlannedRun> runs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            runs.add(FakeWorker.run("r" + i, "ok", 0, i));
        }
        runBatch(runs.subList(0, 2), 2);
        launched.clear();
        FileTime r1Time = Files.getLastModifiedTime(out.resolve("r1/result.xml"));
        // What a kill -9 can leave: r2 killed between result.xml and its marker (simulated by removing the marker
        // and truncating the result), r3 killed mid-training (metrics but no result), r4 never started.
        Files.delete(out.resolve("r2").resolve(BatchRunDirectory.MARKER));
        Files.writeString(out.resolve("r2/result.xml"), "<resu");
        Files.createDirectories(out.resolve("r3"));
        Files.writeString(out.resolve("r3/metrics.csv"), "epoch,train_loss,test_accuracy\n1,0.9,");
        Files.writeString(out.resolve("r3/.result.xml123.tmp"), "<res");

        BatchReport report = runBatch(runs, 2);

        assertEquals(Set.of("r2", "r3", "r4", "r5"), launched);
        assertEquals(1, report.skipped());
        assertEquals(0, report.failed());
        assertTrue(report.outcomes().get(0).resumed());
        assertEquals(r1Time, Files.getLastModifiedTime(out.resolve("r1/result.xml")), "complete run left alone");
        assertEquals("<result/>\n", Files.readString(out.resolve("r2/result.xml")));
        assertFalse(Files.exists(out.resolve("r3/.result.xml123.tmp")), "partial directory cleaned");
        List<String[]> csv = readCsv(out.resolve(BatchSummary.CSV));
        assertEquals(6, csv.size());
        for (int i = 1; i <= 5; i++) {
            assertEquals("r" + i, csv.get(i)[0]);
            assertEquals("completed", csv.get(i)[1]);
            assertEquals(0.5 + i / 100.0, Double.parseDouble(csv.get(i)[6]), 1e-12);
        }
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("1 of 5 runs already complete, skipped"));
    }

    @Test
    void failedRunsAreRetriedOnRerun() {
        runBatch(List.of(FakeWorker.run("x", "fail", 0, 1)), 1);
        launched.clear();
        BatchReport again = runBatch(List.of(FakeWorker.run("x", "ok", 0, 1)), 1);
        assertEquals(Set.of("x"), launched);
        assertEquals(RunStatus.COMPLETED, again.outcomes().get(0).status());
    }

    @Test
    void aRunOverItsTimeLimitIsKilledAndRecorded() {
        WorkerLauncher fake = FakeWorker.launcher();
        long t0 = System.nanoTime();
        BatchReport report = new BatchRunner(out, 1, fake, new PrintStream(progress, true, StandardCharsets.UTF_8),
                java.time.Duration.ofMillis(1500), null).run(List.of(FakeWorker.run("slow", "ok", 60_000, 1)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        RunOutcome slow = report.outcomes().get(0);
        assertEquals(RunStatus.FAILED, slow.status());
        assertEquals(-1, slow.exitCode());
        assertTrue(slow.message().startsWith("timed out after 1 s; worker killed"), slow.message());
        assertTrue(slow.wallSeconds() >= 1.5 && seconds < 30, "killed at the limit, not after the 60 s sleep: " + seconds);
    }

    /** Splits RFC 4180 CSV (quoted cells may hold commas and quotes). */
    static List<String[]> readCsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells.toArray(new String[0]));
        }
        return rows;
    }
}
