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
 * {@code spicelearn bench ngspice-soak}: many alter+op cycles on the Iris-size diode network through
 * NgspiceSubstrate, with the resident set size (VmRSS) and the C heap in use before and after: memory
 * must stay flat (target: growth below 50 MB over 100,000 cycles). Measured in a child JVM with a
 * fixed Java heap ({@link FixedHeapJvm}).
 */
@Command(name = "ngspice-soak", mixinStandardHelpOptions = true,
        description = "alter+op cycles on libngspice; prints the growth of the resident set (target < 50 MB / 100,000 cycles).")
public final class BenchNgspiceSoakCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--cycles", defaultValue = "100000", description = "alter+op cycles (default ${DEFAULT-VALUE}).")
    private long cycles;

    @Mixin
    private FixedHeapJvm.InThisJvmOption jvm;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the network (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        if (cycles < 10) {
            throw new BadInputException("--cycles must be at least 10, got " + cycles);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!jvm.inThisJvm()) {
            return FixedHeapJvm.rerun(out, List.of("bench", "ngspice-soak", "--cycles", Long.toString(cycles),
                    "--seed", Long.toString(seed)));
        }
        out.printf(Locale.ROOT, "ngspice-soak: %,d cycles of (alter one conductance, op, read all node voltages, destroy all)"
                + " on the Iris-size diode network; RSS before any ngspice use %.1f MB%n", cycles, NgspiceBench.rssMb());
        out.flush();
        NgspiceBench.Soak soak = NgspiceBench.soak(BenchNgspiceCommand.iris(seed), cycles, ProgressLines.printingTo(out));
        out.printf(Locale.ROOT, "RSS after warm-up %.1f MB, after %,d cycles %.1f MB: growth %.1f MB (target < 50 MB);"
                + " C heap in use %.1f -> %.1f MB (%+.2f MB); %.1f us per cycle%n", soak.rssStartMb(), cycles, soak.rssEndMb(),
                soak.growthMb(), soak.nativeHeapStartMb(), soak.nativeHeapEndMb(), soak.nativeHeapGrowthMb(),
                soak.microsPerCycle());
        out.printf(Locale.ROOT, "RESULT rss_growth_mb=%.1f native_heap_growth_mb=%.2f cycles=%d warmup_cycles=%d"
                        + " rss_start_mb=%.1f rss_end_mb=%.1f us_per_cycle=%.1f%n", soak.growthMb(), soak.nativeHeapGrowthMb(),
                cycles, soak.warmupCycles(), soak.rssStartMb(), soak.rssEndMb(), soak.microsPerCycle());
        out.flush();
        return Main.EXIT_OK;
    }
}
