package org.spicelearn.validation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.device.DeviceModel;
import org.spicelearn.learn.train.Evaluation;
import org.spicelearn.learn.train.NetworkPorts;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingData;

/**
 * Experiment 4: training with rigid and flexible phase dynamics on the same tasks, seeds and budget
 * (ideal substrate, DC mode except the transient scheme): final loss and accuracy, mean and sd over
 * seeds, and loss curves.
 */
public final class FlexibleVsRigidExperiment implements ExperimentRunner {
    /** Largest allowed ratio of a flexible scheme's mean final loss to the rigid baseline's. */
    public static final double LOSS_RATIO_LIMIT = 1.5;
    /** Largest allowed drop of mean accuracy below the rigid baseline's. */
    public static final double ACCURACY_GAP_LIMIT = 0.1;
    /** Largest allowed ratio of the rigid baseline's final loss to the initial loss (it must learn). */
    public static final double LEARNED_RATIO_LIMIT = 0.8;

    /**
     * The size of one task's runs.
     *
     * @param kind   the task
     * @param rows   rows of the data set used (0: all)
     * @param epochs epochs per run
     */
    record Plan(TrainingTask.Kind kind, int rows, int epochs) {
    }

    static List<Plan> plans(ValidationSettings settings) {
        if (settings.quick()) {
            return List.of(new Plan(TrainingTask.Kind.IRIS, 0, 8), new Plan(TrainingTask.Kind.DISORDERED, 100, 20));
        }
        return List.of(new Plan(TrainingTask.Kind.XOR, 0, 300), new Plan(TrainingTask.Kind.IRIS, 0, 30),
                new Plan(TrainingTask.Kind.DIGITS, 300, 6), new Plan(TrainingTask.Kind.DISORDERED, 200, 20));
    }

    /** Initial loss of a task's evaluation set at the netlist's conductances. */
    static double initialLoss(TrainingTask task) {
        boolean test = !task.data().test().isEmpty();
        try (Substrate s = new IdealSubstrate(task.circuit())) {
            NetworkPorts ports = new NetworkPorts(task.circuit(), task.data().sourceNames(), task.data().outputNodes());
            return Evaluation.of(s, ports, test ? task.data().test() : task.data().train(), task.data().classification())
                    .loss();
        }
    }

    /** Runs one scheme with one seed. */
    static TrainingRuns.Outcome run(TrainingTask task, Scheme scheme, TrainingRuns.Hyper h, int epochs, long seed) {
        if (scheme == Scheme.TRANSIENT) {
            Circuit c = TrainingRuns.withNodeCapacitance(task.circuit(), TrainingRuns.NODE_FARADS);
            double phase = 10 * TrainingRuns.slowestTauSeconds(c, TrainingRuns.NODE_FARADS);
            TrainingConfig cfg = TrainingRuns.transientConfig(h, phase, phase / 4, epochs, seed);
            try (Substrate s = TrainingRuns.idealFor(c, cfg)) {
                return TrainingRuns.train(s, new TrainingTask(task.name(), c, task.data()), cfg);
            }
        }
        TrainingConfig cfg = TrainingRuns.dc(scheme, h, new DeviceModel.Ideal(), epochs, seed);
        TrainingTask presented = scheme == Scheme.RIGID_FINE ? repeated(task, h.pairs()) : task;
        try (Substrate s = new IdealSubstrate(task.circuit())) {
            return TrainingRuns.train(s, presented, cfg);
        }
    }

