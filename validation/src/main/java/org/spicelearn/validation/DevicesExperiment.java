package org.spicelearn.validation;

import java.util.ArrayList;
import java.util.List;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.Rng;
import org.spicelearn.learn.device.DeviceModel;
import org.spicelearn.learn.train.TrainingConfig;

/**
 * Experiment 7: device non-idealities. First the drift each device model produces for known
 * requests, against closed forms; then how quantisation, asymmetric soft-bounded response and write
 * noise move the final accuracy of Iris training with temporally local phases.
 */
public final class DevicesExperiment implements ExperimentRunner {
    private static final ConductanceBounds BOUNDS = new ConductanceBounds(1e-7, 1e-3);

    /**
     * A device configuration of the training part.
     *
     * @param label  name in tables
     * @param device the model
     */
    record Config(String label, DeviceModel device) {
    }

    static List<Config> configs() {
        DeviceModel ideal = new DeviceModel.Ideal();
        return List.of(new Config("ideal", ideal), new Config("quantised 12 bits", new DeviceModel.Quantised(12)),
                new Config("quantised 8 bits", new DeviceModel.Quantised(8)),
                new Config("quantised 4 bits", new DeviceModel.Quantised(4)),
                new Config("asymmetric soft bounds (potentiation 1, depression 0.5, exponents 1)",
                        new DeviceModel.SoftBounds(1, 0.5, 1, 1)),
                new Config("write noise 10%", new DeviceModel.WriteNoise(ideal, 0.1)),
                new Config("write noise 50%", new DeviceModel.WriteNoise(ideal, 0.5)));
    }

    @Override
    public SectionResult run(ValidationSettings settings) {
        SectionBuilder b = new SectionBuilder(Experiment.DEVICES);
        deviceDrift(settings, b);
        training(settings, b);
        return b.build(
                "A device model turns the conductance change a learning rule requests into the change the device "
                        + "makes: quantised devices with 2^k levels and stochastic rounding, devices whose response "
                        + "is asymmetric and slows near the bounds (soft bounds), and multiplicative write noise. First "
                        + "the learner's device models are driven with known requests and their average response is "
                        + "compared with closed forms; then the Iris network is trained with temporally local periodic "
                        + "EP (same seeds and budget as flexible-vs-rigid) through each device model.",
                "Stochastic rounding is unbiased: the mean applied change equals the request, the cost is variance "
                        + "(up to a quarter level spacing squared per write, and a temporally local rule writes at every "
                        + "phase). With the library's bounds [1e-7, 1e-3] S and conductances of 1e-5 to 1e-4 S, 8 "
                        + "bits give a spacing of 4e-6 S, a tenth of a typical conductance; 12 bits 2.4e-7 S. "
                        + "Multiplicative zero-mean write noise is unbiased as "
                        + "well, with relative spread sigma. Soft bounds scale an increase by a_p (1 - x) and a decrease "
                        + "by a_d x (x: position of g in its range), so equal and opposite requests, which is what a "
                        + "temporally local rule issues phase after phase, no longer cancel: they drive x to the fixed "
                        + "point a_p / (a_p + a_d) (2/3 here) regardless of the gradient. Hence fine (12-bit) quantisation and "
                        + "mild noise should cost little accuracy (checked: at most 0.1 below ideal devices), while "
                        + "coarse levels, strong asymmetry and strong noise may cost a lot (reported).");
    }

