package org.spicelearn.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.spicelearn.bridge.NgspiceLibraryLocator;
import org.spicelearn.bridge.NgspiceSubstrate;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.generate.DisorderedNetworkGenerator;
import org.spicelearn.circuit.generate.DisorderedNetworkSpec;
import org.spicelearn.circuit.generate.Networks;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.netlist.NetworkRoles;
import org.spicelearn.netlist.ParsedNetlist;

/**
 * Experiment 1: ngspice against the ideal substrate. DC equilibria (free and nudged) on every
 * library netlist and on random disordered networks; transient RC waveforms against the exact
 * exponential for backward Euler and trapezoidal integration at several step sizes.
 */
public final class SolverAgreementExperiment implements ExperimentRunner {
    /** Largest relative DC error allowed on linear networks (double precision, sparse vs SPICE LU). */
    public static final double LINEAR_RELATIVE_LIMIT = 1e-9;
    /** Largest absolute DC error allowed on diode networks: ngspice's Newton stops at its vntol/reltol. */
    public static final double DIODE_ABSOLUTE_LIMIT_VOLTS = 1e-6;
    private static final double TAU_SECONDS = 1e-3;

    @Override
    public SectionResult run(ValidationSettings settings) {
        SectionBuilder b = new SectionBuilder(Experiment.SOLVER_AGREEMENT);
        String tested = "The same circuits are solved by ngspice (through its shared library) and by spicelearn's own "
                + "exact solver (the ideal substrate). DC: every netlist of the shipped library and "
                + settings.pick(20, 100) + " random disordered networks, each with random input voltages, free and "
                + "with the outputs nudged by a conductance toward random targets. Transient: an RC low-pass "
                + "(R = 1 kOhm, C = 1 uF, tau = 1 ms) driven by a 1 V step, integrated by backward Euler and by the "
                + "trapezoidal rule at several step sizes, against the exact 1 - exp(-t/tau).";
        String theory = "Both solve the same nodal equations. For linear networks the solution is unique and both "
                + "solvers are direct, so they agree to rounding: relative error near 1e-12, checked <= 1e-9. With "
                + "Shockley diodes ngspice stops Newton at its tolerances (vntol = 1 uV), so agreement is within "
                + "1e-6 V. In transient, backward Euler is first order (error halves when the step halves: log-log "
                + "slope 1) and the trapezoidal rule second order (slope 2). ngspice's step never exceeds the "
                + "requested one and is further shortened by its local truncation-error control (reltol = 1e-3), "
                + "so its error is at most that of the fixed-step ideal integrator at the same step, and for the "
                + "trapezoidal rule stays near the tolerance (below 1e-3 V on a 1 V step) at every step size.";
        if (!NgspiceLibraryLocator.available()) {
            b.check("ngspice-available", "libngspice can be loaded", 0, "", new Bound.AtLeast(1));
            b.measured("libngspice was not found; nothing could be compared.");
            return b.build(tested, theory);
        }
        libraryNetlists(settings, b);
        randomNetworks(settings, b);
        transientWaveforms(settings, b);
        return b.build(tested, theory);
    }

    /** DC error between the two solvers over a list of boundary conditions: {max abs volts, max relative}. */
    static double[] dcErrors(Circuit c, List<BoundaryConditions> conditions) {
        double abs = 0;
        double rel = 0;
        try (Substrate ideal = new IdealSubstrate(c); Substrate ng = new NgspiceSubstrate(c)) {
            for (BoundaryConditions bc : conditions) {
                ideal.setBoundary(bc);
                ng.setBoundary(bc);
                double[] vi = ideal.settle().toArray();
                double[] vn = ng.settle().toArray();
                double a = Stats.maxAbsDifference(vi, vn);
                abs = Math.max(abs, a);
                rel = Math.max(rel, a / Math.max(Stats.maxAbs(vi), 1e-300));
            }
        }
        return new double[] {abs, rel};
    }

    /** Free and nudged conditions with random inputs and targets. */
    private static List<BoundaryConditions> conditions(List<String> inputSources, int[] outputs, double betaSiemens,
                                                       SplittableRandom random) {
        Map<String, Double> in = new HashMap<>();
        for (String s : inputSources) {
            in.put(s, random.nextDouble(-1, 1));
        }
        double[] y = new double[outputs.length];
        for (int o = 0; o < y.length; o++) {
            y[o] = random.nextDouble(-0.5, 0.5);
        }
        List<BoundaryConditions> out = new ArrayList<>();
        out.add(new BoundaryConditions(in, OutputBoundary.FREE));
        if (outputs.length > 0) {
            out.add(new BoundaryConditions(in, new OutputBoundary.Nudge(betaSiemens, outputs, y)));
        }
        return out;
    }

    private static double meanTrainableSiemens(Circuit c) {
        return c.trainables().stream().mapToDouble(Resistor::siemens).average().orElse(1e-4);
    }

