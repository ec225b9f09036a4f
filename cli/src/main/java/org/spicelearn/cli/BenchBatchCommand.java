package org.spicelearn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spicelearn.cli.batch.BatchReport;
import org.spicelearn.cli.batch.BatchRunner;
import org.spicelearn.cli.batch.BatchTarget;
import org.spicelearn.cli.batch.FileTrees;
import org.spicelearn.cli.batch.PlannedRun;
import org.spicelearn.cli.batch.WorkerLauncher;
import org.spicelearn.netlist.LibraryNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn bench batch}: the wall time of one small sweep (Iris 4-10-3, stochastic-phase EP,
 * p x seed) run by {@code spicelearn batch} with 1 worker process (the baseline, measured in the same
 * run) and with 2, each into a fresh directory; reports throughput in runs per minute and the speedup
 * (medians over {@code --repeats} passes in ABBA order), with the load average, since other
 * processes on the cores change what parallel workers gain.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Throughput of a small sweep with 1 worker (baseline) and with 2 workers.")
public final class BenchBatchCommand implements Callable<Integer> {
    /** Substrate of the benchmarked runs. */
    enum Substrate {
        /** The ideal digital substrate. */
        IDEAL,
        /** ngspice through libngspice. */
        NGSPICE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--substrate", defaultValue = "ngspice", converter = SubstrateConverter.class, description = "ideal or ngspice (default ${DEFAULT-VALUE}).")
    private Substrate substrate;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs per run (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--seeds", defaultValue = "2", description = "Seeds per p value; runs = 3 x seeds (default ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--workers", defaultValue = "2", description = "Workers of the parallel pass (default ${DEFAULT-VALUE}).")
    private int workers;

    /** Parses a substrate name in any case. */
    static final class SubstrateConverter implements picocli.CommandLine.ITypeConverter<Substrate> {
        @Override
        public Substrate convert(String value) {
            return Substrate.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @Option(names = "--repeats", defaultValue = "3",
            description = "Passes per worker count, in ABBA order against drifting load; medians are reported (default ${DEFAULT-VALUE}).")
    private int repeats;

    @Override
    public Integer call() throws IOException {
        if (epochs < 1 || seeds < 1 || workers < 2 || repeats < 1) {
            throw new BadInputException("bench batch: --epochs, --seeds and --repeats must be at least 1 and --workers at least 2");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path tmp = Files.createTempDirectory("spicelearn-bench-batch");
        try {
            List<PlannedRun> runs = BatchTarget.plan(writeSweep(tmp).toString());
            out.printf(Locale.ROOT, "bench batch: %d runs (Iris 4-10-3, stochastic-phase EP, %s DC, %d epochs each; p x seed),"
                    + " each in its own worker JVM; %d cores%n", runs.size(), substrate, epochs,
                    Runtime.getRuntime().availableProcessors());
            String loadBefore = loadAverage();
            double[] ones = new double[repeats];
            double[] manys = new double[repeats];
            double[] oneCpu = new double[repeats];
            double[] manyCpu = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                for (int k = 0; k < 2; k++) {
                    boolean single = (k == 0) == (r % 2 == 0); // ABBA: 1, N, N, 1, 1, N, ...
                    Pass pass = timed(runs, tmp.resolve((single ? "w1-" : "wn-") + r), single ? 1 : workers, out);
                    (single ? ones : manys)[r] = pass.wallSeconds();
                    (single ? oneCpu : manyCpu)[r] = pass.workerCpuSeconds();
                }
            }
            double one = median(ones);
            double many = median(manys);
            out.printf(Locale.ROOT, "load average (1 min) before the passes %s, after %s: other processes on the cores"
                    + " lower the speedup%n", loadBefore, loadAverage());
            out.printf(Locale.ROOT, "worker CPU per pass (median): %.1f s with 1 worker, %.1f s with %d: equal CPU means the"
                    + " parallel workers do not slow each other down%n", median(oneCpu), median(manyCpu), workers);
            out.printf(Locale.ROOT, "cores the workers got (CPU / wall): %.2f with 1 worker, %.2f with %d; with equal CPU per"
                    + " pass the speedup is their ratio, which other load on the machine caps%n", median(oneCpu) / one, median(manyCpu) / many,
                    workers);
            out.printf(Locale.ROOT, "baseline (1 worker): %.1f s, %.2f runs/min; %d workers: %.1f s, %.2f runs/min; speedup %.2fx"
                    + " (target >= 1.6x with 2 workers on 2 idle cores)%n", one, 60 * runs.size() / one, workers, many,
                    60 * runs.size() / many, one / many);
            out.printf(Locale.ROOT, "RESULT speedup=%.3f runs=%d workers1_s=%.2f workers%d_s=%.2f runs_per_min1=%.2f runs_per_min%d=%.2f"
                    + " workers1_cpu_s=%.2f workers%d_cpu_s=%.2f cores1=%.2f cores%d=%.2f repeats=%d load_before=%s%n", one / many,
                    runs.size(), one, workers, many, 60 * runs.size() / one, workers, 60 * runs.size() / many, median(oneCpu), workers,
                    median(manyCpu), median(oneCpu) / one, workers, median(manyCpu) / many, repeats, loadBefore);
            return Main.EXIT_OK;
        } finally {
            FileTrees.deleteTree(tmp);
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    /** The 1-minute load average from {@code /proc/loadavg}, or "n/a". */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /**
     * One timed pass.
     *
     * @param wallSeconds      wall time of the batch
     * @param workerCpuSeconds CPU time (user + system) of its worker processes, NaN where unknown
     */
    private record Pass(double wallSeconds, double workerCpuSeconds) {
    }

    private Pass timed(List<PlannedRun> runs, Path dir, int n, PrintWriter out) {
        double cpuBefore = childCpuSeconds();
        BatchReport report = new BatchRunner(dir, n, WorkerLauncher.childJvm(List.of()), new PrintStream(PrintStream.nullOutputStream()),
                null, null).run(runs);
        double cpu = childCpuSeconds() - cpuBefore;
        if (report.failed() > 0) {
            String why = report.outcomes().stream().filter(o -> !o.message().isEmpty()).findFirst().map(o -> o.run().id() + ": "
                    + o.message()).orElse("");
            throw new IllegalStateException("bench batch: " + report.failed() + " runs failed; " + why);
        }
        out.printf(Locale.ROOT, "  %d worker%s: %.2f s for %d runs, workers' CPU %.1f s%n", n, n == 1 ? "" : "s",
                report.wallSeconds(), runs.size(), cpu);
        out.flush();
        return new Pass(report.wallSeconds(), cpu);
    }

    /**
     * CPU seconds (user + system) of this process's children that have ended, from fields 16 and 17
     * (cutime, cstime) of {@code /proc/self/stat} in clock ticks of 1/100 s; NaN off Linux.
     */
    static double childCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private Path writeSweep(Path dir) throws IOException {
        Files.writeString(dir.resolve("iris-4-10-3.cir"), LibraryNetwork.IRIS.generate().netlist());
        String base;
        try (InputStream in = BenchBatchCommand.class.getResourceAsStream("/batch/bench-iris-base.xml")) {
            if (in == null) {
                throw new IllegalStateException("resource /batch/bench-iris-base.xml is missing");
            }
            base = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("base.xml"), base);
        StringBuilder seedList = new StringBuilder();
        for (int s = 1; s <= seeds; s++) {
            seedList.append(s == 1 ? "" : " ").append(s);
        }
        Path sweep = dir.resolve("bench-sweep.xml");
        Files.writeString(sweep, String.format(Locale.ROOT, """
                <sweep base="base.xml">
                  <param name="substrate" values="%s"/>
                  <param name="epochs" values="%d"/>
                  <param name="p" values="0.3 0.5 0.7"/>
                  <param name="seed" values="%s"/>
                </sweep>
                """, substrate, epochs, seedList));
        return sweep;
    }
}