    private void deviceDrift(ValidationSettings settings, SectionBuilder b) {
        int draws = settings.pick(200_000, 2_000_000);
        Rng rng = new Rng(settings.seed() + 31);
        DeviceModel.Quantised q = new DeviceModel.Quantised(6);
        double spacing = q.levelSpacingSiemens(BOUNDS);
        double g = BOUNDS.minSiemens() + 20 * spacing;
        double request = 0.3 * spacing;
        double[] applied = new double[draws];
        for (int i = 0; i < draws; i++) {
            applied[i] = q.applied(0, g, request, BOUNDS, rng);
        }
        double ratio = Stats.mean(applied) / request;
        double se = Stats.sd(applied) / Math.sqrt(draws) / request;
        b.check("quantised-unbiased", "Mean applied change of a 6-bit device for a request of 0.3 level spacings, over "
                + "the request, in standard errors from 1", Math.abs(ratio - 1) / se, "SE", new Bound.AtMost(4),
                Figure.of("mean applied / requested", ratio), Figure.of("standard error", se),
                new Figure("level spacing", spacing, "S"));
        DeviceModel.WriteNoise noise = new DeviceModel.WriteNoise(new DeviceModel.Ideal(), 0.3);
        double gMid = 5e-4;
        double r = 1e-6;
        for (int i = 0; i < draws; i++) {
            applied[i] = noise.applied(0, gMid, r, BOUNDS, rng) / r;
        }
        double noiseSe = Stats.sd(applied) / Math.sqrt(draws);
        b.check("write-noise-unbiased", "Mean applied / requested change under 30% write noise, in standard errors "
                + "from 1", Math.abs(Stats.mean(applied) - 1) / noiseSe, "SE", new Bound.AtMost(4),
                Figure.of("mean applied / requested", Stats.mean(applied)));
        b.check("write-noise-spread", "Standard deviation of applied / requested under 30% write noise",
                Stats.sd(applied), "", new Bound.Within(0.3, 0.01));
        DeviceModel.SoftBounds soft = new DeviceModel.SoftBounds(1, 0.5, 1, 1);
        double worst = 0;
        for (int k = 1; k < 100; k++) {
            double x = k / 100.0;
            double gx = BOUNDS.minSiemens() + x * (BOUNDS.maxSiemens() - BOUNDS.minSiemens());
            double up = soft.applied(0, gx, r, BOUNDS, rng);
            double down = soft.applied(0, gx, -r, BOUNDS, rng);
            worst = Math.max(worst, Math.max(Math.abs(up / (r * (1 - x)) - 1), Math.abs(down / (-r * 0.5 * x) - 1)));
        }
        b.check("soft-bounds-closed-form", "Largest relative deviation of the soft-bound response from a_p (1 - x) r "
                + "and a_d x r over x in (0, 1)", worst, "", new Bound.AtMost(1e-6));
        double gx = BOUNDS.minSiemens() + 0.1 * (BOUNDS.maxSiemens() - BOUNDS.minSiemens());
        double step = 1e-3 * (BOUNDS.maxSiemens() - BOUNDS.minSiemens());
        for (int i = 0; i < 20_000; i++) {
            gx += soft.applied(0, gx, i % 2 == 0 ? step : -step, BOUNDS, rng);
        }
        double xFinal = (gx - BOUNDS.minSiemens()) / (BOUNDS.maxSiemens() - BOUNDS.minSiemens());
        b.check("soft-bounds-fixed-point", "Position x reached by 20,000 alternating +/- requests of 0.1% of the range, "
                + "from x = 0.1, against the fixed point a_p / (a_p + a_d) = 2/3", xFinal, "",
                new Bound.Within(2.0 / 3, 0.01));
        b.measured("Device drift: 6-bit stochastic rounding returns %s of the request on average; 30%% write noise %s "
                        + "(spread %s); soft bounds follow their closed form to %s and drive alternating requests to "
                        + "x = %s.", Format.number(ratio), Format.number(Stats.mean(applied)), Format.number(Stats.sd(applied)),
                Format.number(worst), Format.number(xFinal));
    }

    private void training(ValidationSettings settings, SectionBuilder b) {
        int seeds = settings.pick(2, 5);
        int epochs = settings.pick(8, 30);
        TrainingTask task = TrainingTask.load(TrainingTask.Kind.IRIS, settings.libraryDirectory(), settings.seed(), 0);
        TrainingRuns.Hyper h = TrainingRuns.hyper(TrainingTask.Kind.IRIS);
        List<List<String>> rows = new ArrayList<>();
        double idealAcc = Double.NaN;
        double idealLoss = Double.NaN;
        double[] xs = new double[configs().size()];
        double[] accs = new double[configs().size()];
        int index = 0;
        for (Config c : configs()) {
            double[] acc = new double[seeds];
            double[] loss = new double[seeds];
            for (int k = 0; k < seeds; k++) {
                TrainingConfig cfg = TrainingRuns.dc(Scheme.LOCAL_PERIODIC, h, c.device(), epochs, settings.seed() + k);
                try (Substrate s = new IdealSubstrate(task.circuit())) {
                    TrainingRuns.Outcome o = TrainingRuns.train(s, task, cfg);
                    acc[k] = o.finalAccuracy();
                    loss[k] = o.finalLoss();
                }
            }
            double ma = Stats.mean(acc);
            if (c.device() instanceof DeviceModel.Ideal) {
                idealAcc = ma;
                idealLoss = Stats.mean(loss);
            }
            xs[index] = index;
            accs[index++] = ma;
            rows.add(List.of(c.label(), Format.meanSd(ma, Stats.sd(acc)), Format.meanSd(Stats.mean(loss), Stats.sd(loss)),
                    Format.number(ma - idealAcc)));
            if (c.label().equals("quantised 12 bits") || c.label().equals("write noise 10%")) {
                b.check(c.label().replace(' ', '-').replace("%", "pc") + "-accuracy-gap", "Mean held-out accuracy of "
                        + "ideal devices minus that of " + c.label() + " (Iris, " + seeds + " seeds)", idealAcc - ma, "",
                        new Bound.AtMost(0.1), Figure.of("accuracy", ma), Figure.of("ideal accuracy", idealAcc));
            }
        }
        b.check("ideal-devices-learn", "Mean held-out accuracy with ideal devices (chance is 1/3)", idealAcc, "",
                new Bound.AtLeast(0.6), new Figure("final loss", idealLoss, "V^2"));
        b.table(new Table("Iris, temporally local periodic EP, " + epochs + " epochs, mean +/- sd over " + seeds
                + " seeds", List.of("device model", "held-out accuracy", "held-out loss (V^2)", "accuracy - ideal"), rows));
        b.plot(new Plot("Held-out accuracy by device model (x: row of the table, 0 = ideal)", "device model (table row)",
                "mean held-out accuracy", false, false, List.of(new Plot.Series("accuracy", xs, accs, Plot.Style.POINTS))));
        b.measured("Training: ideal devices reach %s held-out accuracy; see the table for each model.",
                Format.number(idealAcc));
    }
}