    /** The task with every training example presented {@code times} times per epoch. */
    static TrainingTask repeated(TrainingTask task, int times) {
        List<org.spicelearn.learn.data.Example> train = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            train.addAll(task.data().train());
        }
        TrainingData d = task.data();
        return new TrainingTask(task.name(), task.circuit(),
                new TrainingData(d.sourceNames(), d.outputNodes(), train, d.test(), d.classification()));
    }

    @Override
    public SectionResult run(ValidationSettings settings) {
        SectionBuilder b = new SectionBuilder(Experiment.FLEXIBLE_VS_RIGID);
        int seeds = settings.pick(2, 5);
        List<List<String>> rows = new ArrayList<>();
        List<String> taskNames = new ArrayList<>();
        for (Plan plan : plans(settings)) {
            TrainingTask task = TrainingTask.load(plan.kind(), settings.libraryDirectory(), settings.seed(), plan.rows());
            taskNames.add(task.name());
            TrainingRuns.Hyper h = TrainingRuns.hyper(plan.kind());
            double initial = initialLoss(task);
            Map<Scheme, double[]> loss = new EnumMap<>(Scheme.class);
            Map<Scheme, double[]> acc = new EnumMap<>(Scheme.class);
            List<Plot.Series> curves = new ArrayList<>();
            Map<Scheme, Integer> stopped = new EnumMap<>(Scheme.class);
            Map<Scheme, double[]> growth = new EnumMap<>(Scheme.class);
            for (Scheme scheme : Scheme.values()) {
                double[] l = new double[seeds];
                double[] a = new double[seeds];
                double[] curve = new double[plan.epochs()];
                int failures = 0;
                double[] gr = new double[seeds];
                for (int k = 0; k < seeds; k++) {
                    TrainingRuns.Outcome o = run(task, scheme, h, plan.epochs(), settings.seed() + k);
                    l[k] = o.finalLoss();
                    a[k] = o.finalAccuracy();
                    gr[k] = o.conductanceGrowth();
                    if (o.failed()) {
                        failures++;
                        b.measured("%s, %s, seed %d stopped: %s.", task.name(), scheme.label(), settings.seed() + k,
                                o.failure());
                    }
                    double[] c = o.lossCurve(plan.epochs());
                    for (int e = 0; e < curve.length; e++) {
                        curve[e] += c[e] / seeds;
                    }
                }
                stopped.put(scheme, failures);
                growth.put(scheme, gr);
                loss.put(scheme, l);
                acc.put(scheme, a);
                double[] epochs = new double[plan.epochs() + 1];
                double[] withInitial = new double[plan.epochs() + 1];
                withInitial[0] = initial;
                for (int e = 0; e <= plan.epochs(); e++) {
                    epochs[e] = e;
                    if (e > 0) {
                        withInitial[e] = curve[e - 1];
                    }
                }
                curves.add(new Plot.Series(scheme.label(), epochs, withInitial, Plot.Style.LINES));
            }
            double rigidLoss = Stats.mean(loss.get(Scheme.RIGID));
            double rigidAcc = Stats.mean(acc.get(Scheme.RIGID));
            b.check(task.name() + "-rigid-learns", "Mean final loss of the rigid baseline on " + task.name()
                    + " over its initial loss (the comparison is empty unless the baseline learns)", rigidLoss / initial, "",
                    new Bound.AtMost(LEARNED_RATIO_LIMIT), new Figure("initial loss", initial, "V^2"),
                    new Figure("final loss", rigidLoss, "V^2"));
            for (Scheme scheme : Scheme.values()) {
                double ml = Stats.mean(loss.get(scheme));
                double ma = Stats.mean(acc.get(scheme));
                rows.add(List.of(task.name(), scheme.label(), Format.meanSd(ml, Stats.sd(loss.get(scheme))),
                        task.hasAccuracy() ? Format.meanSd(ma, Stats.sd(acc.get(scheme))) : "-", Format.number(ml / rigidLoss),
                        task.hasAccuracy() ? Format.number(ma - rigidAcc) : "-", Format.number(Stats.mean(growth.get(scheme))),
                        Integer.toString(stopped.get(scheme))));
                if (scheme == Scheme.RIGID || scheme == Scheme.RIGID_FINE) {
                    continue;
                }
                String key = task.name() + "-" + scheme.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                b.check(key + "-loss-ratio", "Mean final loss of " + scheme.label() + " over the rigid baseline's, "
                        + task.name() + ", " + seeds + " seeds", ml / rigidLoss, "", new Bound.AtMost(LOSS_RATIO_LIMIT),
                        new Figure("loss", ml, "V^2"), new Figure("rigid loss", rigidLoss, "V^2"));
                if (task.hasAccuracy()) {
                    b.check(key + "-accuracy-gap", "Rigid baseline's mean final accuracy minus " + scheme.label() + "'s, "
                            + task.name(), rigidAcc - ma, "", new Bound.AtMost(ACCURACY_GAP_LIMIT),
                            Figure.of("accuracy", ma), Figure.of("rigid accuracy", rigidAcc));
                }
            }
            b.plot(new Plot("Loss curves on " + task.name() + " (mean over " + seeds + " seeds; epoch 0 = initial)",
                    "epoch", (task.data().test().isEmpty() ? "training" : "held-out") + " loss (V^2)", false, true, curves));
            b.measured("%s (%d training examples, %d epochs, eta = %s, beta = %s S, %d phase pairs per sample): rigid "
                            + "final loss %s from %s.", task.name(), task.data().train().size(), plan.epochs(),
                    Format.number(h.eta()), Format.number(h.betaSiemens()), h.pairs(), Format.number(rigidLoss),
                    Format.number(initial));
        }
        b.table(new Table("Final loss (held-out when there is a test split) and accuracy, mean +/- sd over " + seeds
                + " seeds, same budget", List.of("task", "phase dynamics", "final loss (V^2)", "accuracy",
                "loss / rigid", "accuracy - rigid", "geometric mean g / g0", "runs stopped"), rows));
        return b.build(
                "Networks from the library are trained on " + String.join(", ", taskNames) + " with five phase "
                        + "dynamics (and one control) under the same budget (two phases' worth of phase time per sample, the same "
                        + "learning rate, epochs and seeds): the rigid baseline (free phase, nudged phase, stored "
                        + "free-phase state, one update per pair); temporally local periodic phases (alternating, "
                        + "nothing stored, every phase updates); local with stochastic phase type (p = 0.5 with "
                        + "importance weights); local with stochastic (log-normal, sigma 0.5) phase lengths; and the periodic "
                        + "local rule run through the transients of the network with 1 nF at every node (phases of 10 "
                        + "slowest time constants, backward Euler, 4 steps per phase). Centred EP; the local rules "
                        + "switch phases several times per sample so that each phase changes conductances little.",
                "In expectation every temporally local scheme makes the rigid update (experiment unbiased-phases), so "
                        + "with a learning rate small against the phase rate the runs follow the same mean path and "
                        + "end at comparable losses; stochastic types add variance, and so a somewhat higher loss "
                        + "floor at a constant rate (O(sqrt(eta))). Beyond first order the local rules have a bias the "
                        + "rigid rule lacks: a phase's update moves g before the opposite phase measures h, and since an "
                        + "edge's drop shrinks as its own conductance grows, both orders (negative then positive, positive "
                        + "then negative) leave a net increase of order (single-phase change)^2. It is negligible when a "
                        + "phase changes conductances by much less than 1%, and can matter when it does not: the regime "
                        + "of XOR and digits at learning rates that let the rigid baseline escape their plateaus within "
                        + "the budget. The column g / g0 (geometric mean of final over initial conductance) shows whether "
                        + "a scheme's conductances drifted away from the baseline's; it is a diagnostic, not a check, "
                        + "and growth is a candidate explanation of a gap, not a proven one. A control row, the rigid "
                        + "rule with its update split into as many writes as the local rules make (no check), separates "
                        + "write granularity from temporal locality: where it fails too, the baseline's advantage comes "
                        + "from its coarse steps, not from storing the free state. Checks: the baseline learns (final/initial loss <= "
                        + LEARNED_RATIO_LIMIT + "), each flexible scheme's mean final loss is within " + LOSS_RATIO_LIMIT
                        + " times the baseline's, and its accuracy within " + ACCURACY_GAP_LIMIT + " of it.");
    }
}
