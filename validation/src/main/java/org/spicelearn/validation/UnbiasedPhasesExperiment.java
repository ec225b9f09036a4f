package org.spicelearn.validation;

import java.util.ArrayList;
import java.util.List;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.Rng;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.phase.EdgeClock;
import org.spicelearn.learn.phase.LengthDistribution;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.PhaseOrder;
import org.spicelearn.learn.phase.SampleSwitching;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.LocalRule;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.rule.PhaseSignal;
import org.spicelearn.learn.rule.PhaseType;
import org.spicelearn.learn.train.DriftAnalysis;
import org.spicelearn.learn.train.NetworkPorts;

/**
 * Experiment 3: the drift of temporally local updates (no stored state; each phase applies
 * {@code -eta gain w_s s h(V)} per unit time) against the rigid update, for stochastic phase types
 * with probability p, with and without importance weights, and with stochastic phase lengths; and
 * the variance-optimal p.
 *
 * <p>Two measurements. Exact: the expectation over phase draws, by enumeration of the two phase
 * types ({@link DriftAnalysis}). Sampled: long runs of the learner's own phase process (its
 * {@link PhaseOrder}, {@link LengthDistribution} and weights) at fixed conductances, each phase
 * applying the learner's local rule to that phase's settled state; the update vectors are
 * precomputed per sample and phase type with weight 1 and scaled by the phase's weight and length
 * (the rule is linear in both by construction).
 */
public final class UnbiasedPhasesExperiment implements ExperimentRunner {
    private static final double ETA = 1.0;
    private static final int BATCHES = 20;

    /** Per-sample update vectors at weight 1 and unit length, for the two phase types. */
    record Updates(double[][] positive, double[][] negative) {
        int samples() {
            return positive.length;
        }

        double[] of(PhaseType t, int sample) {
            return t == PhaseType.POSITIVE ? positive[sample] : negative[sample];
        }

        /** E_x |u_c(x)|^2 for a type. */
        double meanSquare(PhaseType t) {
            double s = 0;
            for (int i = 0; i < samples(); i++) {
                double[] u = of(t, i);
                s += Stats.dot(u, u);
            }
            return s / samples();
        }
    }

    static Updates updates(IdealSubstrate s, NetworkPorts ports, ContrastiveRule rule, List<Example> examples) {
        LocalRule local = rule.localRule();
        double[] g = s.conductances().toArray();
        double[][][] u = new double[2][examples.size()][ports.edgeCount()];
        for (int i = 0; i < examples.size(); i++) {
            Example ex = examples.get(i);
            double[] freeOut = null;
            if (rule.needsFreeOutputs()) {
                s.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
                freeOut = ports.outputVolts(s.settle());
            }
            for (PhaseType t : PhaseType.values()) {
                s.setBoundary(ports.boundary(ex, rule.boundary(t, ports.outputNodes(), ex.targetVolts(), freeOut)));
                NodeVoltages v = s.settle();
                PhaseSignal signal = new PhaseSignal(t, 1.0, ETA);
                for (int e = 0; e < ports.edgeCount(); e++) {
                    u[t.ordinal()][i][e] = local.deltaSiemens(ports.sense(v, e, g[e]), signal);
                }
            }
        }
        return new Updates(u[PhaseType.POSITIVE.ordinal()], u[PhaseType.NEGATIVE.ordinal()]);
    }

    /**
     * The sampled drift per unit time over {@code phases} phases (a new random sample every two
     * phases): {drift vector..., relative standard error} where the standard error comes from
     * {@value #BATCHES} batch means.
     */
    static double[][] sampledDrift(Updates u, PhaseDynamics.TemporallyLocal tl, int phases, Rng rng) {
        int m = u.positive[0].length;
        double[][] batchSum = new double[BATCHES][m];
        double[] batchTime = new double[BATCHES];
        PhaseType previous = null;
        int sample = 0;
        for (int k = 0; k < phases; k++) {
            if (k % 2 == 0) {
                sample = rng.nextInt(u.samples());
            }
            PhaseType t = tl.order().next(previous, rng);
            double length = tl.lengths().sample(tl.meanLength(t), rng);
            double scale = length * tl.weight(t);
            double[] v = u.of(t, sample);
            int batch = (int) ((long) k * BATCHES / phases);
            double[] acc = batchSum[batch];
            for (int e = 0; e < m; e++) {
                acc[e] += scale * v[e];
            }
            batchTime[batch] += length;
            previous = t;
        }
        double[] total = new double[m];
        double time = 0;
        for (int b = 0; b < BATCHES; b++) {
            time += batchTime[b];
            for (int e = 0; e < m; e++) {
                total[e] += batchSum[b][e];
            }
        }
        double[] drift = new double[m];
        for (int e = 0; e < m; e++) {
            drift[e] = total[e] / time;
        }
        double var = 0;
        for (int b = 0; b < BATCHES; b++) {
            for (int e = 0; e < m; e++) {
                double d = batchSum[b][e] / batchTime[b] - drift[e];
                var += d * d;
            }
        }
        double se = Math.sqrt(var / (BATCHES - 1) / BATCHES) / Stats.norm(drift);
        return new double[][] {drift, {se}};
    }

