package org.spicelearn.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.Rng;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.train.DriftAnalysis;
import org.spicelearn.learn.train.NetworkPorts;

/**
 * Experiment 2: the contrastive estimates of the production rules (EP, coupled learning, full-clamp
 * contrastive learning), computed from settled states of the ideal substrate by the learner's local
 * rule, against the adjoint gradient, as the nudge shrinks.
 */
public final class GradientExperiment implements ExperimentRunner {
    /** Nudge strengths of the convergence fits (relative to conductances near 1 S). */
    static final double[] STRENGTHS = {1e-2, 2e-2, 4e-2, 8e-2, 1.6e-1};
    /** Largest deviation of a fitted log-log slope from its theoretical order. */
    static final double SLOPE_TOLERANCE = 0.3;

    @Override
    public SectionResult run(ValidationSettings settings) {
        SectionBuilder b = new SectionBuilder(Experiment.GRADIENT);
        int seeds = settings.pick(1, 4);
        Map<String, List<Double>> slopes = new LinkedHashMap<>();
        double minCosine = Double.POSITIVE_INFINITY;
        double cplExact = 0;
        List<Plot.Series> series = new ArrayList<>();
        for (boolean diodes : new boolean[] {false, true}) {
            String net = diodes ? "diode" : "linear";
            for (long seed = settings.seed(); seed < settings.seed() + seeds; seed++) {
                boolean plotThis = diodes && seed == settings.seed();
                // EP on a 3-input, 5-hidden, 2-output network against the exact gradient
                Circuit c = ProbeNetworks.layered(seed, diodes, 6, 5, 2);
                NetworkPorts ports = ProbeNetworks.ports(c, 3, 2);
                Example ex = ProbeNetworks.examples(new Rng(seed), 3, 2, 1).get(0);
                try (IdealSubstrate s = new IdealSubstrate(c)) {
                    double[] grad = gradient(s, ports, ex);
                    minCosine = Math.min(minCosine, Stats.cosine(estimate(s, ports,
                            new ContrastiveRule.EquilibriumPropagation(Nudging.CENTRED, 1e-3), ex), grad));
                    for (Nudging n : Nudging.values()) {
                        double[] err = errors(beta -> Stats.relativeError(estimate(s, ports,
                                new ContrastiveRule.EquilibriumPropagation(n, beta), ex), grad));
                        record(slopes, "ep-" + name(n) + "-" + net, err);
                        if (plotThis) {
                            series.add(Plot.Series.of("EP " + name(n), STRENGTHS, err));
                        }
                    }
                }
                // CpL and CL on a one-output network: their limit is K * gradient (K: output conductance)
                Circuit c1 = ProbeNetworks.layered(seed, diodes, 6, 5, 1);
                NetworkPorts p1 = ProbeNetworks.ports(c1, 3, 1);
                Example ex1 = ProbeNetworks.examples(new Rng(seed + 10), 3, 1, 1).get(0);
                try (IdealSubstrate s = new IdealSubstrate(c1)) {
                    double k = outputConductance(s, p1, ex1, 1e-4);
                    double[] ref = Stats.scaled(gradient(s, p1, ex1), k);
                    for (Nudging n : Nudging.values()) {
                        double[] err = errors(eta -> Stats.relativeError(estimate(s, p1,
                                new ContrastiveRule.CoupledLearning(n, eta), ex1), ref));
                        if (n == Nudging.CENTRED && !diodes) {
                            cplExact = Math.max(cplExact, Stats.maxAbs(err));
                        } else {
                            record(slopes, "cpl-" + name(n) + "-" + net, err);
                        }
                        if (plotThis) {
                            series.add(Plot.Series.of("CpL " + name(n), STRENGTHS, err));
                        }
                    }
                    double vFree = freeOutput(s, p1, ex1);
                    double[] err = errors(eps -> {
                        Example near = new Example(ex1.inputVolts(), new double[] {vFree + eps * (ex1.targetVolts(0) - vFree)}, -1);
                        double[] refNear = Stats.scaled(gradient(s, p1, near), k);
                        return Stats.relativeError(estimate(s, p1, new ContrastiveRule.FullClamp(), near), refNear);
                    });
                    record(slopes, "cl-" + net, err);
                    if (plotThis) {
                        series.add(Plot.Series.of("CL (target distance)", STRENGTHS, err));
                    }
                }
            }
        }
        b.check("ep-centred-cosine", "Smallest cosine between centred EP at beta = 1e-3 S and the adjoint gradient "
                + "(linear and diode networks, " + seeds + " seed(s) each)", minCosine, "", new Bound.AtLeast(0.999));
        for (Map.Entry<String, List<Double>> e : slopes.entrySet()) {
            double expected = e.getKey().contains("centred") ? 2 : 1;
            double worst = e.getValue().stream().max((x, y) -> Double.compare(Math.abs(x - expected), Math.abs(y - expected)))
                    .orElse(Double.NaN);
            List<Figure> figs = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                figs.add(Figure.of("slope, seed " + (settings.seed() + i), e.getValue().get(i)));
            }
            b.check(new Check(e.getKey() + "-slope", describe(e.getKey()), worst, "",
                    new Bound.Within(expected, SLOPE_TOLERANCE), figs));
        }
        b.check("cpl-centred-linear-exact", "Largest relative error of centred CpL on linear networks (exact there: "
                + "the co-content is quadratic in the clamp displacement)", cplExact, "", new Bound.AtMost(1e-6));
        b.plot(new Plot("Relative error of the estimates against the exact gradient (diode network)",
                "nudge strength beta (S), eta_c, or target distance", "|estimate - gradient| / |gradient|", true, true,
                series));
        b.measured("Centred EP at beta = 1e-3 S has cosine %s with the adjoint gradient (worst case).",
                Format.number(minCosine));
        for (Map.Entry<String, List<Double>> e : slopes.entrySet()) {
            b.measured("%s: fitted slope(s) %s.", e.getKey(), e.getValue().stream().map(Format::number).toList());
        }
        b.measured("Centred CpL on linear networks: relative error %s (rounding).", Format.number(cplExact));
        return b.build(
                "Every contrastive rule estimates dL/dg, the gradient of the output cost L = 1/2 sum (V_o - y_o)^2 "
                        + "with respect to each trainable conductance, from the difference of a local quantity, "
                        + "h = 1/2 (voltage drop)^2, between two settled states. The estimates come from the learner's "
                        + "own local rule applied to states of the ideal substrate; the reference is the exact "
                        + "gradient computed by the adjoint method. Random layered networks (3 inputs as +/- pairs, 5 "
                        + "hidden nodes, 2 outputs for EP, 1 output for CpL and CL), linear and with Shockley diode "
                        + "pairs at the hidden nodes; nudge strengths 0.01 to 0.16 (conductances near 1 S).",
                "Equilibrium propagation (EP): the one-sided estimate (1/beta)[h(V_beta) - h(V_0)] has an error "
                        + "proportional to beta (log-log slope 1), the centred one (1/2beta)[h(V_beta) - h(V_-beta)] "
                        + "proportional to beta^2 (slope 2). Coupled learning (CpL) with clamp fraction eta_c converges "
                        + "to K times the gradient (K: the output's small-signal conductance), with the same orders; on "
                        + "a linear network centred CpL is exact. Contrastive learning (CL, full clamp at the target) "
                        + "equals one-sided CpL with eta_c = 1, so it is the gradient only when the target is close to "
                        + "the free output: its error shrinks linearly (slope 1) with the target's distance. Checks: "
                        + "slopes within " + SLOPE_TOLERANCE + " of the order, centred EP cosine >= 0.999 at beta = 1e-3.");
    }

    private static String name(Nudging n) {
        return n.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(String key) {
        String net = key.endsWith("diode") ? "diode" : "linear";
        if (key.startsWith("cl-")) {
            return "Log-log slope of CL's relative error against the target's distance from the free output ("
                    + net + " networks; worst seed)";
        }
        String rule = key.startsWith("ep-") ? "EP" : "CpL";
        return "Log-log slope of " + key.split("-")[1] + " " + rule + "'s relative error against the nudge (" + net
                + " networks; worst seed)";
    }

    private static void record(Map<String, List<Double>> slopes, String key, double[] errors) {
        slopes.computeIfAbsent(key, k -> new ArrayList<>()).add(Stats.logLogSlope(STRENGTHS, errors));
    }

    private static double[] errors(DoubleFunction<Double> error) {
        double[] e = new double[STRENGTHS.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = error.apply(STRENGTHS[i]);
        }
        return e;
    }

    /** The adjoint gradient at the free equilibrium of {@code ex}. */
    static double[] gradient(IdealSubstrate s, NetworkPorts ports, Example ex) {
        s.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
        s.settle();
        return s.costGradient(ports.outputNodes(), ex.targetVolts()).toArray();
    }

    /** The rule's estimate of dL/dg: minus the rigid pair update at eta = 1. */
    static double[] estimate(IdealSubstrate s, NetworkPorts ports, ContrastiveRule rule, Example ex) {
        return Stats.scaled(DriftAnalysis.rigidUpdate(s, ports, rule, List.of(ex), 1.0), -1);
    }

    private static double freeOutput(IdealSubstrate s, NetworkPorts ports, Example ex) {
        s.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
        return s.settle().volts(ports.outputNodes()[0]);
    }

    /** The output's small-signal conductance, from the currents injected by nudges of +beta and -beta. */
    static double outputConductance(IdealSubstrate s, NetworkPorts ports, Example ex, double beta) {
        int out = ports.outputNodes()[0];
        double y = ex.targetVolts(0);
        s.setBoundary(ports.boundary(ex, new OutputBoundary.Nudge(beta, ports.outputNodes(), ex.targetVolts())));
        double vPlus = s.settle().volts(out);
        s.setBoundary(ports.boundary(ex, new OutputBoundary.Nudge(-beta, ports.outputNodes(), ex.targetVolts())));
        double vMinus = s.settle().volts(out);
        return (beta * (y - vPlus) + beta * (y - vMinus)) / (vPlus - vMinus);
    }
}
