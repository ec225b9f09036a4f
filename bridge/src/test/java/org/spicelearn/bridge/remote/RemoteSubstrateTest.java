package org.spicelearn.bridge.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;

/** RemoteSubstrate against the reference server on loopback: pulses, reconnection, refusals. */
@Timeout(60)
class RemoteSubstrateTest {

    private static DeviceNonIdealities quantised(int levels, double readNoise) {
        return new DeviceNonIdealities(null, 0.05, 0.08, levels, 0, readNoise, 1, 0, 0, 1e-3, 0, 7);
    }

    /** The calibrated responses equal to the true ones (no variation): the pulse model the client uses. */
    private static Programming.Pulses exactPulses(HilServer server) {
        List<PulseResponse> r = server.onHardware(() -> {
            List<PulseResponse> out = new ArrayList<>();
            for (int e = 0; e < server.hardware().devices().size(); e++) {
                out.add(server.hardware().devices().response(e));
            }
            return out;
        });
        return new Programming.Pulses(r, 50, 3);
    }

    @Test
    void pulsesWithStochasticRoundingApplyTheRequestedChangeOnAverage() throws IOException {
        Circuit chain = HilTestSupport.chain();
        try (HilServer server = HilTestSupport.idealServer(chain, quantised(0, 0), null)) {
            RemoteOptions o = HilTestSupport.client(server);
            try (RemoteSubstrate s = new RemoteSubstrate(chain, o.withProgramming(exactPulses(server)))) {
                double g0 = s.conductances().siemens(0);
                // one full pulse up from g0 on a continuous device: exactly 0.05 (gmax - g0)
                PulseResponse r = server.onHardware(() -> server.hardware().devices().response(0));
                double full = r.after(g0, 1) - g0;
                Conductances applied = s.adjust(Conductances.of(full, 0));
                assertEquals(full, applied.siemens(0), full * 1e-9);
                // a request of 0.3 pulses: 1 pulse with probability 0.3, else none; mean over 400 draws
                double sum = 0;
                for (int k = 0; k < 400; k++) {
                    double g = s.conductances().siemens(1);
                    double want = 0.3 * (r.after(g, 1) - g);
                    double got = s.adjust(Conductances.of(0, want)).siemens(1);
                    sum += got / want;
                    s.setConductances(Conductances.of(s.conductances().siemens(0), 1e-3));
                }
                // Bernoulli(0.3) mean over 400 draws: sd 0.023
                assertEquals(1.0, sum / 400, 0.1);
            }
        }
    }

    @Test
    void accumulatedPulsesFireWholePulsesOnceTheRunningRequestReachesOne() throws IOException {
        Circuit chain = HilTestSupport.chain();
        try (HilServer server = HilTestSupport.idealServer(chain, quantised(0, 0), null)) {
            Programming.Pulses exact = exactPulses(server);
            Programming.Pulses accumulated = new Programming.Pulses(exact.responses(), 50, Programming.Rounding.ACCUMULATED, 0);
            try (RemoteSubstrate s = new RemoteSubstrate(chain, HilTestSupport.client(server).withProgramming(accumulated))) {
                PulseResponse r = exact.responses().get(0);
                double g0 = s.conductances().siemens(0);
                double requested = 0;
                int fired = 0;
                for (int k = 0; k < 10; k++) {
                    double g = s.conductances().siemens(0);
                    double want = 0.3 * (r.after(g, 1) - g);
                    requested += want;
                    if (s.adjust(Conductances.of(want, 0)).siemens(0) != 0) {
                        fired++;
                    }
                }
                // 10 x 0.3 pulses: exactly 3 pulses fire (at the 2nd, 5th and 8th request), deterministically
                assertEquals(3, fired);
                double moved = s.conductances().siemens(0) - g0;
                double onePulse = r.after(g0, 1) - g0;
                assertEquals(requested, moved, 0.5 * onePulse);
            }
        }
    }

    @Test
    void aDroppedConnectionPausesAndTheRunContinuesWithTheSameResult() throws IOException {
        Circuit chain = HilTestSupport.chain();
        double[] uninterrupted = run(chain, false);
        double[] interrupted = run(chain, true);
        assertArrayEquals(uninterrupted, interrupted, 0.0);
    }

    /** Twenty settle-and-pulse steps on a fresh quantised server; optionally cut the connection every 5 steps. */
    private static double[] run(Circuit chain, boolean drop) throws IOException {
        List<String> events = new ArrayList<>();
        try (HilServer server = HilTestSupport.idealServer(chain, quantised(64, 0), null)) {
            RemoteOptions o = HilTestSupport.client(server).withEvents(events::add);
            try (RemoteSubstrate s = new RemoteSubstrate(chain, o.withProgramming(exactPulses(server)))) {
                double[] trace = new double[40];
                for (int step = 0; step < 20; step++) {
                    s.setBoundary(new BoundaryConditions(Map.of("vin", 0.1 * step), OutputBoundary.FREE));
                    if (drop && step % 5 == 4) {
                        server.dropConnections();
                    }
                    trace[2 * step] = s.settle().volts(chain.nodeIndex("out"));
                    if (drop && step % 5 == 2) {
                        server.dropConnections();
                    }
                    s.adjust(Conductances.of(step % 2 == 0 ? 2e-4 : -1e-4, 1e-4));
                    trace[2 * step + 1] = s.conductances().siemens(0);
                }
                assertEquals(drop ? 8 : 0, s.reconnects());
                assertEquals(drop ? 16 : 0, events.size());
                return trace;
            }
        }
    }

