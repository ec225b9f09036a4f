package org.spicelearn.validation.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.spicelearn.bridge.remote.DeviceNonIdealities;
import org.spicelearn.bridge.remote.HilServer;
import org.spicelearn.bridge.remote.Programming;
import org.spicelearn.bridge.remote.PulseResponse;
import org.spicelearn.bridge.remote.PulseResponseFile;
import org.spicelearn.bridge.remote.ReferenceHardware;
import org.spicelearn.bridge.remote.RemoteOptions;
import org.spicelearn.bridge.remote.RemoteSubstrate;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.train.TrainingResult;

/**
 * The acceptance of hardware in the loop, end to end on a reference server (loopback): device
 * calibration against the simulated devices' true parameters, the twin fit's residual against the
 * read noise, Iris trained on the ideal substrate and entirely in the loop, and hardware-aware
 * transfer (twin, naive transfer, fine-tuned).
 */
public final class HilAcceptance {

    /**
     * What to run.
     *
     * @param netlist        the Iris library netlist
     * @param devices        the server's device non-idealities
     * @param sweep          the device-calibration sequence
     * @param twinPatterns   input patterns measured for the twin fit
     * @param epochs         epochs of the ideal and in-the-loop runs and of training on the twin
     * @param fineTuneEpochs epochs of fine-tuning after transfer
     * @param trainingRuns   ideal and in-the-loop runs (training seeds seed, seed+100, ...) whose accuracies are averaged
     * @param transferRuns   transfers (training seeds seed, seed+100, ...) whose figures are averaged
     * @param seed           seed of the data split, the training runs and the patterns
     */
    public record Settings(Path netlist, DeviceNonIdealities devices, DeviceCalibration.PulseSweep sweep, int twinPatterns,
                           int epochs, int fineTuneEpochs, int trainingRuns, int transferRuns, long seed) {
        /**
         * The setting: 10% variation, 1% read noise, 64 asymmetric levels, on [2 uS, 250 uS];
         * three training seeds for the ideal/in-the-loop comparison, five transfers.
         */
        public static Settings standard(Path netlist, int epochs, int fineTuneEpochs) {
            return new Settings(netlist, DeviceNonIdealities.acceptance(new ConductanceBounds(2e-6, 2.5e-4), 5),
                    new DeviceCalibration.PulseSweep(180, 12), 60, epochs, fineTuneEpochs, 3, 5, 1);
        }
    }

    /**
     * The figures.
     *
     * @param parameterErrors     largest relative error over devices of gMin, gMax, up, down
     * @param medianParameterError median over devices and parameters of the relative error
     * @param withinFivePercent   fraction of (device, parameter) pairs within 5%
     * @param twinResidualVolts   rms residual of the twin fit (fitted patterns), volts
     * @param twinHeldOutVolts    rms residual on held-out patterns, volts
     * @param noiseVolts          measurement noise estimated from repeats, volts
     * @param readNoiseVolts      the configured read noise, volts
     * @param idealAccuracy       mean test accuracy trained on the ideal substrate
     * @param loopAccuracy        mean test accuracy trained entirely in the loop
     * @param loopSeconds         mean wall time of an in-the-loop run
     * @param transfers           the figures of each transfer
     */
    public record Report(double[] parameterErrors, double medianParameterError, double withinFivePercent,
                         double twinResidualVolts, double twinHeldOutVolts, double noiseVolts, double readNoiseVolts,
                         double idealAccuracy, double loopAccuracy, double loopSeconds, List<HardwareTransfer.Report> transfers) {
        /** Copies the arrays and lists. */
        public Report {
            parameterErrors = parameterErrors.clone();
            transfers = List.copyOf(transfers);
        }

        @Override
        public double[] parameterErrors() {
            return parameterErrors.clone();
        }

        /** The mean of the transfers' figures. */
        public HardwareTransfer.Report transfer() {
            return HardwareTransfer.Report.mean(transfers);
        }
    }

    private HilAcceptance() {
    }

