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
 * accuracy at each stage.
 */
public final class HardwareTransfer {

    /**
     * The figures of one transfer.
     *
     * @param twinAccuracy      test accuracy on the twin after training there (before transfer)
     * @param naiveAccuracy     test accuracy on the hardware right after writing the twin's conductances
     * @param fineTunedAccuracy test accuracy on the hardware after fine-tuning in the loop
     * @param twinConductances  the conductances trained on the twin, siemens
     */
    public record Report(double twinAccuracy, double naiveAccuracy, double fineTunedAccuracy, Conductances twinConductances) {
        /** The fraction of the accuracy lost by naive transfer that fine-tuning won back (NaN when nothing was lost). */
        public double recoveredFraction() {
            double lost = twinAccuracy - naiveAccuracy;
            return lost > 0 ? (fineTunedAccuracy - naiveAccuracy) / lost : Double.NaN;
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
        double twinAccuracy;
        try (IdealSubstrate ideal = new IdealSubstrate(twin)) {
            TrainingResult r = ResumableTraining.train(ideal, twinConfig, data, 0, events);
            trained = r.conductances();
            twinAccuracy = accuracy(ideal, data);
        }
        events.accept(String.format(java.util.Locale.ROOT, "trained on the twin: test accuracy %.3f", twinAccuracy));
        hardware.setConductances(trained);
        double naive = accuracy(hardware, data);
        events.accept(String.format(java.util.Locale.ROOT, "after naive transfer: test accuracy %.3f", naive));
        ResumableTraining.train(hardware, fineTuneConfig, data, 3, events);
        double fine = accuracy(hardware, data);
        events.accept(String.format(java.util.Locale.ROOT, "after fine-tuning in the loop: test accuracy %.3f", fine));
        return new Report(twinAccuracy, naive, fine, trained);
    }

    /** Test accuracy of a substrate (free outputs, argmax). */
    public static double accuracy(Substrate s, TrainingData data) {
        NetworkPorts ports = new NetworkPorts(s.circuit(), data.sourceNames(), data.outputNodes());
        return Evaluation.of(s, ports, data.test(), data.classification()).accuracy();
    }
}
