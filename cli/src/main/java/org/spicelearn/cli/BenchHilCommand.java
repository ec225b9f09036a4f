package org.spicelearn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spicelearn.bridge.NgspiceSubstrate;
import org.spicelearn.validation.calibration.HilAcceptance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn bench hil}: the hardware-in-the-loop acceptance on a reference server backed by
 * ngspice (10% device variation, 1% read noise, 64-level asymmetric programming, 5 kilohm series
 * resistance): device-calibration errors against the simulated devices' true parameters, the twin
 * residual against the read noise, Iris trained on the ideal substrate (the baseline, same run) and
 * entirely in the loop, and the transfer figures.
 */
@Command(name = "hil", mixinStandardHelpOptions = true,
        description = "HIL acceptance: device calibration, twin fit, Iris in the loop vs ideal, transfer; RESULT line.")
public final class BenchHilCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--netlist", description = "the Iris network (default: the library's iris-4-10-3.cir, generated)")
    private Path netlist;

    @Option(names = "--epochs", defaultValue = "15", description = "epochs of the ideal, in-loop and twin runs (default ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--fine-tune-epochs", defaultValue = "5", description = "epochs of fine-tuning (default ${DEFAULT-VALUE})")
    private int fineTuneEpochs;

    @Override
    public Integer call() throws IOException {
        if (netlist == null) {
            org.spicelearn.netlist.LibraryNetwork iris = org.spicelearn.netlist.LibraryNetwork.IRIS;
            netlist = Files.createTempDirectory("spicelearn-hil").resolve(iris.fileName());
            Files.writeString(netlist, iris.generate().netlist());
            netlist.toFile().deleteOnExit();
            netlist.getParent().toFile().deleteOnExit();
        } else if (!Files.isRegularFile(netlist)) {
            throw new BadInputException(netlist + ": no such netlist");
        }
        if (epochs < 1 || fineTuneEpochs < 1) {
            throw new BadInputException("--epochs and --fine-tune-epochs must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        HilAcceptance.Settings s = HilAcceptance.Settings.standard(netlist, epochs, fineTuneEpochs);
        out.printf(Locale.ROOT, "hil: reference server on 127.0.0.1 (ngspice), %d levels, variation %.2f, read noise %.3f,"
                + " up %.3f, down %.3f, programming noise %.3f, series %.0f ohm, device range [%.3g, %.3g] S%n",
                s.devices().levels(), s.devices().variation(), s.devices().readNoise(), s.devices().upFraction(),
                s.devices().downFraction(), s.devices().programmingNoise(), s.devices().seriesOhms(),
                s.devices().deviceRange().minSiemens(), s.devices().deviceRange().maxSiemens());
        out.flush();
        long t0 = System.nanoTime();
        HilAcceptance.Report r = HilAcceptance.run(s, NgspiceSubstrate::new, ProgressLines.printingTo(out));
        double worst = 0;
        for (double e : r.parameterErrors()) {
            worst = Math.max(worst, e);
        }
        HilAcceptanceFigures f = new HilAcceptanceFigures(r, worst);
        out.printf(Locale.ROOT, "baseline (same run): ideal substrate test accuracy %.3f; in the loop %.3f (means of %d training"
                + " seeds; gap %.1f points, acceptance <= 5)%n", r.idealAccuracy(), r.loopAccuracy(), s.trainingRuns(),
                100 * f.gap());
        out.printf(Locale.ROOT, "device calibration worst parameter error %.2f%% (acceptance <= 5%%); twin residual %.2f mV vs"
                + " read noise %.2f mV (ratio %.2f, acceptance <= 2)%n", 100 * worst, 1e3 * r.twinResidualVolts(),
                1e3 * r.readNoiseVolts(), r.twinResidualVolts() / r.readNoiseVolts());
        out.printf(Locale.ROOT, "transfer, mean of %d: test accuracy twin %.3f, naive %.3f, fine-tuned %.3f, recovered fraction %s"
                + " (acceptance >= 0.5); test loss twin %.5f, naive %.5f, fine-tuned %.5f V^2, recovered %s%n",
                r.transfers().size(), r.transfer().twinAccuracy(), r.transfer().naiveAccuracy(), r.transfer().fineTunedAccuracy(),
                fraction(r.transfer().recoveredFraction()), r.transfer().twinLoss(), r.transfer().naiveLoss(),
                r.transfer().fineTunedLoss(), fraction(r.transfer().recoveredLossFraction()));
        out.printf(Locale.ROOT, "RESULT device_param_worst_pct=%.2f device_param_median_pct=%.3f twin_residual_mv=%.3f "
                        + "read_noise_mv=%.3f ideal_accuracy=%.4f loop_accuracy=%.4f loop_gap_points=%.2f twin_accuracy=%.4f "
                        + "naive_accuracy=%.4f finetuned_accuracy=%.4f recovered_fraction=%s recovered_loss_fraction=%s "
                        + "loop_seconds=%.1f total_seconds=%.1f%n",
                100 * worst, 100 * r.medianParameterError(), 1e3 * r.twinResidualVolts(), 1e3 * r.readNoiseVolts(),
                r.idealAccuracy(), r.loopAccuracy(), 100 * f.gap(), r.transfer().twinAccuracy(), r.transfer().naiveAccuracy(),
                r.transfer().fineTunedAccuracy(), fraction(r.transfer().recoveredFraction()),
                fraction(r.transfer().recoveredLossFraction()), r.loopSeconds(), (System.nanoTime() - t0) * 1e-9);
        return Main.EXIT_OK;
    }

    /** A fraction with three decimals, or "nan" (nothing was lost). */
    private static String fraction(double f) {
        return Double.isNaN(f) ? "nan" : String.format(Locale.ROOT, "%.3f", f);
    }

    /** Derived figures of a report. */
    private record HilAcceptanceFigures(HilAcceptance.Report report, double worstParameterError) {
        double gap() {
            return report.idealAccuracy() - report.loopAccuracy();
        }
    }
}
