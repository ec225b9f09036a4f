package org.spicelearn.bridge.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spicelearn.circuit.ConductanceBounds;

/** The pulse response's closed forms, its file, the protocol's number rules and the simulated devices. */
class PulseResponseTest {
    private static final PulseResponse R = new PulseResponse(1e-6, 1e-4, 0.05, 0.08);

    @Test
    void pulsesFollowTheGeometricApproachToEachBound() {
        double g = 3e-5;
        assertEquals(1e-4 - 7e-5 * Math.pow(0.95, 10), R.after(g, 10), 1e-18);
        assertEquals(1e-6 + 2.9e-5 * Math.pow(0.92, 7), R.after(g, -7), 1e-18);
        assertEquals(g, R.after(g, 0), 0);
    }

    @Test
    void pulsesForInvertsAfter() {
        double g = 3e-5;
        for (int n : new int[] {1, 5, 17, -1, -4, -20}) {
            assertEquals(n, R.pulsesFor(g, R.after(g, n) - g, 1000), 1e-9);
        }
        assertEquals(0.5, R.pulsesFor(g, R.after(g, 1) - g, 1000) / 2, 1e-9);
        // a target at or beyond a bound asks for the maximum
        assertEquals(50, R.pulsesFor(g, 1.0, 50));
        assertEquals(-50, R.pulsesFor(g, -1.0, 50));
        assertEquals(0, R.pulsesFor(g, 0, 50));
    }

    @Test
    void invalidResponsesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PulseResponse(0, 1e-4, 0.05, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new PulseResponse(1e-4, 1e-5, 0.05, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new PulseResponse(1e-6, 1e-4, 1.0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new PulseResponse(1e-6, 1e-4, 0.05, Double.NaN));
    }

    @Test
    void theFileRoundTripsAndReportsBadLines(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("devices.csv");
        PulseResponseFile.write(f, List.of(new PulseResponseFile.Entry("r1", R, 1e-7, 300),
                new PulseResponseFile.Entry("r2", new PulseResponse(2e-6, 9e-5, 0.04, 0.1), 2e-7, 300)), "fitted\nby a test");
        Map<String, PulseResponse> back = PulseResponseFile.read(f);
        assertEquals(List.of("r1", "r2"), List.copyOf(back.keySet()));
        assertEquals(R, back.get("r1"));
        Files.writeString(f, PulseResponseFile.HEADER + "\nr1,1e-6,1e-4,0.05\nr2,1e-6,1e-4,1.5,0.05\nr3,x,1e-4,0.05,0.05\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PulseResponseFile.read(f));
        assertTrue(e.getMessage().contains("devices.csv:2: expected 5 or 7"), e.getMessage());
        assertTrue(e.getMessage().contains("devices.csv:3: pulse fractions"), e.getMessage());
        assertTrue(e.getMessage().contains("devices.csv:4: 'x' is not a number"), e.getMessage());
    }

    @Test
    void numbersAreFinitePlainDecimalsOnly() {
        assertEquals(-1.5e-3, HilProtocol.number("-1.5e-3", "x"));
        assertEquals(0.5, HilProtocol.number(".5", "x"));
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1e400", "0x10", "1,5", "", "1e", "--1", "1d"}) {
            assertThrows(HilException.class, () -> HilProtocol.number(bad, "x"), bad);
        }
        assertThrows(HilException.class, () -> HilProtocol.number("2", "x", 0, 1));
        assertThrows(HilException.class, () -> HilProtocol.integer("1.0", "n", 0, 9));
        assertThrows(HilException.class, () -> HilProtocol.keyValue("=3"));
        assertThrows(HilException.class, () -> HilProtocol.keyValue("a="));
    }

    @Test
    void theLineReaderSkipsOverlongLinesAndStaysInStep() throws IOException {
        byte[] bytes = ("short\r\n" + "y".repeat(300) + "\nnext\nlast").getBytes(StandardCharsets.UTF_8);
        HilProtocol.LineReader r = new HilProtocol.LineReader(new ByteArrayInputStream(bytes), 256);
        assertEquals("short", r.readLine());
        assertThrows(HilProtocol.LineTooLongException.class, r::readLine);
        assertEquals("next", r.readLine());
        assertEquals("last", r.readLine());
        assertEquals(null, r.readLine());
    }

    @Test
    void driftRelaxesTowardGminExponentiallyAndSeriesResistanceAddsInSeries() {
        DeviceNonIdealities s = new DeviceNonIdealities(new ConductanceBounds(1e-6, 1e-4), 0.05, 0.08, 0, 0, 0, 1, 0,
                2.0, 1e-3, 500, 11);
        SimulatedDevices d = new SimulatedDevices(s, List.of(new ConductanceBounds(1e-6, 1e-4)), new double[] {5e-5});
        assertEquals(5e-5, d.siemens(0), 1e-18);
        assertEquals(1 / (1 / 5e-5 + 500), d.effectiveSiemens(0), 1e-15);
        d.drift(0.25);
        // g = gmin + (g0 - gmin) exp(-2 * 0.25)
        assertEquals(1e-6 + 4.9e-5 * Math.exp(-0.5), d.siemens(0), 1e-15);
    }

    @Test
    void simulatedDevicesSitOnLevelsAndFollowTheResponseOnAverage() {
        DeviceNonIdealities s = new DeviceNonIdealities(new ConductanceBounds(1e-6, 1e-4), 0.05, 0.08, 64, 0, 0, 1, 0, 0,
                1e-3, 0, 11);
        int n = 2000;
        List<ConductanceBounds> b = java.util.Collections.nCopies(n, new ConductanceBounds(1e-6, 1e-4));
        double[] init = new double[n];
        java.util.Arrays.fill(init, 3e-5);
        SimulatedDevices d = new SimulatedDevices(s, b, init);
        double spacing = (1e-4 - 1e-6) / 63;
        double start = d.siemens(0);
        assertEquals(Math.round((3e-5 - 1e-6) / spacing), (start - 1e-6) / spacing, 1e-9, "on the nearest level");
        double mean = 0;
        for (int e = 0; e < n; e++) {
            d.pulse(e, 3);
            double level = (d.siemens(e) - 1e-6) / spacing;
            assertEquals(Math.rint(level), level, 1e-9);
            mean += d.siemens(e) / n;
        }
        // E[g after 3 pulses] = R.after(start, 3) exactly (stochastic rounding is unbiased); 2000 draws, sd < 0.03 level
        assertEquals(new PulseResponse(1e-6, 1e-4, 0.05, 0.08).after(start, 3), mean, 0.1 * spacing);
    }
}
