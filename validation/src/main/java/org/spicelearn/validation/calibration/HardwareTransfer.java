package org.spicelearn.validation.calibration;

import java.util.function.Consumer;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.train.Evaluation;
import org.spicelearn.learn.train.NetworkPorts;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingData;
import org.spicelearn.learn.train.TrainingResult;

/**
 * Hardware-aware transfer: train on the calibrated twin (ideal substrate), write the trained
 * conductances to the hardware (program-and-verify), then fine-tune in the loop, measuring test
 * accuracy and loss at each stage.
 */
public final class HardwareTransfer {

    /**
     * The figures of one transfer (or their means over several).
     *
     * @param twinAccuracy      test accuracy on the twin after training there (before transfer)
     * @param naiveAccuracy     test accuracy on the hardware right after writing the twin's conductances
     * @param fineTunedAccuracy test accuracy on the hardware after fine-tuning in the loop
     * @param twinLoss          test loss (mean cost, volts squared) on the twin
     * @param naiveLoss         test loss after naive transfer
     * @param fineTunedLoss     test loss after fine-tuning
     */
    public record Report(double twinAccuracy, double naiveAccuracy, double fineTunedAccuracy, double twinLoss,
                         double naiveLoss, double fineTunedLoss) {
        /** The fraction of the accuracy lost by naive transfer that fine-tuning won back (NaN when nothing was lost). */
        public double recoveredFraction() {
            double lost = twinAccuracy - naiveAccuracy;
            return lost > 0 ? (fineTunedAccuracy - naiveAccuracy) / lost : Double.NaN;
        }

        /** The fraction of the loss added by naive transfer that fine-tuning removed (NaN when none was added). */
        public double recoveredLossFraction() {
            double added = naiveLoss - twinLoss;
            return added > 0 ? (naiveLoss - fineTunedLoss) / added : Double.NaN;
        }

        /** The element-wise mean of several reports. */
        public static Report mean(java.util.List<Report> reports) {
            double[] m = new double[6];
            for (Report r : reports) {
                double[] v = {r.twinAccuracy, r.naiveAccuracy, r.fineTunedAccuracy, r.twinLoss, r.naiveLoss, r.fineTunedLoss};
                for (int i = 0; i < 6; i++) {
                    m[i] += v[i] / reports.size();
                }
            }
            return new Report(m[0], m[1], m[2], m[3], m[4], m[5]);
        }
    }

    private HardwareTransfer() {
    }

    /**
     * Runs the three stages.
     *
     * @param twin           the calibrated twin (its trainable values are the fitted conductances;
     *                       its bounds should be the hardware's)
     * @param hardware       the hardware substrate
     * @param twinConfig     training on the twin
     * @param fineTuneConfig training in the loop
     * @param events         progress lines
     */
    public static Report run(Circuit twin, Substrate hardware, TrainingData data, TrainingConfig twinConfig,
                             TrainingConfig fineTuneConfig, Consumer<String> events) {
        Conductances trained;
        Evaluation onTwin;
        try (IdealSubstrate ideal = new IdealSubstrate(twin)) {
            TrainingResult r = ResumableTraining.train(ideal, twinConfig, data, 0, events);
            trained = r.conductances();
            onTwin = test(ideal, data);
        }
        events.accept(describe("trained on the twin", onTwin));
        hardware.setConductances(trained);
        Evaluation naive = test(hardware, data);
        events.accept(describe("after naive transfer", naive));
        ResumableTraining.train(hardware, fineTuneConfig, data, 3, events);
        Evaluation fine = test(hardware, data);
        events.accept(describe("after fine-tuning in the loop", fine));
        return new Report(onTwin.accuracy(), naive.accuracy(), fine.accuracy(), onTwin.loss(), naive.loss(), fine.loss());
    }

    private static String describe(String stage, Evaluation e) {
        return String.format(java.util.Locale.ROOT, "%s: test accuracy %.3f, test loss %.5f V^2", stage, e.accuracy(), e.loss());
    }

    /** Test loss and accuracy of a substrate (free outputs, argmax). */
    public static Evaluation test(Substrate s, TrainingData data) {
        NetworkPorts ports = new NetworkPorts(s.circuit(), data.sourceNames(), data.outputNodes());
        return Evaluation.of(s, ports, data.test(), data.classification());
    }

    /** Test accuracy of a substrate (free outputs, argmax). */
    public static double accuracy(Substrate s, TrainingData data) {
        return test(s, data).accuracy();
    }
}
