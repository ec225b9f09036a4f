package org.spicelearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.learn.device.DeviceModel;

/** Closed forms and expectations of the device models. */
class DeviceModelTest {
    private static final ConductanceBounds B = new ConductanceBounds(1e-4, 1e-3);

    @Test
    void idealDeviceClipsToItsBounds() {
        var d = new DeviceModel.Ideal();
        assertEquals(1e-5, d.applied(0, 5e-4, 1e-5, B, new Rng(0)), 1e-18);
        assertEquals(1e-3 - 9.9e-4, d.applied(0, 9.9e-4, 1e-4, B, new Rng(0)), 1e-18);
        assertEquals(1e-4 - 1.5e-4, d.applied(0, 1.5e-4, -1e-3, B, new Rng(0)), 1e-18);
    }

    @Test
    void quantisedDeviceLandsOnLevelsWithUnbiasedRounding() {
        var q = new DeviceModel.Quantised(3); // 8 levels, spacing (9e-4)/7
        double step = 9e-4 / 7;
        assertEquals(step, q.levelSpacingSiemens(B), 1e-20);
        Rng rng = new Rng(3);
        double g = 1e-4 + 2 * step;
        double request = 0.3 * step;
        double sum = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double a = q.applied(0, g, request, B, rng);
            double level = (g + a - 1e-4) / step;
            assertEquals(Math.rint(level), level, 1e-9);
            sum += a;
        }
        // mean applied = request; Bernoulli(0.3) * step has sd step*sqrt(0.21)
        assertEquals(request, sum / n, 5 * step * Math.sqrt(0.21 / n));
    }

    @Test
    void softBoundsSlowNearTheBoundsAsymmetrically() {
        var s = new DeviceModel.SoftBounds(1.0, 0.5, 1.0, 2.0);
        double g = 1e-4 + 0.75 * 9e-4; // x = 0.75
        assertEquals(1e-6 * 0.25, s.applied(0, g, 1e-6, B, new Rng(0)), 1e-18);
        assertEquals(-1e-6 * 0.5 * 0.5625, s.applied(0, g, -1e-6, B, new Rng(0)), 1e-18);
        assertEquals(0.0, s.applied(0, 1e-3, 1e-6, B, new Rng(0)), 0.0);
    }

    @Test
    void writeNoiseIsMultiplicativeWithTheGivenSpread() {
        var w = new DeviceModel.WriteNoise(new DeviceModel.Ideal(), 0.2);
        Rng rng = new Rng(11);
        int n = 50_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double r = w.applied(0, 5e-4, 1e-6, B, rng) / 1e-6;
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / n;
        assertEquals(1.0, mean, 5 * 0.2 / Math.sqrt(n));
        assertEquals(0.2, Math.sqrt(sumSq / n - mean * mean), 0.01);
    }

    @Test
    void variationGivesEachDeviceAFixedReproducibleGain() {
        var v = new DeviceModel.Variation(new DeviceModel.Ideal(), 0.3, 99);
        double f0 = v.factor(0);
        assertEquals(f0, new DeviceModel.Variation(new DeviceModel.Ideal(), 0.3, 99).factor(0));
        assertTrue(f0 != v.factor(1));
        assertEquals(1e-6 * f0, v.applied(0, 5e-4, 1e-6, B, new Rng(0)), 1e-18);
        double sumLog = 0;
        double sumLogSq = 0;
        int n = 20_000;
        for (int e = 0; e < n; e++) {
            double l = Math.log(v.factor(e));
            sumLog += l;
            sumLogSq += l * l;
        }
        assertEquals(0.0, sumLog / n, 5 * 0.3 / Math.sqrt(n));
        assertEquals(0.3, Math.sqrt(sumLogSq / n), 0.01);
    }
}
