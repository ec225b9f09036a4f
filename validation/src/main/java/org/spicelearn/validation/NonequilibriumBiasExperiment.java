package org.spicelearn.validation;

import java.util.ArrayList;
import java.util.List;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.Rng;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.device.DeviceModel;
import org.spicelearn.learn.phase.SubstrateMode;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.train.LearningRateSchedule;
import org.spicelearn.learn.train.Trainer;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingData;

/**
 * Experiment 5: learning through transients. With node capacitances the network relaxes with time
 * constants tau after every switch of inputs or outputs; a temporally local rule that keeps learning
 * through the transients is biased. Measured (1) as the drift at fixed conductances against the
 * equilibrium drift, for phase lengths from a fraction of tau to many tau, and (2) as the final loss
 * of training against DC training.
 */
public final class NonequilibriumBiasExperiment implements ExperimentRunner {
    private static final double PROBE_FARADS = 1e-6;

    /**
     * Drift per unit time of periodic local phases of {@code phase} at fixed conductances. The rate
     * {@code 1e-4 / phase} makes each phase request about 1e-4 of a conductance: large against
     * rounding (the device model adds the request to g), irrelevant otherwise since nothing is applied.
     */
    static double[] frozenDrift(Circuit c, TrainingData data, TrainingRuns.Hyper h, SubstrateMode mode, double phase) {
        TrainingConfig cfg = new TrainingConfig(h.rule(), Scheme.LOCAL_PERIODIC.dynamics(phase, 1), mode,
                new DeviceModel.Ideal(), new LearningRateSchedule.Constant(1e-4 / phase), 1, 1);
        Substrate inner = mode instanceof SubstrateMode.Transient tr
                ? new IdealSubstrate(c, new TransientSettings(IntegrationMethod.BACKWARD_EULER, tr.stepSeconds()))
                : new IdealSubstrate(c);
        try (FrozenSubstrate frozen = new FrozenSubstrate(inner)) {
            new Trainer(frozen, cfg, data).run();
            double[] d = frozen.requestedSum();
            double time = 2 * phase * data.train().size();
            for (int e = 0; e < d.length; e++) {
                d[e] /= time;
            }
            return d;
        }
    }

    @Override
    public SectionResult run(ValidationSettings settings) {
        SectionBuilder b = new SectionBuilder(Experiment.NONEQUILIBRIUM_BIAS);
        driftBias(settings, b);
        trainingLoss(settings, b);
        return b.build(
                "Every free node gets a capacitance to ground, so the network no longer jumps to equilibrium: after "
                        + "each switch of inputs or of the output boundary its voltages relax with time constants tau "
                        + "(tau = C / G, the slowest node's is used). The temporally local rule keeps learning at a "
                        + "constant rate through these transients (ideal substrate, backward Euler with steps of tau/10 "
                        + "or finer). (1) Drift at fixed conductances: a random layered diode network (g near 1 S, C = "
                        + "1 uF), 8 samples, periodic centred-EP phases of length mu, against the same schedule at "
                        + "equilibrium (DC). (2) Training: the disordered regression task with 1 nF per node, trained "
                        + "in transient mode at several mu/tau against DC training with the same budget.",
                "Each transient contributes an error of about (area under the relaxation) / mu, so the relative "
                        + "drift bias shrinks as tau/mu: a log-log slope of -1 against mu/tau, and below 10% once "
                        + "phases last tens of time constants. Training with time-scale separation (mu >> tau) must "
                        + "end where DC training ends; with mu near tau the bias is large but, as in Stern et al. 2022, "
                        + "learning may still work. Checks: fitted slope within -1 +/- 0.3 over mu/tau >= 2, bias at the "
                        + "longest phases <= 0.1, and final training loss at the longest phases at most 20% above DC training. "
                        + "Note: DC mode writes a whole phase's update at once, computed at the phase's start; transient "
                        + "mode writes a small update after every solver step. At fixed conductances the two drifts agree "
                        + "(part 1), but when single-phase changes are not small the many small writes follow the "
                        + "continuous-time flow more closely, so with long phases transient training may end below DC "
                        + "training.");
    }