    private void libraryNetlists(ValidationSettings settings, SectionBuilder b) {
        List<Path> files;
        try (Stream<Path> s = Files.list(settings.libraryDirectory())) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".cir")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the netlist library " + settings.libraryDirectory(), e);
        }
        b.check("library-netlists-found", "Library netlists found in " + settings.libraryDirectory(), files.size(),
                "files", new Bound.AtLeast(1));
        double linRel = 0;
        double linAbs = 0;
        double diodeAbs = 0;
        int linear = 0;
        int diode = 0;
        List<List<String>> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (Path f : files) {
            ParsedNetlist parsed = TrainingTask.parseNetlist(f);
            Circuit c = parsed.circuit();
            List<String> inputs = parsed.roles().inputs().stream().map(NetworkRoles.Input::source).toList();
            int[] outputs = parsed.roles().outputs().stream().mapToInt(o -> c.nodeIndex(o.node())).toArray();
            double[] err = dcErrors(c, conditions(inputs, outputs, meanTrainableSiemens(c), random));
            boolean hasDiodes = !c.elements(Diode.class).isEmpty();
            if (hasDiodes) {
                diode++;
                diodeAbs = Math.max(diodeAbs, err[0]);
            } else {
                linear++;
                linAbs = Math.max(linAbs, err[0]);
                linRel = Math.max(linRel, err[1]);
            }
            rows.add(List.of(f.getFileName().toString(), Integer.toString(c.nodeCount()),
                    Integer.toString(c.trainables().size()), hasDiodes ? "Shockley" : "none", Format.number(err[0]),
                    Format.number(err[1])));
        }
        b.table(new Table("DC agreement on the library netlists (free and nudged state, random inputs)",
                List.of("netlist", "nodes", "trainable", "diodes", "max |V_ngspice - V_ideal| (V)", "relative"), rows));
        b.check("dc-library-linear-relative", "Largest relative DC difference over the " + linear
                + " linear library netlists", linear == 0 ? Double.NaN : linRel, "", new Bound.AtMost(LINEAR_RELATIVE_LIMIT),
                new Figure("max abs difference", linAbs, "V"));
        b.check("dc-library-diode-absolute", "Largest DC difference over the " + diode + " library netlists with diodes",
                diode == 0 ? Double.NaN : diodeAbs, "V", new Bound.AtMost(DIODE_ABSOLUTE_LIMIT_VOLTS));
        b.measured("Library: %d linear netlists agree to %s relative (%s V); %d diode netlists to %s V.", linear,
                Format.number(linRel), Format.number(linAbs), diode, Format.number(diodeAbs));
    }

    private void randomNetworks(ValidationSettings settings, SectionBuilder b) {
        int n = settings.pick(20, 100);
        SplittableRandom random = new SplittableRandom(settings.seed() + 1);
        double rel = 0;
        double abs = 0;
        int largest = 0;
        for (int k = 0; k < n; k++) {
            int nodes = 8 + random.nextInt(settings.pick(40, 120));
            DisorderedNetworkSpec spec = DisorderedNetworkSpec.of(nodes);
            Circuit c = DisorderedNetworkGenerator.generate(spec, settings.seed() * 1000 + k);
            List<String> inputs = c.elements(VoltageSource.class).stream().map(VoltageSource::name).toList();
            double[] err = dcErrors(c, conditions(inputs, Networks.outputNodes(c), meanTrainableSiemens(c), random));
            abs = Math.max(abs, err[0]);
            rel = Math.max(rel, err[1]);
            largest = Math.max(largest, nodes);
        }
        b.check("dc-random-relative", "Largest relative DC difference over " + n
                + " random disordered networks (8 to " + largest + " nodes), free and nudged", rel, "",
                new Bound.AtMost(LINEAR_RELATIVE_LIMIT), new Figure("networks", n, ""),
                new Figure("max abs difference", abs, "V"));
        b.measured("Random networks: %d disordered networks agree to %s relative (%s V).", n, Format.number(rel),
                Format.number(abs));
    }

    /** The RC low-pass: vin -> 1 kOhm -> out, 1 uF from out to ground. */
    static Circuit rc() {
        Circuit.Builder cb = Circuit.builder("rc low-pass");
        int in = cb.node("in");
        int out = cb.node("out");
        cb.add(VoltageSource.dc("vin", in, Circuit.GROUND, 0));
        cb.add(Resistor.trainable("r1", in, out, 1000, new ConductanceBounds(1e-6, 1)));
        cb.add(new Capacitor("c1", out, Circuit.GROUND, TAU_SECONDS / 1000));
        return cb.build();
    }

    /** The waveform of the step response at every step up to 3 tau. */
    private static double[] waveform(Substrate s, int steps, double h) {
        int out = s.circuit().nodeIndex("out");
        s.setBoundary(BoundaryConditions.free());
        s.settle();
        s.setBoundary(new BoundaryConditions(Map.of("vin", 1.0), OutputBoundary.FREE));
        double[] v = new double[steps];
        for (int k = 0; k < steps; k++) {
            NodeVoltages nv = s.advance(h);
            v[k] = nv.volts(out);
        }
        return v;
    }

    private static double maxErrorToExact(double[] v, double h) {
        double m = 0;
        for (int k = 0; k < v.length; k++) {
            m = Math.max(m, Math.abs(v[k] - (1 - Math.exp(-(k + 1) * h / TAU_SECONDS))));
        }
        return m;
    }

    private void transientWaveforms(ValidationSettings settings, SectionBuilder b) {
        double[] fractions = settings.quick() ? new double[] {0.2, 0.1, 0.05, 0.025}
                : new double[] {0.2, 0.1, 0.05, 0.025, 0.0125, 0.00625};
        Circuit c = rc();
        List<Plot.Series> series = new ArrayList<>();
        double worstRatio = 0;
        double worstDifference = 0;
        for (IntegrationMethod method : IntegrationMethod.values()) {
            double[] hs = new double[fractions.length];
            double[] idealErr = new double[fractions.length];
            double[] ngErr = new double[fractions.length];
            for (int i = 0; i < fractions.length; i++) {
                double h = fractions[i] * TAU_SECONDS;
                int steps = (int) Math.round(3 / fractions[i]);
                TransientSettings ts = new TransientSettings(method, h);
                double[] vi;
                double[] vn;
                try (Substrate ideal = new IdealSubstrate(c, ts); Substrate ng = new NgspiceSubstrate(c, ts)) {
                    vi = waveform(ideal, steps, h);
                    vn = waveform(ng, steps, h);
                }
                hs[i] = h;
                idealErr[i] = maxErrorToExact(vi, h);
                ngErr[i] = maxErrorToExact(vn, h);
                worstRatio = Math.max(worstRatio, ngErr[i] / idealErr[i]);
                worstDifference = Math.max(worstDifference, Stats.maxAbsDifference(vi, vn) / idealErr[i]);
            }
            String m = method == IntegrationMethod.BACKWARD_EULER ? "backward Euler" : "trapezoidal";
            double expected = method == IntegrationMethod.BACKWARD_EULER ? 1 : 2;
            String key = method == IntegrationMethod.BACKWARD_EULER ? "be" : "trap";
            b.check("transient-ideal-" + key + "-order", "Log-log slope of the ideal " + m
                    + " integrator's max error against step size", Stats.logLogSlope(hs, idealErr), "",
                    new Bound.Within(expected, 0.3), new Figure("error at the largest step", idealErr[0], "V"),
                    new Figure("error at the smallest step", idealErr[hs.length - 1], "V"));
            if (method == IntegrationMethod.BACKWARD_EULER) {
                b.check("transient-ngspice-be-order", "Log-log slope of ngspice's backward Euler (gear, maxord 1) max "
                        + "error against its largest step", Stats.logLogSlope(hs, ngErr), "",
                        new Bound.Within(expected, 0.3), new Figure("error at the largest step", ngErr[0], "V"),
                        new Figure("error at the smallest step", ngErr[hs.length - 1], "V"));
            } else {
                b.check("transient-ngspice-trap-tolerance", "Largest error of ngspice's trapezoidal waveform over all "
                        + "largest steps (its truncation-error control shortens steps to keep the error near "
                        + "reltol = 1e-3 of the signal, so the error no longer follows the largest step)",
                        Stats.maxAbs(ngErr), "V", new Bound.AtMost(1e-3),
                        Figure.of("fitted slope against the largest step", Stats.logLogSlope(hs, ngErr)));
            }
            double[] hsMs = hs.clone();
            for (int i = 0; i < hsMs.length; i++) {
                hsMs[i] = hs[i] * 1e3;
            }
            series.add(new Plot.Series("ideal, " + m, hsMs, idealErr, Plot.Style.LINES_AND_POINTS));
            series.add(new Plot.Series("ngspice, " + m, hsMs, ngErr, Plot.Style.POINTS));
            b.measured("Transient %s: max error %s V at h = tau/5 down to %s V at h = tau/%d (ideal); ngspice %s to %s V.",
                    m, Format.number(idealErr[0]), Format.number(idealErr[hs.length - 1]),
                    Math.round(1 / fractions[fractions.length - 1]), Format.number(ngErr[0]),
                    Format.number(ngErr[hs.length - 1]));
        }
        b.check("transient-ngspice-within-step-error", "Largest ratio of ngspice's error to the ideal integrator's "
                + "error at the same method and step (ngspice's adaptive step never exceeds the requested one)",
                worstRatio, "", new Bound.AtMost(1.5));
        b.check("transient-difference-within-step-error", "Largest |V_ngspice - V_ideal| over the waveform, in units "
                + "of the ideal integrator's own error at that step", worstDifference, "", new Bound.AtMost(2.0));
        b.plot(new Plot("RC step response: max error against the exact waveform", "step size (ms)",
                "max |V - (1 - exp(-t/tau))| (V)", true, true, series));
    }
}
