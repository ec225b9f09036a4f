package org.spicelearn.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.Vccs;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.generate.DisorderedNetworkGenerator;
import org.spicelearn.circuit.generate.DisorderedNetworkSpec;
import org.spicelearn.circuit.generate.Networks;
import org.spicelearn.netlist.NetlistWriter;
import org.spicelearn.netlist.NetworkRoles;
import org.spicelearn.netlist.SpiceNames;

/**
 * The measurements behind {@code spicelearn bench ngspice}, {@code ngspice-soak} and
 * {@code ngspice-transient}: Equilibrium Propagation steps in process against a process per solve,
 * the parts of a step (op, alter, reading), the alter/reload crossover, memory over long runs and
 * the cost of a transient pause/alter/resume cycle. Results are plain records; the command line
 * prints them.
 */
public final class NgspiceBench {
    /** Nudge strength of the EP steps, in siemens. */
    public static final double BETA_SIEMENS = 1e-4;
    /** Learning rate of the EP steps (siemens per siemens-volt-squared). */
    public static final double LEARNING_RATE = 1e-6;

    private NgspiceBench() {
    }

    /** A small fixed data set: random inputs in [-1, 1] V and targets in [-0.5, 0.5] V. */
    private record Sample(Map<String, Double> inputs, double[] targets) {
    }