    static PhaseDynamics.TemporallyLocal stochastic(double p, boolean weights, LengthDistribution lengths,
                                                    double muPlus, double muMinus) {
        return new PhaseDynamics.TemporallyLocal(new PhaseOrder.StochasticType(p, weights), lengths, muPlus, muMinus,
                new SampleSwitching.EveryKPhases(2), new EdgeClock.Synchronous());
    }

    @Override
    public SectionResult run(ValidationSettings settings) {
        SectionBuilder b = new SectionBuilder(Experiment.UNBIASED_PHASES);
        Circuit c = ProbeNetworks.layered(settings.seed() + 3, true, 8, 6, 3);
        NetworkPorts ports = ProbeNetworks.ports(c, 4, 3);
        List<Example> examples = ProbeNetworks.examples(new Rng(settings.seed() + 17), 4, 3, settings.pick(8, 32));
        ContrastiveRule ep = new ContrastiveRule.EquilibriumPropagation(Nudging.POSITIVE, 0.2);
        try (IdealSubstrate s = new IdealSubstrate(c)) {
            double[] rigid = DriftAnalysis.rigidUpdate(s, ports, ep, examples, ETA);
            exactSweep(s, ports, ep, examples, rigid, b);
            ContrastiveRule cl = new ContrastiveRule.FullClamp();
            Updates clamp = updates(s, ports, cl, examples);
            sampled(settings, clamp, DriftAnalysis.rigidUpdate(s, ports, cl, examples, ETA), b);
            varianceOptimal(settings, updates(s, ports, ep, examples), "ep", "EP (positive, beta = 0.2 S)", b);
            List<Example> far = examples.stream().map(ex -> new Example(ex.inputVolts(), Stats.scaled(ex.targetVolts(), 4), -1))
                    .toList();
            varianceOptimal(settings, updates(s, ports, cl, far), "cl", "CL (full clamp, targets in [-2, 2] V)", b);
        }
        return b.build(
                "A rigid contrastive rule runs a free phase, stores every device's h = 1/2 dV^2, runs the nudged phase "
                        + "and then updates once. A temporally local rule stores nothing: during every phase each device "
                        + "changes its conductance by -eta * gain * w_s * s * h(V) per unit time, where s = +1 in positive "
                        + "(nudged) phases and -1 in negative (free) phases and w_s is an importance weight. Here phase "
                        + "types are drawn at random (positive with probability p), phase lengths may be random too, and "
                        + "the drift (the average update per unit time) is compared with the rigid update on the same "
                        + "samples and conductances. Network: layered 4-6-3 with Shockley diodes, " + examples.size()
                        + " random samples; EP with beta = 0.2 S (conductances near 1 S) for the exact expectation, "
                        + "contrastive learning (full clamp) for the sampled runs, whose single-phase terms are only a "
                        + "few times larger than the signal, so that a sampled run resolves the drift to a few percent.",
                "With weights w_+ = 1/(2 pi_+), w_- = 1/(2 pi_-), pi_+ = p mu_+ / (p mu_+ + (1-p) mu_-) the time "
                        + "fraction of positive phases, the expected drift per unit time is exactly half the rigid update "
                        + "per (unit) pair, for every p and every length distribution: cosine 1 and norm ratio 1/2 (the "
                        + "expected update per phase is (p mu_+ + (1-p) mu_-)/2 times the rigid one). Without weights, "
                        + "p != 1/2 leaves a term proportional to (2p - 1) h, which is about 1/beta larger than the "
                        + "gradient signal: the drift is not the gradient. A sampled run of N phases matches the "
                        + "expectation to within its standard error. The variance of one phase's update is "
                        + "m_+/(4p) + m_-/(4(1-p)) - |mean|^2 with m_c = E|u_c|^2, minimal at "
                        + "p* = sqrt(m_+)/(sqrt(m_+) + sqrt(m_-)), so equal time is best only when m_+ = m_-.");
    }

