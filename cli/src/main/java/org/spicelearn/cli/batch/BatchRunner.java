package org.spicelearn.cli.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.spicelearn.cli.run.AtomicFiles;

/**
 * Runs the planned runs of a batch into an output directory, {@code workers} at a time, each in its
 * own worker process, and writes the summary. Runs already complete are skipped; any other run
 * directory is cleaned and redone. A run whose worker fails, crashes or times out is recorded as
 * failed with its message; the others go on. One batch at a time may write an output directory
 * (a file lock, released by the OS if the batch is killed).
 */
public final class BatchRunner {
    /** Name of the lock file in the output directory. */
    static final String LOCK = ".batch.lock";

    private final Path outDir;
    private final int workers;
    private final WorkerLauncher launcher;
    private final PrintStream progressOut;
    private final Duration runTimeout;
    private final String metric;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    /**
     * @param outDir      the batch output directory (created when absent)
     * @param workers     worker processes at a time, at least 1
     * @param launcher    the worker command
     * @param progressOut where progress lines go (stderr)
     * @param runTimeout  the longest a run may take before its worker is killed, or null for no limit
     * @param metric      the metric that summaries and progress lines report, or null to choose one
     */
    public BatchRunner(Path outDir, int workers, WorkerLauncher launcher, PrintStream progressOut, Duration runTimeout,
                       String metric) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.outDir = outDir.toAbsolutePath().normalize();
        this.workers = workers;
        this.launcher = launcher;
        this.progressOut = progressOut;
        this.runTimeout = runTimeout;
        this.metric = metric;
    }

    /**
     * Runs every planned run that is not complete yet and writes {@code summary.csv} and
     * {@code summary.html}.
     *
     * @return every run's outcome, in plan order
     * @throws IllegalStateException when another batch holds the output directory
     */
    public BatchReport run(List<PlannedRun> runs) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir, e);
        }
        long start = System.nanoTime();
        try (FileChannel lockChannel = FileChannel.open(outDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockChannel)) {
            if (lock == null) {
                throw new IllegalStateException("another batch is writing " + outDir);
            }
            return runLocked(runs, start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + outDir, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private BatchReport runLocked(List<PlannedRun> runs, long start) {
        RunOutcome[] outcomes = new RunOutcome[runs.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            BatchRunDirectory dir = new BatchRunDirectory(outDir, runs.get(i).id());
            if (dir.isComplete(runs.get(i).specFingerprint())) {
                outcomes[i] = dir.recordedOutcome(runs.get(i));
            } else {
                todo.add(i);
            }
        }
        BatchProgress progress = new BatchProgress(progressOut, runs.size(), runs.size() - todo.size(), workers, System::nanoTime);
        Thread killer = new Thread(() -> live.forEach(Process::destroyForcibly), "batch-worker-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, todo.size())), r -> {
            Thread t = new Thread(r, "batch-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int i : todo) {
                done.submit(() -> {
                    outcomes[i] = runOne(runs.get(i), progress);
                    return i;
                });
            }
            for (int k = 0; k < todo.size(); k++) {
                done.take().get(); // as each run ends, in any order: the table on disk follows the batch
                BatchSummary.writeCsv(outDir, presentOutcomes(outcomes));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch scheduler failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            live.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        List<RunOutcome> all = List.of(outcomes);
        String finalMetric = metric != null ? metric : BatchSummary.chooseMetric(all);
        BatchSummary.write(outDir, all, finalMetric);
        return new BatchReport(all, runs.size() - todo.size(), todo.size(), (System.nanoTime() - start) / 1e9, finalMetric);
    }

    private static List<RunOutcome> presentOutcomes(RunOutcome[] outcomes) {
        List<RunOutcome> out = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    /** Trains one run in a worker process and records its outcome; never throws for a failed run. */
    private RunOutcome runOne(PlannedRun run, BatchProgress progress) throws InterruptedException {
        BatchRunDirectory dir = new BatchRunDirectory(outDir, run.id());
        progress.started(run.id());
        long t0 = System.nanoTime();
        int exitCode = -1;
        String problem;
        try {
            dir.clean();
            Files.createDirectories(dir.dir());
            Path spec;
            if (run.spec() instanceof PlannedRun.ExpandedSpec expanded) {
                spec = dir.resolve(BatchRunDirectory.SPEC);
                AtomicFiles.write(spec, expanded.xml());
            } else {
                spec = ((PlannedRun.SpecFile) run.spec()).path();
            }
            ProcessBuilder pb = new ProcessBuilder(launcher.command(spec, dir.dir()))
                    .redirectOutput(dir.resolve(BatchRunDirectory.STDOUT).toFile())
                    .redirectError(dir.resolve(BatchRunDirectory.STDERR).toFile());
            Process process = pb.start();
            live.add(process);
            OutputStream keepOpen = process.getOutputStream(); // never written: its end tells the worker the batch is gone
            try {
                boolean ended = runTimeout == null ? waitFor(process) : process.waitFor(runTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (ended) {
                    exitCode = process.exitValue();
                    problem = exitCode == 0 ? resultProblem(dir) : exitProblem(exitCode, dir);
                } else {
                    process.destroyForcibly().waitFor();
                    problem = String.format(Locale.ROOT, "timed out after %d s; worker killed", runTimeout.toSeconds());
                }
            } finally {
                live.remove(process);
                keepOpen.close();
            }
        } catch (IOException | UncheckedIOException e) {
            problem = "cannot run the worker: " + e.getMessage();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        RunOutcome outcome;
        if (problem == null) {
            outcome = new RunOutcome(run, RunStatus.COMPLETED, 0, seconds, dir.finalMetrics(), "", false);
        } else {
            String tail = dir.stderrTail();
            outcome = new RunOutcome(run, RunStatus.FAILED, exitCode, seconds, dir.finalMetrics(),
                    tail.isEmpty() ? problem : problem + "\n" + tail, false);
        }
        dir.mark(outcome, run.specFingerprint());
        String chosenMetric = metric != null ? metric : BatchSummary.chooseMetric(List.of(outcome));
        String detail = outcome.status() == RunStatus.COMPLETED
                ? (chosenMetric == null || Double.isNaN(outcome.metric(chosenMetric)) ? ""
                : String.format(Locale.ROOT, "%s=%.4g", chosenMetric, outcome.metric(chosenMetric)))
                : problem.lines().findFirst().orElse("");
        progress.finished(outcome, detail);
        return outcome;
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    /** Why a worker that exited 0 did not complete its run, or null when it did. */
    static String resultProblem(BatchRunDirectory dir) {
        if (!Files.isRegularFile(dir.resolve(BatchRunDirectory.RESULT))) {
            return "worker exited 0 but wrote no " + BatchRunDirectory.RESULT;
        }
        String status = dir.resultStatus();
        return status.isEmpty() || status.equals("finished") ? null
                : "training ended with status " + status + " in " + BatchRunDirectory.RESULT;
    }

    /** What a non-zero exit code says, with the crash log's problematic frame when the JVM left one. */
    static String exitProblem(int exitCode, BatchRunDirectory dir) {
        String crash = dir.crashSummary();
        String base;
        if (exitCode > 128 && exitCode < 128 + 65) {
            base = String.format(Locale.ROOT, "worker killed by signal %d%s (exit %d)", exitCode - 128,
                    signalName(exitCode - 128), exitCode);
        } else if (exitCode == 2) {
            base = "bad input (exit 2)";
        } else {
            base = "worker failed (exit " + exitCode + ")";
        }
        return crash.isEmpty() ? base : base + "; the JVM crashed: " + crash;
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 4: return " SIGILL";
            case 6: return " SIGABRT";
            case 7: return " SIGBUS";
            case 8: return " SIGFPE";
            case 9: return " SIGKILL";
            case 11: return " SIGSEGV";
            case 15: return " SIGTERM";
            default: return "";
        }
    }
}