    private void driftBias(ValidationSettings settings, SectionBuilder b) {
        Circuit c = TrainingRuns.withNodeCapacitance(ProbeNetworks.layered(settings.seed() + 5, true, 6, 5, 2),
                PROBE_FARADS);
        double tau = TrainingRuns.slowestTauSeconds(c, PROBE_FARADS);
        List<Example> examples = ProbeNetworks.examples(new Rng(settings.seed() + 23), 3, 2, 8);
        List<String> sources = List.of("vin0p", "vin0n", "vin1p", "vin1n", "vin2p", "vin2n");
        TrainingData data = new TrainingData(sources, List.of("out0", "out1"), examples, List.of(), false);
        TrainingRuns.Hyper h = new TrainingRuns.Hyper(Nudging.CENTRED, 0.1, 1e-9, 1);
        double[] ratios = settings.quick() ? new double[] {1, 4, 16, 64} : new double[] {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256};
        double[] bias = new double[ratios.length];
        double[] cosine = new double[ratios.length];
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            double phase = ratios[i] * tau;
            double step = Math.min(tau / 10, phase / 10);
            double[] eq = frozenDrift(c, data, h, new SubstrateMode.Dc(), phase);
            double[] tr = frozenDrift(c, data, h, new SubstrateMode.Transient(step, 0), phase);
            bias[i] = Stats.relativeError(tr, eq);
            cosine[i] = Stats.cosine(tr, eq);
            rows.add(List.of(Format.number(ratios[i]), Format.number(phase), Format.number(bias[i]), Format.number(cosine[i])));
        }
        int from = 0;
        while (ratios[from] < 2) {
            from++;
        }
        double[] rx = java.util.Arrays.copyOfRange(ratios, from, ratios.length);
        double[] by = java.util.Arrays.copyOfRange(bias, from, bias.length);
        double slope = Stats.logLogSlope(rx, by);
        b.check("drift-bias-slope", "Log-log slope of the relative drift bias against mu/tau (mu/tau >= 2)", slope, "",
                new Bound.Within(-1, 0.3), new Figure("slowest tau", tau, "s"));
        b.check("drift-bias-long-phases", "Relative drift bias at mu/tau = " + Format.number(ratios[ratios.length - 1]),
                bias[bias.length - 1], "", new Bound.AtMost(0.1), Figure.of("cosine with the equilibrium drift",
                        cosine[cosine.length - 1]));
        b.table(new Table("Drift through transients against the equilibrium drift (fixed conductances)",
                List.of("mu/tau", "phase length (s)", "|D_transient - D_eq| / |D_eq|", "cosine"), rows));
        b.plot(new Plot("Relative drift bias against phase length", "phase length / slowest time constant",
                "|D_transient - D_eq| / |D_eq|", true, true, List.of(new Plot.Series("measured", ratios, bias,
                Plot.Style.LINES_AND_POINTS))));
        b.measured("Drift bias: %s at mu/tau = %s down to %s at mu/tau = %s, fitted slope %s (tau = %s s).",
                Format.number(bias[0]), Format.number(ratios[0]), Format.number(bias[bias.length - 1]),
                Format.number(ratios[ratios.length - 1]), Format.number(slope), Format.number(tau));
    }

    private void trainingLoss(ValidationSettings settings, SectionBuilder b) {
        TrainingTask task = TrainingTask.load(TrainingTask.Kind.DISORDERED, settings.libraryDirectory(), settings.seed(),
                settings.pick(40, 100));
        TrainingRuns.Hyper base = TrainingRuns.hyper(TrainingTask.Kind.DISORDERED);
        TrainingRuns.Hyper h = new TrainingRuns.Hyper(base.nudging(), base.betaSiemens(), base.eta() * 4, 5);
        int epochs = settings.pick(10, 20);
        TrainingConfig dcConfig = TrainingRuns.dc(Scheme.LOCAL_PERIODIC, h, new DeviceModel.Ideal(), epochs, settings.seed());
        double dcLoss;
        try (Substrate s = new IdealSubstrate(task.circuit())) {
            dcLoss = TrainingRuns.train(s, task, dcConfig).finalLoss();
        }
        double initial = FlexibleVsRigidExperiment.initialLoss(task);
        Circuit c = TrainingRuns.withNodeCapacitance(task.circuit(), TrainingRuns.NODE_FARADS);
        double tau = TrainingRuns.slowestTauSeconds(c, TrainingRuns.NODE_FARADS);
        TrainingTask capTask = new TrainingTask(task.name(), c, task.data());
        double[] ratios = settings.quick() ? new double[] {1, 4, 32} : new double[] {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};
        double[] loss = new double[ratios.length];
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            double phase = ratios[i] * tau;
            double step = Math.min(tau / 2, phase / 4);
            TrainingConfig cfg = TrainingRuns.transientConfig(h, phase, step, epochs, settings.seed());
            try (Substrate s = TrainingRuns.idealFor(c, cfg)) {
                loss[i] = TrainingRuns.train(s, capTask, cfg).finalLoss();
            }
            rows.add(List.of(Format.number(ratios[i]), Format.number(loss[i]), Format.number(loss[i] / dcLoss)));
        }
        double last = loss[loss.length - 1] / dcLoss;
        b.check("training-long-phases-not-worse", "Final loss of transient training at mu/tau = "
                + Format.number(ratios[ratios.length - 1]) + " over the final loss of DC training (same schedule): "
                + "with time-scale separation the transients must not cost more than 20%", last,
                "", new Bound.AtMost(1.2), new Figure("DC final loss", dcLoss, "V^2"),
                new Figure("initial loss", initial, "V^2"));
        b.check("training-dc-learns", "Final loss of DC training over the initial loss (the comparison is empty "
                + "unless training learns)", dcLoss / initial, "", new Bound.AtMost(0.8));
        b.table(new Table("Final held-out loss of transient training on the disordered task (DC training: "
                + Format.number(dcLoss) + " V^2, initial " + Format.number(initial) + " V^2)",
                List.of("mu/tau", "final loss (V^2)", "loss / DC loss"), rows));
        b.plot(new Plot("Final loss against phase length (disordered task)", "phase length / slowest time constant",
                "final held-out loss (V^2)", true, true, List.of(new Plot.Series("transient", ratios, loss,
                Plot.Style.LINES_AND_POINTS), new Plot.Series("DC training", new double[] {ratios[0], ratios[ratios.length - 1]},
                new double[] {dcLoss, dcLoss}, Plot.Style.LINES))));
        b.measured("Training: final loss %s at mu/tau = %s and %s at mu/tau = %s, DC training %s (initial %s).",
                Format.number(loss[0]), Format.number(ratios[0]), Format.number(loss[loss.length - 1]),
                Format.number(ratios[ratios.length - 1]), Format.number(dcLoss), Format.number(initial));
    }
}
