package org.spicelearn.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spicelearn.cli.batch.BatchReport;
import org.spicelearn.cli.batch.BatchRunner;
import org.spicelearn.cli.batch.BatchSummary;
import org.spicelearn.cli.batch.BatchTarget;
import org.spicelearn.cli.batch.PlannedRun;
import org.spicelearn.cli.batch.WorkerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn batch TARGET [--workers N] [--out DIR]}: trains every run of a directory of
 * specs, a glob or a sweep file, each in its own worker process, resumably, and writes
 * {@code DIR/summary.csv} and {@code DIR/summary.html}. Exit code 0 when every run completed, 1
 * when some failed, 2 for bad input (the target, a sweep or its base spec).
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Train many runs in parallel worker processes: a directory of specs, a glob, or a sweep file "
                + "(spec/sweep.xsd) expanding a base spec over a cartesian product of parameters.",
            "Rerunning the same command skips completed runs and redoes unfinished or failed ones."})
public final class BatchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "A sweep file, a spec, a directory of *.xml files, or a glob.")
    private String target;

    @Option(names = "--workers", paramLabel = "N", description = "Worker processes at a time (default: the number of cores).")
    private Integer workers;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: TARGET's name + '-batch').")
    private Path out;

    @Option(names = "--run-timeout", paramLabel = "SECONDS", description = "Kill and fail a run that takes longer.")
    private Double runTimeoutSeconds;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "metrics.csv column to plot and report (default: test accuracy, else test loss, ...).")
    private String metric;

    @Option(names = "--worker-jvm-option", paramLabel = "OPTION",
            description = "Extra option of the worker JVMs (repeatable), e.g. -XX:TieredStopAtLevel=4 for long runs "
                    + "(workers use the C1 compiler only by default).")
    private List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--dry-run", description = "List the planned runs and their parameters, run nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        if (n < 1) {
            throw new BadInputException("batch: --workers must be at least 1, got " + n);
        }
        if (runTimeoutSeconds != null && !(runTimeoutSeconds > 0)) {
            throw new BadInputException("batch: --run-timeout must be positive, got " + runTimeoutSeconds);
        }
        List<PlannedRun> runs = BatchTarget.plan(target);
        PrintWriter stdout = spec.commandLine().getOut();
        if (dryRun) {
            for (PlannedRun r : runs) {
                stdout.println(r.id() + "\t" + r.parameters());
            }
            stdout.printf(Locale.ROOT, "%d runs%n", runs.size());
            return Main.EXIT_OK;
        }
        Path dir = out != null ? out : defaultOut(target);
        Duration timeout = runTimeoutSeconds == null ? null : Duration.ofMillis(Math.round(runTimeoutSeconds * 1000));
        BatchReport report = new BatchRunner(dir, n, WorkerLauncher.childJvm(workerJvmOptions), new PrintStream(System.err, true),
                timeout, metric).run(runs);
        stdout.printf(Locale.ROOT, "batch: %d runs (%d already complete, %d run now), %d failed, %.1f s with %d workers%n",
                runs.size(), report.skipped(), report.launched(), report.failed(), report.wallSeconds(), n);
        stdout.println("batch: " + dir.resolve(BatchSummary.HTML) + " and " + dir.resolve(BatchSummary.CSV));
        return report.failed() == 0 ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }

    /** {@code TARGET}'s file or directory name without {@code .xml}, plus {@code -batch}; {@code batch} for a glob. */
    static Path defaultOut(String target) {
        if (target.matches(".*[*?\\[{].*")) {
            return Paths.get("batch");
        }
        Path name = Paths.get(target).toAbsolutePath().normalize().getFileName();
        String stem = name == null ? "batch" : name.toString().replaceFirst("\\.xml$", "");
        return Paths.get(stem + "-batch");
    }
}
