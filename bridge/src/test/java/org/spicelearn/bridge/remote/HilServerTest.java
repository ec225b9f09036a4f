package org.spicelearn.bridge.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;

/** The reference server over loopback with the ideal physics underneath: protocol, validation, errors. */
@Timeout(60)
class HilServerTest {

    @Test
    void describeListsNodesDevicesInputsAndOutputs() throws IOException {
        try (HilServer server = HilTestSupport.idealServer(HilTestSupport.chain(), DeviceNonIdealities.ideal(), null);
             HilTestSupport.Raw c = new HilTestSupport.Raw(server)) {
            assertEquals("OK HELLO 1 spicelearn-reference", c.ask("HELLO 1"));
            assertEquals("OK DESCRIBE nodes=3 devices=2 inputs=1 outputs=1", c.ask("DESCRIBE"));
            assertEquals("NODE 1 in", c.next());
            assertEquals("NODE 2 mid", c.next());
            assertEquals("NODE 3 out", c.next());
            assertEquals("DEVICE 0 r1 in mid 1.0E-5 0.01", c.next());
            assertEquals("DEVICE 1 r2 mid out 1.0E-5 0.01", c.next());
            assertEquals("INPUT vin in 0 1.0", c.next());
            assertEquals("OUTPUT out", c.next());
            assertEquals("END", c.next());
        }
    }

    @Test
    void settleAndMeasureFollowTheDividerClosedForm() throws IOException {
        try (HilServer server = HilTestSupport.idealServer(HilTestSupport.chain(), DeviceNonIdealities.ideal(), null);
             HilTestSupport.Raw c = new HilTestSupport.Raw(server)) {
            c.ask("HELLO 1");
            assertEquals("ERR 409 nothing to measure: SETTLE or WAIT first", c.ask("MEASURE"));
            assertEquals("OK SET 1", c.ask("SET vin=2"));
            assertEquals("OK SETTLE", c.ask("SETTLE"));
            List<String> t = HilProtocol.tokens(c.ask("MEASURE"));
            assertEquals(7, t.size());
            assertEquals("t=0.0", t.get(2));
            assertTrue(t.get(3).startsWith("stamp_us="));
            // 1k + 1k + 2k from 2 V: mid 1.5 V, out 1 V
            assertEquals(1.5, Double.parseDouble(t.get(5)), 1e-12);
            assertEquals(1.0, Double.parseDouble(t.get(6)), 1e-12);
            assertEquals("OK BOUNDARY CLAMP", c.ask("BOUNDARY CLAMP out=0.5"));
            c.ask("SETTLE");
            t = HilProtocol.tokens(c.ask("MEASURE"));
            assertEquals(1.25, Double.parseDouble(t.get(5)), 1e-12);
            assertEquals("OK BOUNDARY NUDGE", c.ask("BOUNDARY NUDGE 1e-3 out=2"));
            c.ask("SETTLE");
            t = HilProtocol.tokens(c.ask("MEASURE"));
            // KCL at out with the nudge: (2 - V)/2k + 1e-3 (2 - V) = V/2k  ->  V = 1.5
            assertEquals(1.5, Double.parseDouble(t.get(6)), 1e-12);
            assertEquals("ERR 501 this server settles only (DC); WAIT needs --transient-step", c.ask("WAIT 1e-3"));
        }
    }

    @Test
    void waitAdvancesTheTransientStateAlongTheRcCurve() throws IOException {
        // vin (1 V) - r1 (trainable 1k) - out - c1 (1 uF) - ground: V(t) = 1 - exp(-t / 1 ms)
        org.spicelearn.circuit.Circuit.Builder b = org.spicelearn.circuit.Circuit.builder("rc");
        int in = b.node("in");
        int out = b.node("out");
        b.add(org.spicelearn.circuit.VoltageSource.dc("vin", in, 0, 0));
        b.add(org.spicelearn.circuit.Resistor.trainable("r1", in, out, 1000, HilTestSupport.BOUNDS));
        b.add(new org.spicelearn.circuit.Capacitor("c1", out, 0, 1e-6));
        org.spicelearn.circuit.Circuit rc = b.build();
        org.spicelearn.circuit.TransientSettings ts = new org.spicelearn.circuit.TransientSettings(
                org.spicelearn.circuit.IntegrationMethod.TRAPEZOIDAL, 1e-6);
        HilServer.Options o = HilServer.Options.loopback(0);
        try (HilServer server = new HilServer(() -> new ReferenceHardware(rc, List.of("out"), DeviceNonIdealities.ideal(),
                c -> new org.spicelearn.circuit.ideal.IdealSubstrate(c, ts)), o);
             HilTestSupport.Raw c = new HilTestSupport.Raw(server)) {
            c.ask("HELLO 1");
            c.ask("SETTLE");
            assertEquals("OK SET 1", c.ask("SET vin=1"));
            assertEquals("OK WAIT t=0.001", c.ask("WAIT 1e-3"));
            List<String> t = HilProtocol.tokens(c.ask("MEASURE"));
            assertEquals("t=0.001", t.get(2));
            // trapezoidal with 1000 steps per tau: error far below 1e-6 V
            assertEquals(1 - Math.exp(-1), Double.parseDouble(t.get(5)), 1e-6);
        }
    }

