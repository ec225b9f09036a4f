package org.spicelearn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spicelearn.bridge.NgspiceSubstrate;
import org.spicelearn.bridge.remote.DeviceNonIdealities;
import org.spicelearn.bridge.remote.HilProtocol;
import org.spicelearn.bridge.remote.HilServer;
import org.spicelearn.bridge.remote.ReferenceHardware;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.netlist.NetlistException;
import org.spicelearn.netlist.NetlistParser;
import org.spicelearn.netlist.NetworkRoles;
import org.spicelearn.netlist.ParsedNetlist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn hil ...}: hardware in the loop. {@code hil serve NETLIST} runs the reference HIL
 * server (protocol in {@code docs/hil-protocol.md}): the netlist's trainable resistors become
 * simulated programmable devices with configurable non-idealities, the network is solved by
 * ngspice, and clients ({@code RemoteSubstrate}, {@code calibrate ...}) drive it over TCP.
 */
@Command(name = "hil", mixinStandardHelpOptions = true,
        description = "Hardware in the loop: the reference HIL server.",
        subcommands = {HilCommand.Serve.class})
public final class HilCommand {

    /** Reads a netlist for the HIL commands; bad files are bad input. */
    static ParsedNetlist parse(Path netlist) {
        try {
            return NetlistParser.parse(netlist);
        } catch (NetlistException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /**
     * Opens {@code remote:HOST:PORT} for {@code train --substrate}; bad options, files or a refused
     * {@code HELLO} are bad input.
     */
    static org.spicelearn.circuit.Substrate openRemote(String option, Circuit model, String token, Path deviceModel,
                                                       PrintWriter events) {
        try {
            return org.spicelearn.bridge.remote.RemoteSubstrate.open(option, model, token, deviceModel,
                    ProgressLines.printingTo(events));
        } catch (IOException e) {
            throw new BadInputException(deviceModel + ": " + e.getMessage(), e);
        } catch (org.spicelearn.bridge.remote.HilException e) {
            throw refusedAsBadInput(option, e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--substrate: " + e.getMessage(), e);
        }
    }

    /**
     * A HIL failure while connecting, as the exception to throw: a refused {@code HELLO} (bad token,
     * server busy, unsupported protocol version) becomes bad input naming {@code address}; any other
     * failure is returned as it is.
     */
    static RuntimeException refusedAsBadInput(String address, org.spicelearn.bridge.remote.HilException e) {
        org.spicelearn.bridge.remote.HilErrorCode code = e.code();
        if (code == org.spicelearn.bridge.remote.HilErrorCode.UNAUTHORIZED
                || code == org.spicelearn.bridge.remote.HilErrorCode.CONFLICT
                || code == org.spicelearn.bridge.remote.HilErrorCode.VERSION_UNSUPPORTED) {
            return new BadInputException(address + ": " + e.getMessage(), e);
        }
        return e;
    }

    /** Parses {@code GMIN:GMAX} in siemens. */
    static ConductanceBounds range(String text) {
        String[] parts = text.split(":");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected GMIN:GMAX in siemens, got '" + text + "'");
            }
            return new ConductanceBounds(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--device-range: " + e.getMessage(), e);
        }
    }

    /** {@code hil serve NETLIST}. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve NETLIST as simulated hardware over the HIL line protocol (docs/hil-protocol.md).",
                "Binds to loopback unless --bind says otherwise; runs until interrupted (Ctrl-C)."})
    public static final class Serve implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NETLIST", description = "the network (trainable resistors become devices)")
        private Path netlist;

        @Option(names = "--port", defaultValue = "" + HilProtocol.DEFAULT_PORT, description = "TCP port, 0 for any (default ${DEFAULT-VALUE})")
        private int port;

        @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE}, loopback)")
        private String bind;

        @Option(names = "--token", description = "shared token clients must send in HELLO (default: none)")
        private String token;

        @Option(names = "--variation", defaultValue = "0.10", description = "device-to-device spread of log parameters (default ${DEFAULT-VALUE})")
        private double variation;

        @Option(names = "--read-noise", defaultValue = "0.01", description = "relative read noise of conductances; node voltages get this times --full-scale-volts (default ${DEFAULT-VALUE})")
        private double readNoise;

        @Option(names = "--full-scale-volts", defaultValue = "1", description = "voltage read noise is relative to (default ${DEFAULT-VALUE})")
        private double fullScaleVolts;

        @Option(names = "--levels", defaultValue = "64", description = "programmable levels per device, 0 for continuous (default ${DEFAULT-VALUE})")
        private int levels;

        @Option(names = "--up", defaultValue = "0.05", description = "nominal potentiation fraction per pulse (default ${DEFAULT-VALUE})")
        private double up;

        @Option(names = "--down", defaultValue = "0.08", description = "nominal depression fraction per pulse (default ${DEFAULT-VALUE})")
        private double down;

        @Option(names = "--programming-noise", defaultValue = "0.01", description = "relative noise of each pulse's step (default ${DEFAULT-VALUE})")
        private double programmingNoise;

        @Option(names = "--drift", defaultValue = "0", description = "relaxation rate toward gmin per second of device time (default ${DEFAULT-VALUE})")
        private double drift;

        @Option(names = "--settle-seconds", defaultValue = "1e-3", description = "device time per settle (default ${DEFAULT-VALUE})")
        private double settleSeconds;

        @Option(names = "--series-ohms", defaultValue = "1000", description = "nominal series resistance per device (default ${DEFAULT-VALUE})")
        private double seriesOhms;

        @Option(names = "--device-range", paramLabel = "GMIN:GMAX", description = "nominal device range in siemens (default: each device's netlist bounds)")
        private String deviceRange;

        @Option(names = "--seed", defaultValue = "1", description = "seed of device parameters and noise (default ${DEFAULT-VALUE})")
        private long seed;

        @Option(names = "--solver", defaultValue = "ngspice", description = "what solves the network: ngspice or ideal (default ${DEFAULT-VALUE})")
        private String solver;

        @Option(names = "--transient-step", paramLabel = "SECONDS", description = "enables WAIT: transient analysis with "
                + "this largest step (trapezoidal); default: DC only")
        private Double transientStepSeconds;

        @Option(names = "--idle-timeout", defaultValue = "600", description = "seconds before a silent connection is closed (default ${DEFAULT-VALUE})")
        private long idleSeconds;

        @Option(names = "--operation-timeout", defaultValue = "60", description = "seconds one hardware operation may take (default ${DEFAULT-VALUE})")
        private long operationSeconds;

        @Option(names = "--max-line-bytes", defaultValue = "" + HilProtocol.DEFAULT_MAX_LINE_BYTES, description = "longest request line (default ${DEFAULT-VALUE})")
        private int maxLineBytes;

        @Override
        public Integer call() throws IOException, InterruptedException {
            ParsedNetlist parsed = parse(netlist);
            Circuit circuit = parsed.circuit();
            if (circuit.trainables().isEmpty()) {
                throw new BadInputException(netlist + ": no trainable resistors (add '*@spicelearn trainable PATTERN gmin=.. gmax=..')");
            }
            if (!solver.equals("ngspice") && !solver.equals("ideal")) {
                throw new BadInputException("--solver must be ngspice or ideal, got '" + solver + "'");
            }
            DeviceNonIdealities devices;
            HilServer.Options options;
            InetAddress address;
            TransientSettings transientSettings;
            try {
                transientSettings = transientStepSeconds == null ? null
                        : new TransientSettings(IntegrationMethod.TRAPEZOIDAL, transientStepSeconds);
                devices = new DeviceNonIdealities(deviceRange == null ? null : range(deviceRange), up, down, levels,
                        variation, readNoise, fullScaleVolts, programmingNoise, drift, settleSeconds, seriesOhms, seed);
                address = InetAddress.getByName(bind);
                options = new HilServer.Options(address, port, token, maxLineBytes, Duration.ofSeconds(idleSeconds),
                        Duration.ofSeconds(operationSeconds));
            } catch (UnknownHostException e) {
                throw new BadInputException("--bind: unknown address '" + bind + "'", e);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            List<String> outputs = parsed.roles().outputs().stream().map(NetworkRoles.Output::node).toList();
            PrintWriter out = spec.commandLine().getOut();
            boolean ngspice = solver.equals("ngspice");
            HilServer started;
            try {
                started = new HilServer(() -> new ReferenceHardware(circuit, outputs, devices,
                        c -> ngspice ? new NgspiceSubstrate(c, transientSettings) : new IdealSubstrate(c, transientSettings)),
                        options);
            } catch (java.net.BindException e) {
                throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
            }
            HilServer server = started;
            try {
                out.printf(Locale.ROOT, "hil serve: %s (%d devices, %d nodes) on %s:%d, protocol %d, solver %s%n",
                        netlist, circuit.trainables().size(), circuit.nodeCount() - 1, server.address().getHostAddress(),
                        server.port(), HilProtocol.VERSION, solver);
                out.printf(Locale.ROOT, "devices: %s levels, up %.3g, down %.3g, variation %.3g, read noise %.3g, "
                        + "programming noise %.3g, drift %.3g /s, series %.4g ohm%s%n",
                        levels == 0 ? "continuous" : String.valueOf(levels), up, down, variation, readNoise,
                        programmingNoise, drift, seriesOhms, token == null ? "; no token" : "; token required");
                if (!address.isLoopbackAddress() && token == null) {
                    out.println("warning: listening beyond loopback without a token: anyone who can reach the port can "
                            + "drive the hardware");
                }
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    stop.countDown();
                }));
                stop.await();
            } finally {
                server.close();
            }
            return Main.EXIT_OK;
        }
    }
}
