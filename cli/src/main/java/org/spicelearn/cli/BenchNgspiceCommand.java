package org.spicelearn.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spicelearn.bridge.NgspiceBench;
import org.spicelearn.bridge.NgspiceSubstrate;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn bench ngspice}: Equilibrium Propagation steps on ngspice in process (free
 * {@code op}, nudged {@code op}, every conductance altered) for the Iris-size 4-10-3 diode network
 * and the 64-32-10 network, their parts (op, alter, reading all node voltages, reload), the
 * alter/reload crossover, and in the same run the same steps done the way most scripts do them: a
 * fresh {@code ngspice -b} process per solve with a rewritten netlist.
 */
@Command(name = "ngspice", mixinStandardHelpOptions = true,
        description = "EP samples/s on libngspice in process vs a process per solve; op/alter/read costs; reload crossover.")
public final class BenchNgspiceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--samples", defaultValue = "2000", description = "Timed in-process EP samples on Iris (default ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--digits-samples", defaultValue = "60",
            description = "Timed in-process EP samples on 64-32-10 (default ${DEFAULT-VALUE}).")
    private int digitsSamples;

    @Option(names = "--process-samples", defaultValue = "20",
            description = "EP samples with a process per solve, Iris; a quarter of it on 64-32-10 (default ${DEFAULT-VALUE}).")
    private int processSamples;

    @Option(names = "--ngspice", defaultValue = "ngspice", description = "The ngspice executable of the baseline (default ${DEFAULT-VALUE}).")
    private String ngspice;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of networks and data (default ${DEFAULT-VALUE}).")
    private long seed;

    /** The Iris-size network: 4 features as +x/-x pairs (8 input nodes), 10 hidden nodes with Shockley diodes, 3 outputs. */
    static Circuit iris(long seed) {
        return LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(8, 10, 3)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY).withBias(true, 1), seed);
    }

    /** The digits-size network: 64 features as pairs (128 input nodes), 32 hidden, 10 outputs: 4,416 resistors. */
    static Circuit digits(long seed) {
        return LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(128, 32, 10), seed);
    }

    @Override
    public Integer call() throws Exception {
        if (samples < 10 || digitsSamples < 5 || processSamples < 4) {
            throw new BadInputException("need --samples >= 10, --digits-samples >= 5 and --process-samples >= 4");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "ngspice: EP step = free op + nudged op (beta %s S) + every trainable conductance altered;"
                + " medians, one thread (%s)%n", NgspiceBench.BETA_SIEMENS, System.getProperty("java.vm.name"));
        NgspiceBench.EpFigures irisIn = NgspiceBench.epInProcess("iris-4-10-3-diodes", iris(seed), samples, seed);
        print(out, irisIn);
        NgspiceBench.ProcessFigures irisProc = NgspiceBench.epProcessPerSolve(iris(seed), processSamples, seed, ngspice);
        print(out, "iris-4-10-3-diodes", irisProc);
        NgspiceBench.EpFigures digitsIn = NgspiceBench.epInProcess("digits-64-32-10", digits(seed), digitsSamples, seed);
        print(out, digitsIn);
        NgspiceBench.ProcessFigures digitsProc = NgspiceBench.epProcessPerSolve(digits(seed), Math.max(2, processSamples / 4),
                seed, ngspice);
        print(out, "digits-64-32-10", digitsProc);
        NgspiceBench.Crossover irisX = NgspiceBench.crossover("iris-4-10-3-diodes", iris(seed));
        NgspiceBench.Crossover digitsX = NgspiceBench.crossover("digits-64-32-10", digits(seed));
        for (NgspiceBench.Crossover x : new NgspiceBench.Crossover[] {irisX, digitsX}) {
            out.printf(Locale.ROOT, "crossover %-20s reload %9.1f us = %7.0f alters of %.2f us (%.2f x the %d trainables,"
                    + " %.2f per element); substrate rule: reload above %.2f changes per element%n", x.name(), x.reloadMicros(),
                    x.reloadMicros() / x.alterMicrosPerResistor(), x.alterMicrosPerResistor(), x.crossoverFraction(),
                    x.trainables(), x.reloadMicros() / x.alterMicrosPerResistor() / x.elements(),
                    NgspiceSubstrate.RELOAD_CROSSOVER_ALTERS_PER_ELEMENT);
        }
        double irisRatio = irisIn.samplesPerSecond() / processRate(irisProc);
        double digitsRatio = digitsIn.samplesPerSecond() / processRate(digitsProc);
        out.printf(Locale.ROOT, "targets: iris process ratio >= 30 (got %.1f), iris overhead outside ngspice <= 15%% (got %.1f%%)%n",
                irisRatio, irisIn.overheadPercent());
        out.printf(Locale.ROOT, "RESULT iris_samples_per_s=%.1f iris_process_ratio=%.1f iris_overhead_pct=%.1f iris_op_pct=%.1f"
                        + " iris_alter_pct=%.1f iris_op_us=%.1f iris_alter_us=%.2f iris_read_us=%.2f iris_vecinfo_read_us=%.2f"
                        + " iris_process_samples_per_s=%.2f"
                        + " digits_samples_per_s=%.2f digits_process_ratio=%.1f digits_overhead_pct=%.1f digits_op_us=%.0f"
                        + " digits_alter_us=%.2f digits_read_us=%.2f digits_process_samples_per_s=%.3f"
                        + " reload_crossover_iris=%.2f reload_crossover_digits=%.2f%n",
                irisIn.samplesPerSecond(), irisRatio, irisIn.overheadPercent(), irisIn.opPercent(), irisIn.alterPercent(),
                irisIn.medianOpMicros(), irisIn.medianAlterMicros(), irisIn.medianReadMicros(), irisIn.vecInfoReadMicros(),
                processRate(irisProc),
                digitsIn.samplesPerSecond(), digitsRatio, digitsIn.overheadPercent(), digitsIn.medianOpMicros(),
                digitsIn.medianAlterMicros(), digitsIn.medianReadMicros(), processRate(digitsProc),
                irisX.crossoverFraction(), digitsX.crossoverFraction());
        out.flush();
        return Main.EXIT_OK;
    }

    /** EP samples per second of the process-per-solve baseline, from its median solve (two solves per sample). */
    private static double processRate(NgspiceBench.ProcessFigures p) {
        return 1e3 / (2 * p.medianSolveMillis());
    }

    private static void print(PrintWriter out, NgspiceBench.EpFigures f) {
        out.printf(Locale.ROOT, "in-process   %-20s %4d nodes %5d trainables: median step %9.1f us = %8.1f samples/s"
                        + " (throughput %.1f/s over %d samples)%n", f.name(), f.nodes(), f.trainables(), f.medianStepMicros(),
                f.samplesPerSecond(), f.throughputPerSecond(), f.samples());
        out.printf(Locale.ROOT, "             %-20s op %.1f us, alter %.2f us, read all node voltages %.2f us (one"
                        + " ngGet_Vec_Info per node instead: %.2f us), reload %.1f us%n", "",
                f.medianOpMicros(), f.medianAlterMicros(), f.medianReadMicros(), f.vecInfoReadMicros(), f.reloadMicros());
        out.printf(Locale.ROOT, "             %-20s step time: %.1f%% in ngspice (ops %.1f%%, alters %.1f%%), %.1f%% outside"
                + " ngspice (Java, JNA, reading)%n", "", f.ngspicePercent(), f.opPercent(), f.alterPercent(), f.overheadPercent());
    }

    private static void print(PrintWriter out, String name, NgspiceBench.ProcessFigures p) {
        out.printf(Locale.ROOT, "baseline     %-20s ngspice -b per solve (write netlist, spawn, parse): median solve %.2f ms"
                + " = %.2f samples/s (throughput %.2f/s over %d samples)%n", name, p.medianSolveMillis(), processRate(p),
                p.samplesPerSecond(), p.samples());
    }
}
