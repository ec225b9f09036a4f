package org.spicelearn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spicelearn.bridge.remote.HilException;
import org.spicelearn.bridge.remote.Programming;
import org.spicelearn.bridge.remote.PulseResponse;
import org.spicelearn.bridge.remote.PulseResponseFile;
import org.spicelearn.bridge.remote.RemoteOptions;
import org.spicelearn.bridge.remote.RemoteSubstrate;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.netlist.NetlistWriter;
import org.spicelearn.netlist.ParsedNetlist;
import org.spicelearn.validation.calibration.DeviceCalibration;
import org.spicelearn.validation.calibration.HardwareTransfer;
import org.spicelearn.validation.calibration.HilTask;
import org.spicelearn.validation.calibration.TwinCalibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn calibrate ...}: calibration against hardware behind a HIL server: per-device
 * pulse responses ({@code devices}), the digital twin ({@code twin}) and hardware-aware transfer
 * with in-the-loop fine-tuning ({@code transfer}).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibrate devices and the digital twin against hardware behind a HIL server; transfer.",
        subcommands = {CalibrateCommand.Devices.class, CalibrateCommand.Twin.class, CalibrateCommand.Transfer.class})
public final class CalibrateCommand {

    /** Where the HIL server is. */
    public static final class Connection {
        @Parameters(index = "0", paramLabel = "NETLIST", description = "the network the server drives (the local model)")
        Path netlist;

        @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "the HIL server")
        String server;

        @Option(names = "--token", description = "the server's shared token")
        String token;

