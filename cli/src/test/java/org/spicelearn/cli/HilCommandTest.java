package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.bridge.remote.DeviceNonIdealities;
import org.spicelearn.bridge.remote.HilServer;
import org.spicelearn.bridge.remote.PulseResponse;
import org.spicelearn.bridge.remote.PulseResponseFile;
import org.spicelearn.bridge.remote.ReferenceHardware;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.netlist.NetlistParser;
import picocli.CommandLine;

/** {@code hil} and {@code calibrate} through the command line, against a loopback server on the ideal physics. */
@Timeout(120)
class HilCommandTest {
    private static final String CHAIN = String.join("\n",
            "chain",
            "*@spicelearn trainable r1 gmin=2e-5 gmax=2e-3",
            "*@spicelearn trainable r2 gmin=2e-5 gmax=2e-3",
            "vin in 0 dc 1",
            "r1 in mid 1000",
            "r2 mid out 1000",
            "r3 out 0 2000",
            ".end", "");

    private static int run(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void badServeOptionsAreBadInput(@TempDir Path dir) throws IOException {
        Path net = Files.writeString(dir.resolve("chain.cir"), CHAIN);
        StringWriter out = new StringWriter();
        assertEquals(2, run(out, "hil", "serve", net.toString(), "--levels", "1"));
        assertEquals(2, run(out, "hil", "serve", net.toString(), "--device-range", "1e-3:1e-6"));
        assertEquals(2, run(out, "hil", "serve", net.toString(), "--solver", "spice3"));
        assertEquals(2, run(out, "hil", "serve", dir.resolve("missing.cir").toString()));
        assertEquals(2, run(out, "calibrate", "devices", net.toString(), "--server", "nohost", "--out", "x.csv"));
        Path spec = Path.of("..", "netlists", "library", "iris-4-10-3.spec.xml");
        assertEquals(2, run(out, "train", spec.toString(), "--substrate", "remote:nohost", "--out",
                dir.resolve("run").toString(), "--quiet"));
        assertTrue(out.toString().contains("--substrate: expected HOST:PORT, got 'nohost'"), out.toString());
        assertTrue(out.toString().contains("levels must be 0 (continuous) or in 2..2^24"), out.toString());
        assertTrue(out.toString().contains("--server: expected HOST:PORT, got 'nohost'"), out.toString());
    }

    @Test
    void calibrateDevicesAndTwinAgainstALoopbackServer(@TempDir Path dir) throws Exception {
        Path net = Files.writeString(dir.resolve("chain.cir"), CHAIN);
        var circuit = NetlistParser.parse(net).circuit();
        DeviceNonIdealities d = new DeviceNonIdealities(new ConductanceBounds(2e-5, 2e-3), 0.05, 0.08, 64, 0.1, 0.01, 1,
                0.01, 0, 1e-3, 0, 4);
        try (HilServer server = new HilServer(() -> new ReferenceHardware(circuit, List.of("out"), d, IdealSubstrate::new),
                HilServer.Options.loopback(0).withToken("t0k"))) {
            String address = "127.0.0.1:" + server.port();
            StringWriter out = new StringWriter();
            Path file = dir.resolve("devices.csv");
            assertEquals(0, run(out, "calibrate", "devices", net.toString(), "--server", address, "--token", "t0k",
                    "--out", file.toString()), out.toString());
            Map<String, PulseResponse> fitted = PulseResponseFile.read(file);
            assertEquals(List.of("r1", "r2"), List.copyOf(fitted.keySet()));
            PulseResponse truth = server.onHardware(() -> server.hardware().devices().response(0));
            assertEquals(truth.downFraction(), fitted.get("r1").downFraction(), 0.05 * truth.downFraction());
            assertEquals(truth.gMaxSiemens(), fitted.get("r1").gMaxSiemens(), 0.05 * truth.gMaxSiemens());
            Path twin = dir.resolve("twin.cir");
            assertEquals(0, run(out, "calibrate", "twin", net.toString(), "--server", address, "--token", "t0k",
                    "--out", twin.toString(), "--patterns", "40"), out.toString());
            assertTrue(out.toString().contains("measurement noise"), out.toString());
            assertEquals(2, NetlistParser.parse(twin).circuit().trainables().size());
            assertEquals(2, run(out, "calibrate", "twin", net.toString(), "--server", address, "--token", "wrong",
                    "--out", twin.toString()));
            assertTrue(out.toString().contains("401 wrong or missing token"), out.toString());
        }
    }
}