    @Test
    void everyBadRequestGetsItsCode() throws IOException {
        try (HilServer server = HilTestSupport.idealServer(HilTestSupport.chain(), DeviceNonIdealities.ideal(), "s3cret");
             HilTestSupport.Raw c = new HilTestSupport.Raw(server)) {
            assertTrue(c.ask("DESCRIBE").startsWith("ERR 401 "));
            assertTrue(c.ask("HELLO 1").startsWith("ERR 401 "));
            assertTrue(c.ask("HELLO 1 wrong").startsWith("ERR 401 "));
            assertTrue(c.ask("HELLO 2 s3cret").startsWith("ERR 505 "));
            assertEquals("OK HELLO 1 spicelearn-reference", c.ask("HELLO 1 s3cret"));
            assertTrue(c.ask("FROB").startsWith("ERR 400 "));
            assertTrue(c.ask("SET vx=1").startsWith("ERR 404 "));
            assertTrue(c.ask("SET vin=NaN").startsWith("ERR 422 "));
            assertTrue(c.ask("SET vin=Infinity").startsWith("ERR 422 "));
            assertTrue(c.ask("SET vin=0x1p3").startsWith("ERR 422 "));
            assertTrue(c.ask("SET vin=1e400").startsWith("ERR 422 "));
            assertTrue(c.ask("SET vin=101").startsWith("ERR 422 "));
            assertTrue(c.ask("SET vin").startsWith("ERR 400 "));
            assertTrue(c.ask("BOUNDARY NUDGE 0 out=1").startsWith("ERR 422 "));
            assertTrue(c.ask("BOUNDARY NUDGE 2 out=1").startsWith("ERR 422 "));
            assertTrue(c.ask("BOUNDARY CLAMP nowhere=1").startsWith("ERR 404 "));
            assertTrue(c.ask("BOUNDARY SIDEWAYS").startsWith("ERR 400 "));
            assertTrue(c.ask("PULSE r1=3").startsWith("ERR 400 "));
            assertTrue(c.ask("PULSE id=1 r9=3").startsWith("ERR 404 "));
            assertTrue(c.ask("PULSE id=1 r1=1.5").startsWith("ERR 422 "));
            assertTrue(c.ask("PULSE id=1 r1=10001").startsWith("ERR 422 "));
            assertTrue(c.ask("WRITE id=2 r1=1").startsWith("ERR 422 "));
            assertTrue(c.ask("READ r7").startsWith("ERR 404 "));
            assertTrue(c.ask("WAIT -1").startsWith("ERR 422 "));
            assertTrue(c.ask("x".repeat(5000)).startsWith("ERR 413 "));
            // the stream stays in step after an over-long line
            assertEquals("OK PING", c.ask("PING"));
            assertEquals("OK BYE", c.ask("BYE"));
            assertNull(c.next());
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws IOException {
        try (HilServer server = HilTestSupport.idealServer(HilTestSupport.chain(), DeviceNonIdealities.ideal(), null)) {
            List<HilTestSupport.Raw> open = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < HilServer.MAX_CONNECTIONS; i++) {
                    HilTestSupport.Raw r = new HilTestSupport.Raw(server);
                    open.add(r);
                    // connected but not yet authenticated (a HELLO would take over and close the others)
                    assertEquals("ERR 401 say HELLO first", r.ask("PING"));
                }
                try (HilTestSupport.Raw extra = new HilTestSupport.Raw(server)) {
                    assertEquals("ERR 409 too many connections (at most 8)", extra.next());
                    assertNull(extra.next());
                }
            } finally {
                for (HilTestSupport.Raw r : open) {
                    r.close();
                }
            }
        }
    }

    @Test
    void aSecondHelloTakesOverAndTheFirstConnectionIsClosed() throws IOException {
        try (HilServer server = HilTestSupport.idealServer(HilTestSupport.chain(), DeviceNonIdealities.ideal(), null);
             HilTestSupport.Raw a = new HilTestSupport.Raw(server);
             HilTestSupport.Raw b = new HilTestSupport.Raw(server)) {
            a.ask("HELLO 1");
            assertEquals("OK SET 1", a.ask("SET vin=0.25"));
            b.ask("HELLO 1");
            assertThrows(IOException.class, () -> {
                String r = a.ask("PING");
                if (r == null) {
                    throw new IOException("closed");
                }
            });
            // hardware state survives the change of owner
            b.ask("SETTLE");
            List<String> t = HilProtocol.tokens(b.ask("MEASURE"));
            assertEquals(0.25, Double.parseDouble(t.get(4)), 1e-15);
        }
    }

    @Test
    void remoteSubstrateMatchesTheIdealPhysicsWithIdealDevices() throws IOException {
        Circuit chain = HilTestSupport.chain();
        try (HilServer server = HilTestSupport.idealServer(chain, DeviceNonIdealities.ideal(), null);
             RemoteSubstrate s = new RemoteSubstrate(chain, HilTestSupport.client(server))) {
            assertEquals(1e-3, s.conductances().siemens(0), 1e-9);
            s.setBoundary(new BoundaryConditions(Map.of("vin", 2.0), OutputBoundary.FREE));
            NodeVoltages v = s.settle();
            assertEquals(1.0, v.volts(chain.nodeIndex("out")), 1e-6);
            // program-and-verify r2 to 2e-3 S (500 ohm): out = 2 V * 2k / 3.5k
            s.setConductances(Conductances.of(1e-3, 2e-3));
            assertEquals(2e-3, s.conductances().siemens(1), 2e-3 * 1e-9);
            v = s.settle();
            double r = 1000 + 500 + 2000;
            assertEquals(2 * 2000 / r, v.volts(chain.nodeIndex("out")), 1e-8);
        }
    }
}