    private void exactSweep(IdealSubstrate s, NetworkPorts ports, ContrastiveRule rule, List<Example> examples,
                            double[] rigid, SectionBuilder b) {
        double[] ps = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] cosW = new double[ps.length];
        double[] cosU = new double[ps.length];
        double[] cosL = new double[ps.length];
        double worstRatio = 0;
        double minCosine = 1;
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ps.length; i++) {
            double p = ps[i];
            PhaseDynamics.TemporallyLocal fixed = stochastic(p, true, new LengthDistribution.Fixed(), 1, 1);
            PhaseDynamics.TemporallyLocal lengths = stochastic(p, true, new LengthDistribution.Geometric(), 2, 5);
            PhaseDynamics.TemporallyLocal off = stochastic(p, false, new LengthDistribution.Fixed(), 1, 1);
            double[] dw = DriftAnalysis.expectedPhaseUpdate(s, ports, rule, fixed, examples, ETA);
            double[] dl = DriftAnalysis.expectedPhaseUpdate(s, ports, rule, lengths, examples, ETA);
            double[] du = DriftAnalysis.expectedPhaseUpdate(s, ports, rule, off, examples, ETA);
            cosW[i] = Stats.cosine(dw, rigid);
            cosL[i] = Stats.cosine(dl, rigid);
            cosU[i] = Stats.cosine(du, rigid);
            double ratioW = Stats.norm(dw) / Stats.norm(rigid);
            double ratioL = Stats.norm(dl) / Stats.norm(rigid);
            double predictedL = (p * 2 + (1 - p) * 5) / 2;
            worstRatio = Math.max(worstRatio, Math.max(Math.abs(ratioW / 0.5 - 1), Math.abs(ratioL / predictedL - 1)));
            minCosine = Math.min(minCosine, Math.min(cosW[i], cosL[i]));
            rows.add(List.of(Format.number(p), Format.number(cosW[i]), Format.number(ratioW), Format.number(cosL[i]),
                    Format.number(ratioL), Format.number(predictedL), Format.number(cosU[i]),
                    Format.number(Stats.norm(du) / Stats.norm(rigid))));
        }
        b.table(new Table("Exact expected drift per phase against the rigid update per pair",
                List.of("p", "cosine (weights, fixed lengths)", "norm ratio (predicted 0.5)",
                        "cosine (weights, geometric lengths mu+=2, mu-=5)", "norm ratio", "predicted",
                        "cosine (no weights)", "norm ratio (no weights)"), rows));
        b.check("exact-weighted-cosine", "Smallest cosine between the exact expected drift with importance weights "
                + "and the rigid update, p = 0.1 to 0.9, fixed and geometric lengths", minCosine, "",
                new Bound.AtLeast(0.999));
        b.check("exact-weighted-norm-ratio", "Largest relative deviation of the drift's norm ratio from its predicted "
                + "value (p mu+ + (1-p) mu-)/2", worstRatio, "", new Bound.AtMost(1e-9));
        b.check("exact-unweighted-biased", "Largest cosine without importance weights at p = 0.1 and p = 0.9 (theory: "
                + "far from 1)", Math.max(cosU[0], cosU[ps.length - 1]), "", new Bound.AtMost(0.9),
                new Figure("cosine without weights at p = 0.5 (equal to weighted)", cosU[4], ""));
        b.plot(new Plot("Cosine between the expected local drift and the rigid update", "p (probability of a positive phase)",
                "cosine", false, false, List.of(Plot.Series.of("with weights, fixed lengths", ps, cosW),
                Plot.Series.of("with weights, geometric lengths", ps, cosL), Plot.Series.of("without weights", ps, cosU))));
        b.measured("Exact expectation: with weights the cosine is at least %s and the norm ratio within %s of its "
                + "prediction for every p; without weights the cosine falls to %s (p = 0.1) and %s (p = 0.9).",
                Format.number(minCosine), Format.number(worstRatio), Format.number(cosU[0]),
                Format.number(cosU[ps.length - 1]));
    }

    private void sampled(ValidationSettings settings, Updates u, double[] rigid, SectionBuilder b) {
        int phases = settings.pick(400_000, 4_000_000);
        double[] half = rigid.clone();
        for (int e = 0; e < half.length; e++) {
            half[e] *= 0.5;
        }
        Object[][] configs = {
            {"p03-fixed", "p = 0.3, fixed unit lengths", stochastic(0.3, true, new LengthDistribution.Fixed(), 1, 1)},
            {"p03-geometric", "p = 0.3, geometric lengths (mu+ = 2, mu- = 5)",
                stochastic(0.3, true, new LengthDistribution.Geometric(), 2, 5)},
            {"p07-lognormal", "p = 0.7, log-normal lengths (sigma 0.5, mu+ = 3, mu- = 1)",
                stochastic(0.7, true, new LengthDistribution.LogNormal(0.5), 3, 1)},
            {"periodic", "alternating types, exponential lengths (mu = 1)",
                new PhaseDynamics.TemporallyLocal(new PhaseOrder.Alternating(), new LengthDistribution.Exponential(), 1, 1,
                        new SampleSwitching.EveryKPhases(2), new EdgeClock.Synchronous())}};
        Rng rng = new Rng(settings.seed() + 99);
        List<List<String>> rows = new ArrayList<>();
        double worstSe = 0;
        double minCosine = 1;
        for (Object[] cfg : configs) {
            double[][] r = sampledDrift(u, (PhaseDynamics.TemporallyLocal) cfg[2], phases, rng);
            double cos = Stats.cosine(r[0], half);
            double err = Stats.relativeError(r[0], half);
            double se = r[1][0];
            worstSe = Math.max(worstSe, se);
            minCosine = Math.min(minCosine, cos);
            b.check("sampled-" + cfg[0] + "-error", "Relative distance between the sampled drift (" + cfg[1] + ", "
                    + phases + " phases) and half the rigid update, in standard errors of the sampled mean", err / se,
                    "SE", new Bound.AtMost(4), Figure.of("cosine", cos), Figure.of("relative distance", err),
                    Figure.of("relative standard error", se));
            rows.add(List.of((String) cfg[1], "yes", Format.number(cos), Format.number(Stats.norm(r[0]) / Stats.norm(half)),
                    Format.number(err), Format.number(se)));
        }
        b.check("sampled-resolution", "Largest relative standard error of the sampled drifts with weights (the runs "
                + "must resolve the drift well enough for the checks above to mean something)", worstSe, "",
                new Bound.AtMost(0.05));
        b.check("sampled-weighted-cosine", "Smallest cosine between a sampled drift with weights and the rigid update",
                minCosine, "", new Bound.AtLeast(0.99));
        PhaseDynamics.TemporallyLocal off = stochastic(0.3, false, new LengthDistribution.Fixed(), 1, 1);
        double[][] r = sampledDrift(u, off, phases, rng);
        double err = Stats.relativeError(r[0], half);
        b.check("sampled-unweighted-biased", "Relative distance between the sampled drift without weights (p = 0.3) and "
                + "half the rigid update, in standard errors: the bias must be detectable", err / r[1][0], "SE",
                new Bound.AtLeast(10), Figure.of("cosine", Stats.cosine(r[0], half)), Figure.of("relative distance", err));
        rows.add(List.of("p = 0.3, fixed unit lengths", "no", Format.number(Stats.cosine(r[0], half)),
                Format.number(Stats.norm(r[0]) / Stats.norm(half)), Format.number(err), Format.number(r[1][0])));
        b.table(new Table("Sampled drift per unit time (" + phases + " phases each) against half the rigid update",
                List.of("phase process", "weights", "cosine", "norm ratio (predicted 1)", "relative distance",
                        "relative standard error"), rows));
        b.measured("Sampled runs (CL) of %d phases through the learner's phase process match half the rigid update to "
                + "within their standard errors with weights, and miss it by %s (relative) without.", phases,
                Format.number(err));
    }

    private void varianceOptimal(ValidationSettings settings, Updates u, String key, String label, SectionBuilder b) {
        double mPlus = u.meanSquare(PhaseType.POSITIVE);
        double mMinus = u.meanSquare(PhaseType.NEGATIVE);
        double predicted = Math.sqrt(mPlus) / (Math.sqrt(mPlus) + Math.sqrt(mMinus));
        int phases = settings.pick(40_000, 200_000);
        double[] ps = new double[17];
        double[] measured = new double[ps.length];
        double[] theory = new double[ps.length];
        Rng rng = new Rng(settings.seed() + 7);
        int m = u.positive[0].length;
        double[] meanVector = new double[m];
        for (int i = 0; i < u.samples(); i++) {
            for (int e = 0; e < m; e++) {
                meanVector[e] += 0.5 * (u.positive[i][e] + u.negative[i][e]) / u.samples();
            }
        }
        double meanSq = Stats.dot(meanVector, meanVector);
        for (int k = 0; k < ps.length; k++) {
            double p = 0.1 + 0.05 * k;
            ps[k] = p;
            PhaseDynamics.TemporallyLocal tl = stochastic(p, true, new LengthDistribution.Fixed(), 1, 1);
            double[] sum = new double[m];
            double sumSq = 0;
            for (int n = 0; n < phases; n++) {
                int sample = rng.nextInt(u.samples());
                PhaseType t = tl.order().next(null, rng);
                double w = tl.weight(t);
                double[] v = u.of(t, sample);
                for (int e = 0; e < m; e++) {
                    double x = w * v[e];
                    sum[e] += x;
                    sumSq += x * x;
                }
            }
            double centred = sumSq / phases;
            for (int e = 0; e < m; e++) {
                double mean = sum[e] / phases;
                centred -= mean * mean;
            }
            measured[k] = centred;
            theory[k] = mPlus / (4 * p) + mMinus / (4 * (1 - p)) - meanSq;
        }
        // least-squares fit of V(p) = a/p + b/(1-p) + c to the measured variances
        double[] abc = fitVariance(ps, measured);
        double fitted = Math.sqrt(Math.max(abc[0], 0)) / (Math.sqrt(Math.max(abc[0], 0)) + Math.sqrt(Math.max(abc[1], 0)));
        b.check(key + "-variance-optimal-p", "Variance-optimal p of " + label + " fitted to sampled variances (17 values "
                + "of p, " + phases + " phases each), against sqrt(m+)/(sqrt(m+)+sqrt(m-))", fitted, "",
                new Bound.Within(predicted, 0.03), Figure.of("predicted p*", predicted), Figure.of("m+/m-", mPlus / mMinus),
                Figure.of("variance at p = 0.5 / variance at p*",
                        (mPlus / 2 + mMinus / 2 - meanSq) / (mPlus / (4 * predicted) + mMinus / (4 * (1 - predicted)) - meanSq)));
        b.plot(new Plot("Variance of one phase's update, " + label, "p (probability of a positive phase)",
                "E|u - E u|^2 (S^2)", false, true, List.of(new Plot.Series("sampled", ps, measured, Plot.Style.POINTS),
                new Plot.Series("theory m+/(4p) + m-/(4(1-p)) - |mean|^2", ps, theory, Plot.Style.LINES))));
        b.measured("%s: m+/m- = %s, predicted optimal p* = %s, fitted from sampled variances %s.", label,
                Format.number(mPlus / mMinus), Format.number(predicted), Format.number(fitted));
    }

    /** Least squares for V = a/p + b/(1-p) + c: returns {a, b, c}. */
    static double[] fitVariance(double[] p, double[] v) {
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        for (int i = 0; i < p.length; i++) {
            double[] row = {1 / p[i], 1 / (1 - p[i]), 1};
            for (int r = 0; r < 3; r++) {
                atb[r] += row[r] * v[i];
                for (int q = 0; q < 3; q++) {
                    ata[r][q] += row[r] * row[q];
                }
            }
        }
        return solve3(ata, atb);
    }

    private static double[] solve3(double[][] a, double[] y) {
        int n = 3;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = y[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int q = col; q <= n; q++) {
                    m[r][q] -= f * m[col][q];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int q = i + 1; q < n; q++) {
                s -= m[i][q] * x[q];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }
}
