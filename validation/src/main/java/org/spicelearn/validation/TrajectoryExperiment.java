package org.spicelearn.validation;

import java.util.ArrayList;
import java.util.List;
import org.spicelearn.bridge.NgspiceLibraryLocator;
import org.spicelearn.bridge.NgspiceSubstrate;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.device.DeviceModel;
import org.spicelearn.learn.train.Checkpoint;
import org.spicelearn.learn.train.EpochMetrics;
import org.spicelearn.learn.train.Trainer;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingListener;

/**
 * Experiment 6: the same training spec and seed on ngspice and on the ideal substrate (Iris
 * network with Shockley diodes, DC, temporally local stochastic-type EP): per-epoch divergence of
 * the conductances and difference of the training cost.
 */
public final class TrajectoryExperiment implements ExperimentRunner {
    /** Largest allowed relative conductance divergence after the last epoch. */
    public static final double CONDUCTANCE_LIMIT = 1e-6;
    /** Largest allowed relative difference of the training cost after the last epoch. */
    public static final double COST_LIMIT = 1e-6;

    /** Per-epoch conductances and metrics of one run. */
    record Trajectory(List<double[]> conductances, List<EpochMetrics> metrics) {
    }

    static Trajectory run(Substrate s, TrainingTask task, TrainingConfig cfg) {
        List<double[]> g = new ArrayList<>();
        List<EpochMetrics> m = new ArrayList<>();
        new Trainer(s, cfg, task.data()).addListener(new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics, Checkpoint checkpoint) {
                g.add(checkpoint.conductances().toArray());
                m.add(metrics);
            }
        }).run();
        return new Trajectory(g, m);
    }

    @Override
    public SectionResult run(ValidationSettings settings) {
        SectionBuilder b = new SectionBuilder(Experiment.TRAJECTORY);
        String tested = "One training run, defined once (network, data, rule, phase dynamics, learning rate, seed), is "
                + "executed twice: on ngspice and on the ideal substrate. Every random choice (sample order, phase "
                + "types) comes from the same seeded generator, so the runs differ only by what the two solvers "
                + "compute. Iris network (4-10-3, Shockley diode pairs at the hidden nodes, 136 trainable "
                + "resistors), DC mode, temporally local centred EP with stochastic phase types (p = 0.5).";
        String theory = "The solvers agree to within 1e-6 V on diode networks, typically far better (experiment "
                + "solver-agreement), which perturbs each update by a tiny relative amount. Training is a contracting "
                + "stochastic approximation near its path, so the perturbations add up roughly linearly with the "
                + "number of updates instead of growing exponentially, and discrete choices (sample order, phase "
                + "types) are identical: after several epochs the conductances and the cost of the two runs must "
                + "still agree to 1e-6 relative, while training itself moves the conductances by more than 1%.";
        if (!NgspiceLibraryLocator.available()) {
            b.check("ngspice-available", "libngspice can be loaded", 0, "", new Bound.AtLeast(1));
            b.measured("libngspice was not found; nothing could be compared.");
            return b.build(tested, theory);
        }
        TrainingTask task = TrainingTask.load(TrainingTask.Kind.IRIS, settings.libraryDirectory(), settings.seed(),
                settings.pick(60, 150));
        TrainingRuns.Hyper base = TrainingRuns.hyper(TrainingTask.Kind.IRIS);
        TrainingRuns.Hyper h = new TrainingRuns.Hyper(base.nudging(), base.betaSiemens(), base.eta(), settings.pick(2, 20));
        int epochs = settings.pick(3, 10);
        TrainingConfig cfg = TrainingRuns.dc(Scheme.LOCAL_STOCHASTIC_TYPE, h, new DeviceModel.Ideal(), epochs,
                settings.seed());
        Trajectory ideal;
        Trajectory ng;
        long t0 = System.nanoTime();
        try (Substrate s = new IdealSubstrate(task.circuit())) {
            ideal = run(s, task, cfg);
        }
        double idealSeconds = (System.nanoTime() - t0) * 1e-9;
        t0 = System.nanoTime();
        try (Substrate s = new NgspiceSubstrate(task.circuit())) {
            ng = run(s, task, cfg);
        }
        double ngSeconds = (System.nanoTime() - t0) * 1e-9;
        double[] epochAxis = new double[epochs];
        double[] gDiv = new double[epochs];
        double[] costDiff = new double[epochs];
        double[] gChange = new double[epochs];
        double[] initial = task.circuit().conductances().toArray();
        List<List<String>> rows = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            double[] gi = ideal.conductances().get(e);
            double[] gn = ng.conductances().get(e);
            epochAxis[e] = e + 1;
            double div = 0;
            for (int k = 0; k < gi.length; k++) {
                div = Math.max(div, Math.abs(gn[k] - gi[k]) / gi[k]);
            }
            gDiv[e] = div;
            gChange[e] = Stats.relativeError(gi, initial);
            double li = ideal.metrics().get(e).trainLoss();
            double ln = ng.metrics().get(e).trainLoss();
            costDiff[e] = Math.abs(ln - li) / li;
            rows.add(List.of(Integer.toString(e + 1), Format.number(li), Format.number(ln), Format.number(costDiff[e]),
                    Format.number(div), Format.number(gChange[e]), Format.number(ideal.metrics().get(e).trainAccuracy()),
                    Format.number(ng.metrics().get(e).trainAccuracy())));
        }
        b.check("conductance-divergence", "Largest relative conductance difference between the ngspice and ideal runs "
                + "after epoch " + epochs, gDiv[epochs - 1], "", new Bound.AtMost(CONDUCTANCE_LIMIT),
                Figure.of("relative conductance change during training (ideal)", gChange[epochs - 1]));
        b.check("cost-difference", "Relative difference of the training cost after epoch " + epochs, costDiff[epochs - 1],
                "", new Bound.AtMost(COST_LIMIT));
        b.check("training-moves", "Relative change of the conductances during training (the comparison is empty if "
                + "nothing moves)", gChange[epochs - 1], "", new Bound.AtLeast(0.01));
        b.table(new Table("Per-epoch comparison (training set: " + task.data().train().size() + " examples)",
                List.of("epoch", "cost, ideal (V^2)", "cost, ngspice (V^2)", "relative cost difference",
                        "max relative conductance difference", "|g - g0| / |g0|", "accuracy, ideal", "accuracy, ngspice"),
                rows));
        b.plot(new Plot("Divergence of the ngspice and ideal runs", "epoch", "relative difference", false, true,
                List.of(Plot.Series.of("max relative conductance difference", epochAxis, gDiv),
                        Plot.Series.of("relative cost difference", epochAxis, costDiff))));
        b.measured("After %d epochs the conductances differ by at most %s (relative) while training moved them by %s; "
                        + "the costs differ by %s (relative). Wall time: ideal %.1f s, ngspice %.1f s.", epochs,
                Format.number(gDiv[epochs - 1]), Format.number(gChange[epochs - 1]), Format.number(costDiff[epochs - 1]),
                idealSeconds, ngSeconds);
        return b.build(tested, theory);
    }
}