        /** Connects with the given programming; bad addresses are bad input. */
        RemoteSubstrate connect(Circuit model, Programming programming, PrintWriter out) {
            RemoteOptions o;
            try {
                o = RemoteOptions.parse(server);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--server: " + e.getMessage(), e);
            }
            o = o.withToken(token).withProgramming(programming).withEvents(ProgressLines.printingTo(out));
            try {
                return new RemoteSubstrate(model, o);
            } catch (HilException e) {
                throw HilCommand.refusedAsBadInput(server, e);
            }
        }
    }

    /** Reads a device model file, in device order of {@code hw}; problems are bad input. */
    static List<PulseResponse> responses(Path file, RemoteSubstrate hw) {
        Map<String, PulseResponse> byName;
        try {
            byName = PulseResponseFile.read(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        List<PulseResponse> out = new ArrayList<>();
        for (var d : hw.description().devices()) {
            PulseResponse r = byName.get(d.name());
            if (r == null) {
                throw new BadInputException(file + ": no calibration for device " + d.name());
            }
            out.add(r);
        }
        return out;
    }

    /** {@code calibrate devices NETLIST --server HOST:PORT --out FILE}. */
    @Command(name = "devices", mixinStandardHelpOptions = true,
            description = {"Pulse every device through cycles of depression and potentiation ramps, read after each pulse,",
                "fit each device's pulse response, write the device model file (CSV, see docs/hil-protocol.md)."})
    public static final class Devices implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Connection connection;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the device model file to write")
        private Path out;

        @Option(names = "--ramp", defaultValue = "180", description = "pulses per ramp (default ${DEFAULT-VALUE})")
        private int ramp;

        @Option(names = "--cycles", defaultValue = "12", description = "depression/potentiation cycles (default ${DEFAULT-VALUE})")
        private int cycles;

        @Override
        public Integer call() throws IOException {
            PrintWriter w = spec.commandLine().getOut();
            ParsedNetlist parsed = HilCommand.parse(connection.netlist);
            DeviceCalibration.PulseSweep sweep;
            try {
                sweep = new DeviceCalibration.PulseSweep(ramp, cycles);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            try (RemoteSubstrate hw = connection.connect(parsed.circuit(), new Programming.WriteVerify(), w)) {
                long t0 = System.nanoTime();
                List<PulseResponseFile.Entry> entries = DeviceCalibration.calibrate(hw, sweep);
                double seconds = (System.nanoTime() - t0) * 1e-9;
                PulseResponseFile.write(out, entries, "spicelearn calibrate devices: " + connection.server + ", "
                        + cycles + " cycles of " + ramp + "-pulse ramps");
                w.printf(Locale.ROOT, "%-16s %14s %14s %10s %10s %14s%n", "device", "gmin_S", "gmax_S", "up", "down", "rms_resid_S");
                for (PulseResponseFile.Entry e : entries) {
                    PulseResponse r = e.response();
                    w.printf(Locale.ROOT, "%-16s %14.5e %14.5e %10.5f %10.5f %14.3e%n", e.device(), r.gMinSiemens(),
                            r.gMaxSiemens(), r.upFraction(), r.downFraction(), e.rmsResidualSiemens());
                }
                w.printf(Locale.ROOT, "%d devices calibrated in %.1f s (%d pulses each); wrote %s%n", entries.size(), seconds,
                        2L * ramp * cycles, out);
            }
            return Main.EXIT_OK;
        }
    }

    /** {@code calibrate twin NETLIST --server HOST:PORT --out TWIN.cir}. */
    @Command(name = "twin", mixinStandardHelpOptions = true,
            description = {"Measure the network's response to random inputs, fit the twin's device conductances",
                "(or, with --series, their series resistances) with adjoint Jacobians; report the residual against",
                "the measurement noise; write the twin netlist."})
    public static final class Twin implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Connection connection;

        @Option(names = "--out", required = true, paramLabel = "TWIN.cir", description = "the twin netlist to write")
        private Path out;

        @Option(names = "--patterns", defaultValue = "60", description = "input patterns measured (default ${DEFAULT-VALUE})")
        private int patterns;

        @Option(names = "--amplitude-volts", defaultValue = "3", description = "inputs uniform in +/- this (default ${DEFAULT-VALUE})")
        private double amplitude;

        @Option(names = "--series", description = "fit series resistances (intrinsic conductances fixed at their reads)")
        private boolean series;

        @Option(names = "--seed", defaultValue = "1", description = "seed of the input patterns (default ${DEFAULT-VALUE})")
        private long seed;

        @Override
        public Integer call() throws IOException {
            if (patterns < 4 || !(amplitude > 0) || Double.isInfinite(amplitude)) {
                throw new BadInputException("--patterns must be >= 4 and --amplitude-volts positive and finite");
            }
            PrintWriter w = spec.commandLine().getOut();
            ParsedNetlist parsed = HilCommand.parse(connection.netlist);
            List<String> sources = parsed.roles().inputs().stream().map(i -> i.source()).toList();
            if (sources.isEmpty()) {
                sources = parsed.circuit().elements(VoltageSource.class).stream().map(VoltageSource::name).toList();
            }
            try (RemoteSubstrate hw = connection.connect(parsed.circuit(), new Programming.WriteVerify(), w)) {
                long t0 = System.nanoTime();
                TwinCalibration.Measurements m = TwinCalibration.measure(hw, sources, patterns, amplitude, seed);
                TwinCalibration.Parameters what = series ? TwinCalibration.Parameters.SERIES_RESISTANCES
                        : TwinCalibration.Parameters.CONDUCTANCES;
                TwinCalibration.Fit fit = TwinCalibration.fit(hw.circuit(), m, what, hw.read());
                String text = NetlistWriter.write(fit.twin(), parsed.roles());
                Path abs = out.toAbsolutePath();
                Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                w.printf(Locale.ROOT, "measured %d patterns x %d nodes (twice each); fitted %d %s in %d evaluations, %.1f s%n",
                        patterns, m.observedNodes().length, hw.conductances().size(),
                        series ? "series resistances" : "conductances", fit.evaluations(), (System.nanoTime() - t0) * 1e-9);
                w.printf(Locale.ROOT, "residual: %.3f mV rms (held-out patterns %.3f mV); measurement noise %.3f mV rms; "
                        + "ratio %.2f%n", 1e3 * fit.rmsResidualVolts(), 1e3 * fit.heldOutResidualVolts(),
                        1e3 * fit.noiseVolts(), fit.rmsResidualVolts() / fit.noiseVolts());
                w.printf(Locale.ROOT, "wrote %s%n", out);
            }
            return Main.EXIT_OK;
        }
    }

    /** {@code calibrate transfer NETLIST --server HOST:PORT --devices FILE --twin TWIN.cir}. */
    @Command(name = "transfer", mixinStandardHelpOptions = true,
            description = {"Hardware-aware transfer: train on the calibrated twin (ideal substrate), write the",
                "conductances to the hardware, fine-tune in the loop with pulses from the device model file;",
                "report test accuracy before transfer, after naive transfer and after fine-tuning.",
                "NETLIST's roles name the task (task classification dataset=iris|digits, inputs, outputs)."})
    public static final class Transfer implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Connection connection;

        @Option(names = "--devices", required = true, paramLabel = "FILE", description = "device model file (calibrate devices)")
        private Path devices;

        @Option(names = "--twin", required = true, paramLabel = "TWIN.cir", description = "twin netlist (calibrate twin)")
        private Path twin;

        @Option(names = "--epochs", defaultValue = "15", description = "epochs on the twin (default ${DEFAULT-VALUE})")
        private int epochs;

        @Option(names = "--fine-tune-epochs", defaultValue = "5", description = "epochs in the loop (default ${DEFAULT-VALUE})")
        private int fineTuneEpochs;

        @Option(names = "--seed", defaultValue = "1", description = "seed of split and training (default ${DEFAULT-VALUE})")
        private long seed;

        @Override
        public Integer call() {
            if (epochs < 1 || fineTuneEpochs < 1) {
                throw new BadInputException("--epochs and --fine-tune-epochs must be >= 1");
            }
            PrintWriter w = spec.commandLine().getOut();
            HilTask task;
            try {
                task = HilTask.load(connection.netlist, seed);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            Circuit twinCircuit = HilCommand.parse(twin).circuit();
            List<PulseResponse> r;
            try (RemoteSubstrate probe = connection.connect(task.circuit(), new Programming.WriteVerify(), w)) {
                r = responses(devices, probe);
            }
            try (RemoteSubstrate hw = connection.connect(task.circuit(),
                    new Programming.Pulses(r, 64, Programming.Rounding.ACCUMULATED, seed), w)) {
                Circuit twinModel;
                try {
                    twinModel = hw.description().conform(twinCircuit);
                } catch (RuntimeException e) {
                    throw new BadInputException(twin + ": " + e.getMessage(), e);
                }
                HardwareTransfer.Report rep = HardwareTransfer.run(twinModel, hw, task.data(),
                        HilTask.config(epochs, seed), HilTask.fineTuneConfig(fineTuneEpochs, seed + 1),
                        ProgressLines.printingTo(w));
                w.printf(Locale.ROOT, "test accuracy: before transfer (twin) %.3f, after naive transfer %.3f, after "
                        + "fine-tuning %.3f; recovered %s of the loss%n", rep.twinAccuracy(), rep.naiveAccuracy(),
                        rep.fineTunedAccuracy(), Double.isNaN(rep.recoveredFraction()) ? "n/a (nothing lost)"
                                : String.format(Locale.ROOT, "%.0f%%", 100 * rep.recoveredFraction()));
                w.printf(Locale.ROOT, "test loss: twin %.5f, naive %.5f, fine-tuned %.5f V^2%n", rep.twinLoss(),
                        rep.naiveLoss(), rep.fineTunedLoss());
            }
            return Main.EXIT_OK;
        }
    }
}