    @Test
    void aServerThatStaysAwayEndsTheRunWithRemoteUnavailable() throws IOException {
        Circuit chain = HilTestSupport.chain();
        HilServer server = HilTestSupport.idealServer(chain, quantised(0, 0), null);
        RemoteOptions o = HilTestSupport.client(server).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400));
        try (RemoteSubstrate s = new RemoteSubstrate(chain, o)) {
            s.settle();
            server.close();
            long t0 = System.nanoTime();
            assertThrows(RemoteUnavailableException.class, s::settle);
            assertTrue((System.nanoTime() - t0) * 1e-9 < 5, "the reconnection budget bounds the wait");
        }
    }

    @Test
    void nobodyListeningIsRemoteUnavailable() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RemoteOptions o = RemoteOptions.of("127.0.0.1", port).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
        assertThrows(RemoteUnavailableException.class, () -> new RemoteSubstrate(HilTestSupport.chain(), o));
    }

    @Test
    void aWrongTokenOrAnotherNetworkIsRefused() throws IOException {
        Circuit chain = HilTestSupport.chain();
        try (HilServer server = HilTestSupport.idealServer(chain, quantised(0, 0), "tok")) {
            HilException e = assertThrows(HilException.class,
                    () -> new RemoteSubstrate(chain, HilTestSupport.client(server).withToken("bad")));
            assertEquals(HilErrorCode.UNAUTHORIZED, e.code());
            Circuit other = chain.withElement(Resistor.trainable("r2", chain.nodeIndex("in"), chain.nodeIndex("out"), 1000,
                    new ConductanceBounds(1e-5, 1e-2)));
            e = assertThrows(HilException.class,
                    () -> new RemoteSubstrate(other, HilTestSupport.client(server).withToken("tok")));
            assertEquals(HilErrorCode.CONFLICT, e.code());
            assertTrue(e.getMessage().contains("device 1: model r2 in out, server r2 mid out"), e.getMessage());
        }
    }

    @Test
    void theSubstrateOptionOpensWithOrWithoutADeviceModelFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        Circuit chain = HilTestSupport.chain();
        try (HilServer server = HilTestSupport.idealServer(chain, quantised(0, 0), null)) {
            String option = "remote:127.0.0.1:" + server.port();
            try (RemoteSubstrate s = RemoteSubstrate.open(option, chain, null, null, line -> { })) {
                assertEquals(2, s.conductances().size());
            }
            java.nio.file.Path file = dir.resolve("devices.csv");
            PulseResponse r = new PulseResponse(1e-5, 1e-2, 0.05, 0.08);
            PulseResponseFile.write(file, List.of(new PulseResponseFile.Entry("r1", r, 0, 0)), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RemoteSubstrate.open(option, chain, null, file, line -> { }));
            assertTrue(e.getMessage().contains("no calibration for device r2"), e.getMessage());
            PulseResponseFile.write(file, List.of(new PulseResponseFile.Entry("r1", r, 0, 0),
                    new PulseResponseFile.Entry("r2", r, 0, 0)), null);
            try (RemoteSubstrate s = RemoteSubstrate.open(option, chain, null, file, line -> { })) {
                double g = s.conductances().siemens(0);
                // exactly one full pulse requested: the continuous device moves by up (gmax - g)
                Conductances applied = s.adjust(Conductances.of(r.after(g, 1) - g, 0));
                assertEquals(r.after(g, 1) - g, applied.siemens(0), 1e-12);
            }
            assertThrows(IllegalArgumentException.class, () -> RemoteSubstrate.open("tcp:" + server.port(), chain, null,
                    null, line -> { }));
        }
    }

    @Test
    void aRefusedBoundaryFailsItsSettleOnlyAndTheNextBoundaryWorks() throws IOException {
        Circuit chain = HilTestSupport.chain();
        try (HilServer server = HilTestSupport.idealServer(chain, quantised(0, 0), null);
             RemoteSubstrate s = new RemoteSubstrate(chain, HilTestSupport.client(server))) {
            s.setBoundary(new BoundaryConditions(Map.of("vin", 250.0), OutputBoundary.FREE));
            HilException e = assertThrows(HilException.class, s::settle);
            assertEquals(HilErrorCode.OUT_OF_RANGE, e.code());
            assertTrue(e.getMessage().contains("volts of vin 250.0 is outside [-100.0, 100.0]"), e.getMessage());
            s.setBoundary(new BoundaryConditions(Map.of("vin", 2.0), OutputBoundary.FREE));
            assertEquals(1.0, s.settle().volts(chain.nodeIndex("out")), 1e-9);
            assertThrows(IllegalArgumentException.class,
                    () -> s.setBoundary(new BoundaryConditions(Map.of("vin", Double.NaN), OutputBoundary.FREE)));
        }
    }

    @Test
    void optionsParseHostAndPort() {
        assertEquals(7878, RemoteOptions.parse("localhost:7878").port());
        assertEquals("::1", RemoteOptions.parse("[::1]:99").host());
        assertThrows(IllegalArgumentException.class, () -> RemoteOptions.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> RemoteOptions.parse("h:x"));
        assertThrows(IllegalArgumentException.class, () -> RemoteOptions.parse("h:70000"));
    }
}
