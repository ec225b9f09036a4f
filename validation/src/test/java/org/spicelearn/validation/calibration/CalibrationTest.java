package org.spicelearn.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spicelearn.bridge.remote.DeviceNonIdealities;
import org.spicelearn.bridge.remote.HilServer;
import org.spicelearn.bridge.remote.PulseResponse;
import org.spicelearn.bridge.remote.PulseResponseFile;
import org.spicelearn.bridge.remote.ReferenceHardware;
import org.spicelearn.bridge.remote.RemoteOptions;
import org.spicelearn.bridge.remote.RemoteSubstrate;
import org.spicelearn.bridge.remote.SimulatedDevices;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.ideal.IdealSubstrate;

/** Device and twin calibration against simulated hardware (ideal physics underneath, loopback only). */
@Timeout(120)
class CalibrationTest {
    private static final ConductanceBounds RANGE = new ConductanceBounds(2e-6, 2.5e-4);

    /** vin - r1 (trainable) - mid - r2 (trainable) - out - r3 (fixed 2k) - ground. */
    static Circuit chain(double r1Ohms, double r2Ohms) {
        Circuit.Builder b = Circuit.builder("chain");
        int in = b.node("in");
        int mid = b.node("mid");
        int out = b.node("out");
        ConductanceBounds bounds = new ConductanceBounds(1e-5, 1e-2);
        b.add(VoltageSource.dc("vin", in, Circuit.GROUND, 1));
        b.add(Resistor.trainable("r1", in, mid, r1Ohms, bounds));
        b.add(Resistor.trainable("r2", mid, out, r2Ohms, bounds));
        b.add(Resistor.fixed("r3", out, Circuit.GROUND, 2000));
        return b.build();
    }

    static HilServer server(Circuit c, DeviceNonIdealities d) throws IOException {
        return new HilServer(() -> new ReferenceHardware(c, List.of("out"), d, IdealSubstrate::new),
                new HilServer.Options(InetAddress.getLoopbackAddress(), 0, null, 1 << 16, Duration.ofSeconds(30),
                        Duration.ofSeconds(30)));
    }

