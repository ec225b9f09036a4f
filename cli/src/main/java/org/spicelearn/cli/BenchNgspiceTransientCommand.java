package org.spicelearn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spicelearn.bridge.NgspiceBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn bench ngspice-transient}: the cost of one transient co-simulation cycle (alter a
 * conductance at a pause, resume to the next exact pause) on networks of 10 and 100 nodes with node
 * capacitances, against the cost of one DC {@code op} of the same network measured in the same run
 * (target: a cycle within 0.5 ms). Measured in a child JVM with a fixed Java heap ({@link FixedHeapJvm}).
 */
@Command(name = "ngspice-transient", mixinStandardHelpOptions = true,
        description = "pause/alter/resume cycle cost of a transient co-simulation at 10 and 100 nodes (target <= 0.5 ms).")
public final class BenchNgspiceTransientCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--cycles", defaultValue = "5000", description = "Timed cycles per network (default ${DEFAULT-VALUE}).")
    private int cycles;

    @Mixin
    private FixedHeapJvm.InThisJvmOption jvm;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the networks (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        if (cycles < 10) {
            throw new BadInputException("--cycles must be at least 10, got " + cycles);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!jvm.inThisJvm()) {
            return FixedHeapJvm.rerun(out, List.of("bench", "ngspice-transient", "--cycles", Integer.toString(cycles),
                    "--seed", Long.toString(seed)));
        }
        out.printf(Locale.ROOT, "ngspice-transient: disordered networks with 1 nF at every node, trapezoidal, max step 10 ns;"
                + " a cycle = alter one conductance at a pause + resume 100 ns to the next exact pause%n");
        double[] medians = new double[2];
        int[] sizes = {10, 100};
        for (int i = 0; i < sizes.length; i++) {
            NgspiceBench.TransientCycles t = NgspiceBench.transientCycles(sizes[i], cycles, seed);
            medians[i] = t.medianCycleMillis();
            out.printf(Locale.ROOT, "%4d nodes: median cycle %.3f ms (mean %.3f ms over %d cycles), baseline op of the same"
                            + " network %.3f ms; RSS growth %.1f MB, C heap in use %+.2f MB%n", t.nodes(), t.medianCycleMillis(),
                    t.meanCycleMillis(), t.cycles(), t.medianOpMillis(), t.rssGrowthMb(), t.nativeHeapGrowthMb());
        }
        out.printf(Locale.ROOT, "targets: cycle <= 0.5 ms at 10 and 100 nodes%n");
        out.printf(Locale.ROOT, "RESULT cycle_ms_n10=%.3f cycle_ms_n100=%.3f%n", medians[0], medians[1]);
        out.flush();
        return Main.EXIT_OK;
    }
}