    /**
     * Runs everything.
     *
     * @param solver makes the server's solver (ngspice for the real acceptance)
     * @param events progress lines
     */
    public static Report run(Settings s, Function<Circuit, Substrate> solver, Consumer<String> events) throws IOException {
        HilTask task = HilTask.load(s.netlist(), s.seed());
        Circuit model = task.circuit();
        List<String> outputs = task.data().outputNodes();
        try (HilServer server = new HilServer(() -> new ReferenceHardware(model, outputs, s.devices(), solver),
                HilServer.Options.loopback(0))) {
            RemoteOptions options = RemoteOptions.of("127.0.0.1", server.port()).withEvents(events);
            // 1. device calibration against the true parameters
            List<PulseResponseFile.Entry> fitted;
            Circuit hwCircuit;
            try (RemoteSubstrate hw = new RemoteSubstrate(model, options)) {
                hwCircuit = hw.circuit();
                long t0 = System.nanoTime();
                fitted = DeviceCalibration.calibrate(hw, s.sweep());
                events.accept(String.format(Locale.ROOT, "device calibration: %d devices in %.1f s", fitted.size(),
                        (System.nanoTime() - t0) * 1e-9));
            }
            List<PulseResponse> truth = server.onHardware(() -> {
                List<PulseResponse> t = new ArrayList<>();
                for (int e = 0; e < server.hardware().devices().size(); e++) {
                    t.add(server.hardware().devices().response(e));
                }
                return t;
            });
            double[] worst = new double[4];
            List<Double> all = new ArrayList<>();
            for (int e = 0; e < truth.size(); e++) {
                double[] err = relativeErrors(fitted.get(e).response(), truth.get(e));
                for (int j = 0; j < 4; j++) {
                    worst[j] = Math.max(worst[j], err[j]);
                    all.add(err[j]);
                }
            }
            all.sort(null);
            double median = all.get(all.size() / 2);
            double within = all.stream().filter(x -> x <= 0.05).count() / (double) all.size();
            events.accept(String.format(Locale.ROOT, "device parameters: median error %.2f%%, %.1f%% within 5%%, worst "
                    + "gmin %.2f%% gmax %.2f%% up %.2f%% down %.2f%%", 100 * median, 100 * within, 100 * worst[0],
                    100 * worst[1], 100 * worst[2], 100 * worst[3]));
            List<PulseResponse> responses = fitted.stream().map(PulseResponseFile.Entry::response).toList();
            Programming pulses = new Programming.Pulses(responses, 64, Programming.Rounding.ACCUMULATED, s.seed());
            try (RemoteSubstrate hw = new RemoteSubstrate(model, options.withProgramming(pulses))) {
                // 2. twin calibration at the initial state
                hw.setConductances(hwCircuit.conductances());
                TwinCalibration.Measurements m = TwinCalibration.measure(hw, task.data().sourceNames(), s.twinPatterns(),
                        HilTask.INPUT_GAIN, s.seed() + 17);
                TwinCalibration.Fit twin = TwinCalibration.fit(hwCircuit, m, TwinCalibration.Parameters.CONDUCTANCES,
                        hw.read());
                double readNoiseVolts = s.devices().readNoise() * s.devices().fullScaleVolts();
                events.accept(String.format(Locale.ROOT, "twin fit: rms residual %.2f mV (held out %.2f mV), noise "
                        + "estimate %.2f mV, read noise %.2f mV, %d evaluations", 1e3 * twin.rmsResidualVolts(),
                        1e3 * twin.heldOutResidualVolts(), 1e3 * twin.noiseVolts(), 1e3 * readNoiseVolts, twin.evaluations()));
                // 3. ideal substrate vs entirely in the loop, same configuration and start, per training seed
                double ideal = 0;
                double loopAccuracy = 0;
                double loopSeconds = 0;
                for (int k = 0; k < s.trainingRuns(); k++) {
                    long seed = s.seed() + 100 * k;
                    double idealK;
                    try (IdealSubstrate is = new IdealSubstrate(hwCircuit)) {
                        ResumableTraining.train(is, HilTask.config(s.epochs(), seed), task.data(), 0, x -> { });
                        idealK = HardwareTransfer.accuracy(is, task.data());
                    }
                    hw.setConductances(hwCircuit.conductances());
                    long t0 = System.nanoTime();
                    TrainingResult loop = ResumableTraining.train(hw, HilTask.config(s.epochs(), seed), task.data(), 3, events);
                    double seconds = (System.nanoTime() - t0) * 1e-9;
                    double loopK = HardwareTransfer.accuracy(hw, task.data());
                    events.accept(String.format(Locale.ROOT, "training seed %d: ideal substrate test accuracy %.3f; in the "
                            + "loop %.3f (%d epochs, %.1f s, %d reconnects so far)", seed, idealK, loopK,
                            loop.epochs().size(), seconds, hw.reconnects()));
                    ideal += idealK / s.trainingRuns();
                    loopAccuracy += loopK / s.trainingRuns();
                    loopSeconds += seconds / s.trainingRuns();
                }
                // 4. transfers from the twin (fitted at the initial state), one per training seed
                List<HardwareTransfer.Report> transfers = new ArrayList<>();
                for (int k = 0; k < s.transferRuns(); k++) {
                    long seed = s.seed() + 100 * k;
                    events.accept("transfer " + (k + 1) + " of " + s.transferRuns() + " (training seed " + seed + ")");
                    transfers.add(HardwareTransfer.run(twin.twin(), hw, task.data(), HilTask.config(s.epochs(), seed),
                            HilTask.fineTuneConfig(s.fineTuneEpochs(), seed + 1), events));
                }
                return new Report(worst, median, within, twin.rmsResidualVolts(), twin.heldOutResidualVolts(),
                        twin.noiseVolts(), readNoiseVolts, ideal, loopAccuracy, loopSeconds, transfers);
            }
        }
    }

    /** Relative errors of gMin, gMax, up, down. */
    static double[] relativeErrors(PulseResponse fitted, PulseResponse truth) {
        return new double[] {
            Math.abs(fitted.gMinSiemens() / truth.gMinSiemens() - 1),
            Math.abs(fitted.gMaxSiemens() / truth.gMaxSiemens() - 1),
            Math.abs(fitted.upFraction() / truth.upFraction() - 1),
            Math.abs(fitted.downFraction() / truth.downFraction() - 1)};
    }
}