    static RemoteOptions client(HilServer s) {
        return RemoteOptions.of("127.0.0.1", s.port()).withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(5));
    }

    @Test
    void noiseFreeContinuousDevicesAreRecoveredExactly() {
        DeviceNonIdealities d = new DeviceNonIdealities(RANGE, 0.05, 0.08, 0, 0.10, 0, 1, 0, 0, 1e-3, 0, 3);
        SimulatedDevices devices = new SimulatedDevices(d, Collections.nCopies(5, RANGE), filled(5, 3e-5));
        DeviceCalibration.PulseSweep sweep = new DeviceCalibration.PulseSweep(400, 2);
        for (int e = 0; e < devices.size(); e++) {
            PulseResponse fit = DeviceCalibration.fit(sweep.directions(), sweepReads(devices, e, sweep), RANGE).response();
            PulseResponse truth = devices.response(e);
            // 400 pulses leave (1 - 0.05 e^0.3)^400 < 1e-8 of the range: the plateaus are the bounds
            assertEquals(truth.gMinSiemens(), fit.gMinSiemens(), 1e-8 * truth.gMinSiemens());
            assertEquals(truth.gMaxSiemens(), fit.gMaxSiemens(), 1e-6 * truth.gMaxSiemens());
            assertEquals(truth.upFraction(), fit.upFraction(), 1e-6 * truth.upFraction());
            assertEquals(truth.downFraction(), fit.downFraction(), 1e-6 * truth.downFraction());
        }
    }

    @Test
    void acceptanceDevicesAreRecoveredWithinFivePercent() {
        // 10% variation, 1% read noise, 64 levels, up 0.05 / down 0.08, 1% programming noise
        DeviceNonIdealities d = DeviceNonIdealities.acceptance(RANGE, 5);
        int n = 40;
        SimulatedDevices devices = new SimulatedDevices(d, Collections.nCopies(n, RANGE), filled(n, 3e-5));
        DeviceCalibration.PulseSweep sweep = new DeviceCalibration.PulseSweep(180, 12);
        double worst = 0;
        for (int e = 0; e < n; e++) {
            PulseResponse fit = DeviceCalibration.fit(sweep.directions(), sweepReads(devices, e, sweep), RANGE).response();
            for (double err : HilAcceptance.relativeErrors(fit, devices.response(e))) {
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst < 0.05, "worst relative parameter error " + worst);
        assertTrue(worst > 1e-4, "a noisy fit that is exact would mean the noise is not simulated");
    }

    private static double[] sweepReads(SimulatedDevices devices, int e, DeviceCalibration.PulseSweep sweep) {
        int[] dir = sweep.directions();
        double[] reads = new double[dir.length + 1];
        reads[0] = devices.read(e);
        for (int k = 0; k < dir.length; k++) {
            devices.pulse(e, dir[k]);
            reads[k + 1] = devices.read(e);
        }
        return reads;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void deviceCalibrationOverTheProtocolWritesAFileAndRestoresTheDevices() throws IOException {
        Circuit c = chain(20_000, 50_000);
        DeviceNonIdealities d = new DeviceNonIdealities(RANGE, 0.05, 0.08, 64, 0.1, 0.01, 1, 0.01, 0, 1e-3, 0, 9);
        try (HilServer server = server(c, d); RemoteSubstrate hw = new RemoteSubstrate(c, client(server))) {
            double[] before = hw.read().toArray();
            List<PulseResponseFile.Entry> entries = DeviceCalibration.calibrate(hw, new DeviceCalibration.PulseSweep(180, 12));
            assertEquals(List.of("r1", "r2"), entries.stream().map(PulseResponseFile.Entry::device).toList());
            for (int e = 0; e < 2; e++) {
                int device = e;
                PulseResponse truth = server.onHardware(() -> server.hardware().devices().response(device));
                for (double err : HilAcceptance.relativeErrors(entries.get(e).response(), truth)) {
                    assertTrue(err < 0.05, "device " + e + " error " + err);
                }
                double after = server.onHardware(() -> server.hardware().devices().siemens(device));
                // restored by program-and-verify: within half a level or twice the read noise
                assertEquals(before[e], after, Math.max(0.5 * (RANGE.maxSiemens() - RANGE.minSiemens()) / 63,
                        0.02 * before[e]) + 0.01 * before[e] * 4);
            }
        }
    }

    @Test
    void twinConductancesAreRecoveredExactlyWithoutNoise() throws IOException {
        Circuit hardwareCircuit = chain(1300, 800);
        DeviceNonIdealities d = new DeviceNonIdealities(null, 0.05, 0.08, 0, 0, 0, 1, 0, 0, 1e-3, 0, 1);
        try (HilServer server = server(hardwareCircuit, d); RemoteSubstrate hw = new RemoteSubstrate(chain(1000, 1000), client(server))) {
            TwinCalibration.Measurements m = TwinCalibration.measure(hw, List.of("vin"), 8, 2, 5);
            assertEquals(0, m.noiseVolts(), 0);
            // start the fit away from the truth: the model's 1 kilohm each
            TwinCalibration.Fit fit = TwinCalibration.fit(hw.circuit(), m, TwinCalibration.Parameters.CONDUCTANCES,
                    hw.circuit().conductances());
            assertEquals(1 / 1300.0, fit.effective().siemens(0), 1e-6 / 1300);
            assertEquals(1 / 800.0, fit.effective().siemens(1), 1e-6 / 800);
            assertTrue(fit.rmsResidualVolts() < 1e-7, "residual " + fit.rmsResidualVolts());
        }
    }

    @Test
    void twinResidualSitsAtTheReadNoise() throws IOException {
        Circuit hardwareCircuit = chain(1300, 800);
        DeviceNonIdealities d = new DeviceNonIdealities(null, 0.05, 0.08, 0, 0, 0.01, 1, 0, 0, 1e-3, 0, 1);
        try (HilServer server = server(hardwareCircuit, d); RemoteSubstrate hw = new RemoteSubstrate(chain(1000, 1000), client(server))) {
            TwinCalibration.Measurements m = TwinCalibration.measure(hw, List.of("vin"), 200, 2, 5);
            // the repeat estimate of 10 mV noise from 400 differences: within 10%
            assertEquals(0.01, m.noiseVolts(), 0.001);
            TwinCalibration.Fit fit = TwinCalibration.fit(hw.circuit(), m, TwinCalibration.Parameters.CONDUCTANCES,
                    hw.circuit().conductances());
            // 2 parameters from 300 residuals: rms = sigma sqrt(1 - 2/300) within sampling error
            assertEquals(0.01, fit.rmsResidualVolts(), 0.0015);
            assertEquals(0.01, fit.heldOutResidualVolts(), 0.002);
            assertEquals(1 / 1300.0, fit.effective().siemens(0), 0.03 / 1300);
            assertEquals(1 / 800.0, fit.effective().siemens(1), 0.03 / 800);
        }
    }

    @Test
    void seriesResistancesAreFittedFromReadsAndResponses() throws IOException {
        Circuit hardwareCircuit = chain(1000, 2000);
        // no variation: both devices carry 150 ohm in series
        DeviceNonIdealities d = new DeviceNonIdealities(null, 0.05, 0.08, 0, 0, 0, 1, 0, 0, 1e-3, 150, 1);
        try (HilServer server = server(hardwareCircuit, d); RemoteSubstrate hw = new RemoteSubstrate(hardwareCircuit, client(server))) {
            TwinCalibration.Measurements m = TwinCalibration.measure(hw, List.of("vin"), 8, 2, 5);
            TwinCalibration.Fit fit = TwinCalibration.fit(hw.circuit(), m, TwinCalibration.Parameters.SERIES_RESISTANCES,
                    hw.read());
            assertEquals(150, fit.seriesOhms()[0], 1e-3);
            assertEquals(150, fit.seriesOhms()[1], 1e-3);
            assertEquals(1 / 1150.0, fit.effective().siemens(0), 1e-6 / 1150);
        }
    }

    @Test
    void observableNodesSkipNodesHeldBySources() {
        Circuit c = chain(1000, 1000);
        assertEquals(List.of(c.nodeIndex("mid"), c.nodeIndex("out")),
                Arrays.stream(TwinCalibration.observableNodes(c)).boxed().toList());
    }
}
