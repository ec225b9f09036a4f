package org.spicelearn.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.generate.DisorderedNetworkGenerator;
import org.spicelearn.circuit.generate.DisorderedNetworkSpec;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn bench ideal-solve}: the median CPU time (of the solving thread, so one core and
 * unaffected by other load) of one DC solve of the ideal substrate, with
 * conductances and inputs changed between solves, on disordered networks of 64 to 4096 nodes and on
 * the layered 1568-100-10 network (linear and with ideal diodes); the fitted scaling exponent; and,
 * measured in the same run, two baselines: a fresh symbolic factorisation per solve, and a dense LU
 * (commons-math3) of the nodal matrix where it is feasible.
 */
@Command(name = "ideal-solve", mixinStandardHelpOptions = true,
        description = "Median time per DC solve of the ideal substrate (values changed between solves), with baselines.")
public final class BenchIdealSolveCommand implements Callable<Integer> {
    private static final int[] SIZES = {64, 256, 1024, 4096};
    private static final int DENSE_LIMIT = 1024;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Spec
    private CommandSpec spec;

    @Option(names = "--repeats", defaultValue = "41", description = "Timed solves per network (default ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of networks and perturbations (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        if (repeats < 3) {
            throw new BadInputException("--repeats must be at least 3, got " + repeats);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "ideal-solve: median of %d DC solves per network, conductances and inputs changed before"
                + " each; times are the solving thread's CPU time on one core (%s)%n", repeats,
                System.getProperty("java.vm.name"));
        out.printf(Locale.ROOT, "%-22s %7s %8s %12s %16s %14s%n", "network", "nodes", "edges", "solve_ms",
                "fresh_symbolic_ms", "dense_lu_ms");
        SplittableRandom random = new SplittableRandom(seed);
        // JIT warm-up on a mid-sized network so that the first timed network is not measured cold
        medianSolveMillis(DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(512), seed - 1), random, 300);
        double[] medians = new double[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            Circuit c = DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(SIZES[i]), seed + i);
            medians[i] = medianSolveMillis(c, random, repeats);
            double fresh = medianFreshSymbolicMillis(c, random, Math.max(3, repeats / (SIZES[i] >= 4096 ? 8 : 2)));
            double dense = SIZES[i] <= DENSE_LIMIT ? medianDenseMillis(c, random, SIZES[i] >= 1024 ? 3 : 9) : Double.NaN;
            out.printf(Locale.ROOT, "%-22s %7d %8d %12.4f %16.4f %14s%n", "disordered-" + SIZES[i], c.nodeCount(),
                    c.trainables().size(), medians[i], fresh, Double.isNaN(dense) ? "not run" : String.format(Locale.ROOT, "%.4f", dense));
        }
        double exponent = fittedExponent(medians);
        Circuit layered = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(1568, 100, 10), seed);
        double layeredLinear = medianSolveMillis(layered, random, repeats);
        out.printf(Locale.ROOT, "%-22s %7d %8d %12.4f %16s %14s%n", "layered-1568-100-10", layered.nodeCount(),
                layered.trainables().size(), layeredLinear, "", "");
        // diode limits at the median |V| of the hidden nodes of the linear network: about half of them clip
        Map<String, Double> probe = randomInputs(layered, random);
        double limit = median(hiddenMagnitudes(layered, probe));
        Circuit layeredIdeal = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(1568, 100, 10)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_IDEAL).withDiodeVolts(-limit, limit), seed);
        double layeredDiode = medianSolveMillis(layeredIdeal, random, repeats);
        out.printf(Locale.ROOT, "%-22s %7d %8d %12.4f %16s %14s   (ideal diodes at +/-%.4f V: %.0f%% of hidden nodes clipped)%n",
                "layered-ideal-diode", layeredIdeal.nodeCount(), layeredIdeal.trainables().size(), layeredDiode, "", "",
                limit, 100 * hiddenFractionAtLeast(layeredIdeal, probe, limit * (1 - 1e-9)));
        Circuit amplified = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(1568, 100, 10).withAmplifierGain(4), seed);
        out.printf(Locale.ROOT, "%-22s %7d %8d %12.4f %16s %14s   (VCVS gain 4 after each hidden node: sparse LU path)%n",
                "layered-amplifier", amplified.nodeCount(), amplified.trainables().size(),
                medianSolveMillis(amplified, random, repeats), "", "");
        out.printf(Locale.ROOT, "scaling: solve time ~ nodes^%.3f over %s nodes; target n4096 <= 10 ms: %s%n", exponent,
                Arrays.toString(SIZES), medians[3] <= 10 ? "met" : "MISSED");
        out.printf(Locale.ROOT, "RESULT n64_ms=%.4f n256_ms=%.4f n1024_ms=%.4f n4096_ms=%.4f layered_linear_ms=%.4f"
                        + " layered_ideal_diode_ms=%.4f exponent=%.3f%n", medians[0], medians[1], medians[2], medians[3],
                layeredLinear, layeredDiode, exponent);
        out.flush();
        return Main.EXIT_OK;
    }

    /** Random new input values for every {@code vin...} source. */
    private static Map<String, Double> randomInputs(Circuit c, SplittableRandom random) {
        Map<String, Double> volts = new HashMap<>();
        for (VoltageSource v : c.elements(VoltageSource.class)) {
            if (v.name().startsWith("vin")) {
                volts.put(v.name(), 2 * random.nextDouble() - 1);
            }
        }
        return volts;
    }

    /** Every trainable conductance scaled by a random factor in [0.9, 1.1] (kept in bounds). */
    private static Conductances perturbed(Circuit c, Conductances g, SplittableRandom random) {
        double[] out = g.toArray();
        for (int t = 0; t < out.length; t++) {
            out[t] = c.trainables().get(t).bounds().clip(out[t] * (0.9 + 0.2 * random.nextDouble()));
        }
        return Conductances.of(out);
    }

    private static double medianSolveMillis(Circuit c, SplittableRandom random, int repeats) {
        try (IdealSubstrate s = new IdealSubstrate(c)) {
            int warmup = 15;
            double[] times = new double[repeats];
            for (int k = -warmup; k < repeats; k++) {
                s.setConductances(perturbed(c, s.conductances(), random));
                s.setBoundary(new BoundaryConditions(randomInputs(c, random), OutputBoundary.FREE));
                long t0 = cpuNanos();
                s.settle();
                long t1 = cpuNanos();
                if (k >= 0) {
                    times[k] = (t1 - t0) / 1e6;
                }
            }
            return median(times);
        }
    }

    /** Baseline: a new substrate (ordering, elimination tree, fill pattern) for every solve. */
    private static double medianFreshSymbolicMillis(Circuit c, SplittableRandom random, int repeats) {
        double[] times = new double[repeats];
        Conductances g = c.conductances();
        for (int k = -2; k < repeats; k++) {
            g = perturbed(c, g, random);
            Circuit changed = c.withConductances(g);
            Map<String, Double> inputs = randomInputs(c, random);
            long t0 = cpuNanos();
            try (IdealSubstrate s = new IdealSubstrate(changed)) {
                s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
                s.settle();
            }
            long t1 = cpuNanos();
            if (k >= 0) {
                times[k] = (t1 - t0) / 1e6;
            }
        }
        return median(times);
    }

    /** Baseline: dense nodal matrix over the undriven nodes, LU-factorised by commons-math3. */
    private static double medianDenseMillis(Circuit c, SplittableRandom random, int repeats) {
        int n = c.nodeCount();
        int[] unknown = new int[n];
        Arrays.fill(unknown, -1);
        boolean[] driven = new boolean[n];
        driven[Circuit.GROUND] = true;
        for (VoltageSource v : c.elements(VoltageSource.class)) {
            driven[v.plus()] = true;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!driven[i]) {
                unknown[i] = m++;
            }
        }
        double[] times = new double[repeats];
        Conductances g = c.conductances();
        for (int k = -1; k < repeats; k++) {
            g = perturbed(c, g, random);
            Map<String, Double> inputs = randomInputs(c, random);
            long t0 = cpuNanos();
            double[] fixedVolts = new double[n];
            for (VoltageSource v : c.elements(VoltageSource.class)) {
                fixedVolts[v.plus()] = inputs.getOrDefault(v.name(), v.dcVolts());
            }
            Array2DRowRealMatrix a = new Array2DRowRealMatrix(m, m);
            double[] b = new double[m];
            int t = 0;
            for (Resistor r : c.elements(Resistor.class)) {
                double gr = r.trainable() ? g.siemens(t++) : r.siemens();
                stamp(a, b, unknown, fixedVolts, r.a(), r.b(), gr);
                stamp(a, b, unknown, fixedVolts, r.b(), r.a(), gr);
            }
            new LUDecomposition(a).getSolver().solve(new ArrayRealVector(b, false));
            long t1 = cpuNanos();
            if (k >= 0) {
                times[k] = (t1 - t0) / 1e6;
            }
        }
        return median(times);
    }

    private static void stamp(Array2DRowRealMatrix a, double[] b, int[] unknown, double[] fixedVolts, int p, int q,
                              double g) {
        int up = unknown[p];
        if (up < 0) {
            return;
        }
        a.addToEntry(up, up, g);
        if (unknown[q] >= 0) {
            a.addToEntry(up, unknown[q], -g);
        } else {
            b[up] += g * fixedVolts[q];
        }
    }

    /** The |voltages| of the hidden nodes {@code h...} under the given inputs. */
    private static double[] hiddenMagnitudes(Circuit c, Map<String, Double> inputs) {
        try (IdealSubstrate s = new IdealSubstrate(c)) {
            s.setBoundary(new BoundaryConditions(inputs, OutputBoundary.FREE));
            NodeVoltages v = s.settle();
            return java.util.stream.IntStream.range(0, c.nodeCount()).filter(i -> c.nodeName(i).startsWith("h"))
                    .mapToDouble(i -> Math.abs(v.volts(i))).toArray();
        }
    }

    private static double hiddenFractionAtLeast(Circuit c, Map<String, Double> inputs, double volts) {
        double[] m = hiddenMagnitudes(c, inputs);
        return (double) Arrays.stream(m).filter(x -> x >= volts).count() / m.length;
    }

    /**
     * The CPU time of this thread, in nanoseconds: the one-core cost of a solve, unaffected by other
     * processes competing for the cores (wall-clock time is not).
     */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** The least-squares slope of log(time) against log(nodes). */
    private static double fittedExponent(double[] medians) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = SIZES.length;
        for (int i = 0; i < n; i++) {
            double x = Math.log(SIZES[i]);
            double y = Math.log(medians[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
