package org.spicelearn.bridge.remote;

import org.spicelearn.circuit.ConductanceBounds;

/**
 * The non-idealities of the reference server's simulated devices.
 *
 * <p>Device {@code e} has its own response {@code PulseResponse(gMin_e, gMax_e, up_e, down_e)} and
 * series resistance {@code R_e}, each the nominal value times {@code exp(variation * Z)} with
 * {@code Z} standard normal, drawn once from {@code seed}. Its state is one of {@code levels}
 * equally spaced levels of {@code [gMin_e, gMax_e]}; a pulse moves the state as the response says,
 * with the step scaled by {@code 1 + programmingNoise * Z}, then rounds stochastically to a
 * neighbouring level (so the expected level follows the response exactly). The network sees
 * {@code 1/(1/g + R_e)}. Between settles the state drifts toward {@code gMin_e} by the factor
 * {@code exp(-driftPerSecond * settleSeconds)}. A conductance read returns {@code g (1 + readNoise Z)};
 * a node-voltage measurement returns {@code V + readNoise * fullScaleVolts * Z}.
 *
 * @param deviceRange      nominal programmable range ({@code null}: each device's netlist bounds)
 * @param upFraction       nominal potentiation fraction, in (0, 1)
 * @param downFraction     nominal depression fraction, in (0, 1)
 * @param levels           programmable levels, >= 2, or 0 for a continuous state
 * @param variation        device-to-device spread of the log of every parameter, >= 0
 * @param readNoise        relative read noise, >= 0
 * @param fullScaleVolts   the voltage that read noise is relative to, > 0
 * @param programmingNoise relative noise of each pulse's step, >= 0
 * @param driftPerSecond   relaxation rate of the state toward gMin, per second of device time, >= 0
 * @param settleSeconds    device time that passes per settle, > 0
 * @param seriesOhms       nominal series resistance of each device, >= 0
 * @param seed             seed of the device parameters and of every noise draw
 */
public record DeviceNonIdealities(ConductanceBounds deviceRange, double upFraction, double downFraction, int levels,
                                  double variation, double readNoise, double fullScaleVolts, double programmingNoise,
                                  double driftPerSecond, double settleSeconds, double seriesOhms, long seed) {
    /** Validates every field. */
    public DeviceNonIdealities {
        check(upFraction > 0 && upFraction < 1, "up fraction must lie in (0, 1)");
        check(downFraction > 0 && downFraction < 1, "down fraction must lie in (0, 1)");
        check(levels == 0 || levels >= 2 && levels <= (1 << 24), "levels must be 0 (continuous) or in 2..2^24");
        check(variation >= 0 && variation <= 1, "variation must be in [0, 1]");
        check(readNoise >= 0 && readNoise <= 1, "read noise must be in [0, 1]");
        check(fullScaleVolts > 0 && Double.isFinite(fullScaleVolts), "full scale must be positive and finite");
        check(programmingNoise >= 0 && programmingNoise <= 1, "programming noise must be in [0, 1]");
        check(driftPerSecond >= 0 && Double.isFinite(driftPerSecond), "drift must be finite and >= 0");
        check(settleSeconds > 0 && Double.isFinite(settleSeconds), "settle time must be positive and finite");
        check(seriesOhms >= 0 && Double.isFinite(seriesOhms), "series resistance must be finite and >= 0");
    }

    /** Ideal devices: the netlist bounds, a continuous state, no variation, noise, drift or series resistance. */
    public static DeviceNonIdealities ideal() {
        return new DeviceNonIdealities(null, 0.05, 0.05, 0, 0, 0, 1, 0, 0, 1e-3, 0, 1);
    }

    /**
     * The acceptance setting of issue 8: 10% device variation, 1% read noise, 64 levels, asymmetric
     * response (up 0.05, down 0.08), 1% programming noise, no drift, and 5 kilohm series (wire and
     * contact) resistance: the non-ideality a twin calibrated as effective conductances absorbs, and
     * that writing its trained values as device targets (naive transfer) ignores.
     */
    public static DeviceNonIdealities acceptance(ConductanceBounds range, long seed) {
        return new DeviceNonIdealities(range, 0.05, 0.08, 64, 0.10, 0.01, 1.0, 0.01, 0, 1e-3, 5000, seed);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
