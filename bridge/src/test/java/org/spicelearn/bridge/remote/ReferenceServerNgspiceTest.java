package org.spicelearn.bridge.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spicelearn.bridge.NgspiceLibraryLocator;
import org.spicelearn.bridge.NgspiceSubstrate;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.OutputBoundary;

/** The reference server backed by ngspice: measurements follow the closed form, series resistance included. */
@Tag("ngspice")
@Timeout(60)
class ReferenceServerNgspiceTest {
    @BeforeAll
    static void needsNgspice() {
        if (!NgspiceLibraryLocator.available()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail("CI=true and libngspice is missing");
            }
            org.junit.jupiter.api.Assumptions.abort("libngspice is missing");
        }
    }

    @Test
    void ngspiceBehindTheProtocolSeesDevicesInSeriesWithTheirResistance() throws IOException {
        Circuit chain = HilTestSupport.chain();
        // continuous, noise-free devices with 250 ohm in series each
        DeviceNonIdealities d = new DeviceNonIdealities(null, 0.05, 0.08, 0, 0, 0, 1, 0, 0, 1e-3, 250, 1);
        HilServer.Options o = new HilServer.Options(InetAddress.getLoopbackAddress(), 0, null, 4096,
                Duration.ofSeconds(20), Duration.ofSeconds(20));
        try (HilServer server = new HilServer(() -> new ReferenceHardware(chain, List.of("out"), d, NgspiceSubstrate::new), o);
             RemoteSubstrate s = new RemoteSubstrate(chain, HilTestSupport.client(server))) {
            s.setBoundary(new BoundaryConditions(Map.of("vin", 3.5), OutputBoundary.FREE));
            // 1.25k + 1.25k + 2k from 3.5 V: out = 3.5 * 2 / 4.5
            assertEquals(3.5 * 2000 / 4500, s.settle().volts(chain.nodeIndex("out")), 1e-9);
            s.setConductances(Conductances.of(1e-3, 2e-3));
            // 1.25k + 0.75k + 2k: out = 3.5 * 2 / 4 ; nudged toward 0 V with 1e-3 S
            assertEquals(3.5 * 2000 / 4000, s.settle().volts(chain.nodeIndex("out")), 1e-8);
            s.setBoundary(new BoundaryConditions(Map.of("vin", 3.5),
                    new OutputBoundary.Nudge(1e-3, new int[] {chain.nodeIndex("out")}, new double[] {0})));
            // KCL at out: (3.5 - V)/2000 = V/2000 + 1e-3 V  ->  V = 3.5 / 4
            assertEquals(3.5 / 4, s.settle().volts(chain.nodeIndex("out")), 1e-8);
        }
    }
}