    private static List<Sample> samples(Circuit c, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int outputs = Networks.outputNodes(c).length;
        List<Sample> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Map<String, Double> in = new HashMap<>();
            for (VoltageSource v : c.elements(VoltageSource.class)) {
                if (v.name().startsWith("vin")) {
                    in.put(v.name(), 2 * random.nextDouble() - 1);
                }
            }
            double[] y = new double[outputs];
            for (int o = 0; o < outputs; o++) {
                y[o] = random.nextDouble() - 0.5;
            }
            out.add(new Sample(in, y));
        }
        return out;
    }

    /** The EP update {@code -eta/beta * (h(V_beta) - h(V_0))} with {@code h = dV^2 / 2} per trainable resistor. */
    private static Conductances epUpdate(Circuit c, NodeVoltages free, NodeVoltages nudged) {
        List<Resistor> trainables = c.trainables();
        double[] delta = new double[trainables.size()];
        for (int t = 0; t < delta.length; t++) {
            Resistor r = trainables.get(t);
            double d0 = free.dropVolts(r.a(), r.b());
            double d1 = nudged.dropVolts(r.a(), r.b());
            delta[t] = -LEARNING_RATE / BETA_SIEMENS * 0.5 * (d1 * d1 - d0 * d0);
        }
        return Conductances.of(delta);
    }

    /**
     * In-process EP figures of one network (medians, robust to other processes on the machine).
     *
     * @param samplesPerSecond    EP samples per second from the median step time
     * @param throughputPerSecond EP samples per second over the whole timed loop
     * @param medianStepMicros    median wall time of one sample (free solve, nudged solve, update of every conductance)
     * @param medianOpMicros      median time ngspice spends in one {@code op} (with {@code destroy all})
     * @param medianAlterMicros   median time ngspice spends in one {@code alter} (batched as in a step)
     * @param medianReadMicros    median time to copy all node voltages out of one data point (SendData callback)
     * @param vecInfoReadMicros   median time to read the same voltages with one {@code ngGet_Vec_Info} per node instead
     * @param reloadMicros        median time to write and reload the whole circuit ({@code remcirc} + {@code ngSpice_Circ})
     * @param ngspicePercent      median share of a step spent inside ngspice (ops and alters)
     * @param opPercent           share of the median step spent in ngspice's two {@code op}s
     * @param alterPercent        share of the median step spent in ngspice's alters
     * @param overheadPercent     median share of a step spent outside ngspice (Java, JNA, reading voltages)
     */
    public record EpFigures(String name, int nodes, int trainables, int samples, double samplesPerSecond,
                            double throughputPerSecond, double medianStepMicros, double medianOpMicros,
                            double medianAlterMicros, double medianReadMicros, double vecInfoReadMicros,
                            double reloadMicros, double ngspicePercent,
                            double opPercent, double alterPercent, double overheadPercent) {
    }

    /** Runs {@code samples} EP steps of {@code c} in process, after a warm-up, and times their parts. */
    public static EpFigures epInProcess(String name, Circuit c, int samples, long seed) {
        List<Sample> data = samples(c, 50, seed);
        int[] outs = Networks.outputNodes(c);
        try (NgspiceSubstrate s = new NgspiceSubstrate(c)) {
            NgspiceSession session = s.session();
            for (int k = 0; k < Math.min(50, samples); k++) {
                epStep(s, c, data.get(k % data.size()), outs);
            }
            long[] stepNanos = new long[samples];
            long[] outsidePerMille = new long[samples];
            long start = System.nanoTime();
            for (int k = 0; k < samples; k++) {
                NgspiceSession.Stats before = session.stats();
                long t0 = System.nanoTime();
                epStep(s, c, data.get(k % data.size()), outs);
                stepNanos[k] = System.nanoTime() - t0;
                long inside = session.stats().minus(before).ngspiceNanos();
                outsidePerMille[k] = 1000 * (stepNanos[k] - inside) / stepNanos[k];
            }
            long wall = System.nanoTime() - start;

            int reps = 200;
            long[] op = new long[reps];
            long[] read = new long[reps];
            long[] alter = new long[reps];
            long[] reload = new long[Math.max(5, reps / 10)];
            List<String> alters = new ArrayList<>();
            double[] g = s.conductances().toArray();
            for (int t = 0; t < g.length; t++) {
                alters.add(SpiceNames.alterCommand(c.trainables().get(t).name(), 1.0 / g[t]));
            }
            for (int k = 0; k < reps; k++) {
                NgspiceSession.Stats a = session.stats();
                session.operatingPoint(List.of());
                NgspiceSession.Stats b = session.stats();
                session.commands(alters);
                NgspiceSession.Stats d = session.stats();
                op[k] = b.minus(a).ngspiceNanos();
                read[k] = b.minus(a).callbackNanos();
                alter[k] = d.minus(b).nativeNanos() / Math.max(1, alters.size());
            }
            // the alternative way of reading: one ngGet_Vec_Info per node vector of the op plot
            long[] vecInfo = new long[reps / 4];
            List<String> nodes = c.nodeNames().subList(1, c.nodeCount());
            for (int k = 0; k < vecInfo.length; k++) {
                session.command("op");
                long t0 = System.nanoTime();
                for (String node : nodes) {
                    if (session.instance().vector(node) == null) {
                        throw new IllegalStateException("no vector " + node + " in the op plot");
                    }
                }
                vecInfo[k] = System.nanoTime() - t0;
                session.command("destroy all");
            }
            for (int k = 0; k < reload.length; k++) {
                long t0 = System.nanoTime();
                s.reloadNow();
                reload[k] = System.nanoTime() - t0;
            }
            double step = median(stepNanos) / 1e3;
            double opMicros = median(op) / 1e3;
            double alterMicros = median(alter) / 1e3;
            double outside = median(outsidePerMille) / 10.0;
            return new EpFigures(name, c.nodeCount(), c.trainables().size(), samples, 1e6 / step, samples / (wall / 1e9),
                    step, opMicros, alterMicros, median(read) / 1e3, median(vecInfo) / 1e3, median(reload) / 1e3,
                    100 - outside,
                    100.0 * 2 * opMicros / step, 100.0 * alterMicros * g.length / step, outside);
        }
    }

    private static void epStep(NgspiceSubstrate s, Circuit c, Sample sample, int[] outs) {
        s.setBoundary(new BoundaryConditions(sample.inputs(), OutputBoundary.FREE));
        NodeVoltages free = s.settle();
        s.setBoundary(new BoundaryConditions(sample.inputs(), new OutputBoundary.Nudge(BETA_SIEMENS, outs, sample.targets())));
        NodeVoltages nudged = s.settle();
        s.adjust(epUpdate(c, free, nudged));
    }

    /**
     * The process-per-solve baseline: each solve writes the netlist (present conductances, inputs, and
     * for the nudged phase a target source and a VCCS per output), runs {@code ngspice -b}, and parses
     * the printed node voltages, as most scripts do.
     *
     * @param samplesPerSecond EP samples per second this way
     * @param medianSolveMillis median wall time of one solve (write, spawn, parse)
     */
    public record ProcessFigures(int samples, double samplesPerSecond, double medianSolveMillis) {
    }

    /** Runs {@code samples} EP steps of {@code c} with a fresh {@code ngspice -b} process per solve. */
    public static ProcessFigures epProcessPerSolve(Circuit c, int samples, long seed, String ngspiceExecutable)
            throws IOException, InterruptedException {
        List<Sample> data = samples(c, 50, seed);
        int[] outs = Networks.outputNodes(c);
        Path dir = Files.createTempDirectory("spicelearn-bench-");
        try {
            Circuit present = c;
            long[] solve = new long[2 * samples];
            long start = System.nanoTime();
            for (int k = 0; k < samples; k++) {
                Sample sample = data.get(k % data.size());
                long t0 = System.nanoTime();
                NodeVoltages free = solveWithNgspiceProcess(withInputs(present, sample.inputs()), c, dir, ngspiceExecutable);
                long t1 = System.nanoTime();
                NodeVoltages nudged = solveWithNgspiceProcess(withNudge(withInputs(present, sample.inputs()), outs, sample.targets()),
                        c, dir, ngspiceExecutable);
                long t2 = System.nanoTime();
                solve[2 * k] = t1 - t0;
                solve[2 * k + 1] = t2 - t1;
                Conductances delta = epUpdate(c, free, nudged);
                double[] g = present.conductances().toArray();
                for (int t = 0; t < g.length; t++) {
                    g[t] = c.trainables().get(t).bounds().clip(g[t] + delta.siemens(t));
                }
                present = present.withConductances(Conductances.of(g));
            }
            long wall = System.nanoTime() - start;
            return new ProcessFigures(samples, samples / (wall / 1e9), median(solve) / 1e6);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Circuit withInputs(Circuit c, Map<String, Double> inputs) {
        Circuit out = c;
        for (Map.Entry<String, Double> e : inputs.entrySet()) {
            out = out.withElement(((VoltageSource) out.element(e.getKey())).withDcVolts(e.getValue()));
        }
        return out;
    }

    private static Circuit withNudge(Circuit c, int[] outs, double[] targets) {
        Circuit.Builder b = c.toBuilder();
        for (int o = 0; o < outs.length; o++) {
            int target = b.node("target" + o);
            b.add(VoltageSource.dc("vtarget" + o, target, Circuit.GROUND, targets[o]));
            b.add(new Vccs("gnudge" + o, Circuit.GROUND, outs[o], target, outs[o], BETA_SIEMENS));
        }
        return b.build();
    }

    /** One solve the scripting way: write, spawn {@code ngspice -b}, parse the operating-point table. */
    private static NodeVoltages solveWithNgspiceProcess(Circuit c, Circuit original, Path dir, String ngspice)
            throws IOException, InterruptedException {
        Path file = dir.resolve("step.cir");
        Files.write(file, NetlistWriter.lines(c, NetworkRoles.NONE, List.of(".op")), StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(ngspice, "-b", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(ngspice + " -b failed: " + out);
        }
        double[] volts = new double[original.nodeCount()];
        boolean table = false;
        int found = 0;
        for (String line : out.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Node") && t.contains("Voltage")) {
                table = true;
            } else if (table && t.isEmpty() && found > 0) {
                break;
            } else if (table) {
                String[] parts = t.split("\\s+");
                if (parts.length == 2 && original.hasNode(parts[0])) {
                    volts[original.nodeIndex(parts[0])] = Double.parseDouble(parts[1]);
                    found++;
                }
            }
        }
        if (found != original.nodeCount() - 1) {
            throw new IOException("ngspice -b printed " + found + " of " + (original.nodeCount() - 1) + " node voltages");
        }
        return NodeVoltages.of(volts, 0);
    }

    /**
     * The alter/reload crossover of one network.
     *
     * @param alterMicrosPerResistor median cost of one alter when all trainables are altered in one batch
     * @param reloadMicros           median cost of writing and reloading the whole circuit
     * @param crossoverFraction      share of changed resistors above which a reload is cheaper
     */
    public record Crossover(String name, int trainables, int elements, double alterMicrosPerResistor,
                            double reloadMicros, double crossoverFraction) {
    }

    /** Measures the alter/reload crossover of {@code c}. */
    public static Crossover crossover(String name, Circuit c) {
        try (NgspiceSubstrate s = new NgspiceSubstrate(c)) {
            int n = c.trainables().size();
            List<String> alters = new ArrayList<>();
            for (Resistor r : c.trainables()) {
                alters.add(SpiceNames.alterCommand(r.name(), r.ohms()));
            }
            int reps = 30;
            long[] alter = new long[reps];
            long[] reload = new long[reps];
            for (int k = 0; k < reps; k++) {
                long t0 = System.nanoTime();
                s.session().commands(alters);
                long t1 = System.nanoTime();
                s.reloadNow();
                long t2 = System.nanoTime();
                alter[k] = (t1 - t0) / n;
                reload[k] = t2 - t1;
            }
            double a = median(alter) / 1e3;
            double r = median(reload) / 1e3;
            return new Crossover(name, n, c.elements().size(), a, r, r / (a * n));
        }
    }

    /**
     * Memory over a long run of alter+op cycles.
     *
     * @param warmupCycles      cycles run before the start reading, until the resident set stopped growing
     *                          (the JVM touches its young generation once; that is not a leak)
     * @param rssStartMb        resident set after the warm-up, in MB
     * @param rssEndMb          resident set at the end, in MB
     * @param nativeHeapStartMb C heap in use (mallinfo2: ngspice's own allocations and the JVM's) after the warm-up
     * @param nativeHeapEndMb   C heap in use at the end
     * @param microsPerCycle    mean wall time per cycle
     */
    public record Soak(long cycles, long warmupCycles, double rssStartMb, double rssEndMb, double nativeHeapStartMb,
                       double nativeHeapEndMb, double microsPerCycle) {
        /** Growth of the resident set, in MB. */
        public double growthMb() {
            return rssEndMb - rssStartMb;
        }

        /** Growth of the C heap in use, in MB. */
        public double nativeHeapGrowthMb() {
            return nativeHeapEndMb - nativeHeapStartMb;
        }
    }

    /** The bytes of the C heap in use (glibc mallinfo2), in MB; NaN when unavailable. */
    public static double nativeHeapMb() {
        try {
            return LibC.mallocInUseBytes() / (1024.0 * 1024.0);
        } catch (UnsatisfiedLinkError e) {
            return Double.NaN;
        }
    }

    /** Runs {@code cycles} cycles (alter one conductance, op, read, destroy) on {@code c}; reports every tenth. */
    public static Soak soak(Circuit c, long cycles, Consumer<String> progress) {
        try (NgspiceSubstrate s = new NgspiceSubstrate(c)) {
            int n = c.trainables().size();
            double[] delta = new double[n];
            // warm up until the resident set stops growing: chunks of 2,000 cycles, at most 40
            long warmup = 0;
            double previous = rssMb();
            for (int chunk = 0; chunk < 40; chunk++) {
                for (int k = 0; k < 2000; k++) {
                    soakCycle(s, delta, warmup++, n);
                }
                double now = rssMb();
                if (chunk >= 2 && now - previous < 0.5) {
                    break;
                }
                previous = now;
            }
            progress.accept(String.format(Locale.ROOT, "  warm-up: %,d cycles until the resident set stopped growing"
                    + " (%.1f MB)", warmup, rssMb()));
            System.gc();
            double rssStart = rssMb();
            double heapStart = nativeHeapMb();
            long start = System.nanoTime();
            for (long k = 0; k < cycles; k++) {
                soakCycle(s, delta, k, n);
                if ((k + 1) % Math.max(1, cycles / 10) == 0) {
                    progress.accept(String.format(Locale.ROOT, "  %,d cycles, RSS %.1f MB, C heap in use %.1f MB", k + 1,
                            rssMb(), nativeHeapMb()));
                }
            }
            long wall = System.nanoTime() - start;
            System.gc();
            return new Soak(cycles, warmup, rssStart, rssMb(), heapStart, nativeHeapMb(), wall / 1e3 / Math.max(1, cycles));
        }
    }

    private static void soakCycle(NgspiceSubstrate s, double[] delta, long k, int n) {
        int t = (int) (k % n);
        delta[t] = (k / n) % 2 == 0 ? 1e-7 : -1e-7;
        s.adjust(Conductances.of(delta));
        delta[t] = 0;
        s.settle();
    }

    /** The resident set size of this process (VmRSS of /proc/self/status), in MB. */
    public static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * The cost of transient co-simulation cycles (alter one conductance at a pause, resume to the next).
     *
     * @param medianCycleMillis median wall time of one pause/alter/resume cycle
     * @param rssGrowthMb       resident-set growth over the cycles (Java heap included)
     * @param nativeHeapGrowthMb growth of the C heap in use (ngspice's allocations) over the cycles
     */
    public record TransientCycles(int nodes, int cycles, double medianCycleMillis, double meanCycleMillis,
                                  double medianOpMillis, double rssGrowthMb, double nativeHeapGrowthMb) {
    }

    /**
     * A disordered network of {@code nodes} nodes with a node capacitance at every node (tau about
     * 1 us), stepped by {@code cycles} pause/alter/resume cycles of 0.1 us.
     */
    public static TransientCycles transientCycles(int nodes, int cycles, long seed) {
        Circuit base = DisorderedNetworkGenerator.generate(DisorderedNetworkSpec.of(nodes), seed);
        Circuit.Builder b = base.toBuilder();
        for (int i = 1; i < base.nodeCount(); i++) {
            b.add(new Capacitor("cnode" + i, i, Circuit.GROUND, 1e-9));
        }
        Circuit c = b.build();
        double step = 1e-8;
        try (NgspiceSubstrate s = new NgspiceSubstrate(c, new TransientSettings(IntegrationMethod.TRAPEZOIDAL, step))) {
            s.settle();
            int n = c.trainables().size();
            double[] delta = new double[n];
            long[] cycle = new long[cycles];
            for (int k = 0; k < Math.min(200, cycles); k++) {
                transientCycle(s, delta, k, n, step);
            }
            System.gc(); // the resident set counts the Java heap: measure it after collections
            double rssStart = rssMb();
            double heapStart = nativeHeapMb();
            long start = System.nanoTime();
            for (int k = 0; k < cycles; k++) {
                long t0 = System.nanoTime();
                transientCycle(s, delta, k, n, step);
                cycle[k] = System.nanoTime() - t0;
            }
            long wall = System.nanoTime() - start;
            System.gc();
            double rssGrowth = rssMb() - rssStart;
            double heapGrowth = nativeHeapMb() - heapStart;
            return new TransientCycles(c.nodeCount(), cycles, median(cycle) / 1e6, wall / 1e6 / cycles, medianOpMillis(base),
                    rssGrowth, heapGrowth);
        }
    }

    /** The median wall time of a DC settle of {@code c} after an alter, in milliseconds. */
    private static double medianOpMillis(Circuit c) {
        try (NgspiceSubstrate s = new NgspiceSubstrate(c)) {
            int n = c.trainables().size();
            double[] delta = new double[n];
            long[] op = new long[300];
            for (int k = 0; k < op.length; k++) {
                long t0 = System.nanoTime();
                soakCycle(s, delta, k, n);
                op[k] = System.nanoTime() - t0;
            }
            return median(op) / 1e6;
        }
    }

    private static void transientCycle(NgspiceSubstrate s, double[] delta, int k, int n, double step) {
        int t = k % n;
        delta[t] = (k / n) % 2 == 0 ? 1e-6 : -1e-6;
        s.adjust(Conductances.of(delta));
        delta[t] = 0;
        s.advance(10 * step);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }
}
