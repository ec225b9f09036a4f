package org.spicelearn.bridge.remote;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.ideal.IdealSubstrate;

/** Small networks, servers on 127.0.0.1 and a raw line client for the remote tests. */
final class HilTestSupport {
    static final ConductanceBounds BOUNDS = new ConductanceBounds(1e-5, 1e-2);

    private HilTestSupport() {
    }

    /** vin - r1 (trainable) - mid - r2 (trainable) - out - r3 (fixed 2k) - ground; outputs: out. */
    static Circuit chain() {
        Circuit.Builder b = Circuit.builder("chain");
        int in = b.node("in");
        int mid = b.node("mid");
        int out = b.node("out");
        b.add(VoltageSource.dc("vin", in, Circuit.GROUND, 1));
        b.add(Resistor.trainable("r1", in, mid, 1000, BOUNDS));
        b.add(Resistor.trainable("r2", mid, out, 1000, BOUNDS));
        b.add(Resistor.fixed("r3", out, Circuit.GROUND, 2000));
        return b.build();
    }

    /** A loopback server with the ideal physics underneath. */
    static HilServer idealServer(Circuit c, DeviceNonIdealities settings, String token) throws IOException {
        HilServer.Options o = new HilServer.Options(InetAddress.getLoopbackAddress(), 0, token, 4096,
                Duration.ofSeconds(20), Duration.ofSeconds(10));
        return new HilServer(() -> new ReferenceHardware(c, List.of("out"), settings, IdealSubstrate::new), o);
    }

    /** Client options for a test server: short timeouts, a 5 s reconnect budget. */
    static RemoteOptions client(HilServer server) {
        return RemoteOptions.of("127.0.0.1", server.port()).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** A raw line connection. */
    static final class Raw implements AutoCloseable {
        private final Socket socket;
        private final HilProtocol.LineReader in;
        private final OutputStream out;

        Raw(HilServer server) throws IOException {
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(10_000);
            in = new HilProtocol.LineReader(new BufferedInputStream(socket.getInputStream()), 1 << 20);
            out = socket.getOutputStream();
        }

        String ask(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        String next() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
