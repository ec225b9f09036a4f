package org.spicelearn.bridge.remote;

/**
 * The soft-bounded, asymmetric response of one programmable device to identical programming
 * pulses: a potentiation pulse moves the conductance a fraction {@code upFraction} of the way to
 * {@code gMaxSiemens}, a depression pulse a fraction {@code downFraction} of the way to
 * {@code gMinSiemens}:
 *
 * <pre>
 *   g' = g + upFraction   * (gMax - g)     (potentiation)
 *   g' = g - downFraction * (g - gMin)     (depression)
 * </pre>
 *
 * after {@code n} pulses of one kind the distance to the bound shrinks by {@code (1 - fraction)^n}.
 * This is the model {@code calibrate devices} fits per device and the one a remote substrate uses
 * to turn a wanted conductance change into a pulse count.
 *
 * @param gMinSiemens  the conductance depression saturates at, > 0
 * @param gMaxSiemens  the conductance potentiation saturates at, > gMin
 * @param upFraction   fraction of the distance to gMax covered by one potentiation pulse, in (0, 1)
 * @param downFraction fraction of the distance to gMin covered by one depression pulse, in (0, 1)
 */
public record PulseResponse(double gMinSiemens, double gMaxSiemens, double upFraction, double downFraction) {
    /** Validates. */
    public PulseResponse {
        if (!(gMinSiemens > 0) || !(gMaxSiemens > gMinSiemens) || Double.isInfinite(gMaxSiemens)) {
            throw new IllegalArgumentException("pulse response needs 0 < gMin < gMax < inf, got [" + gMinSiemens
                    + ", " + gMaxSiemens + "] S");
        }
        if (!(upFraction > 0 && upFraction < 1) || !(downFraction > 0 && downFraction < 1)) {
            throw new IllegalArgumentException("pulse fractions must lie in (0, 1), got up " + upFraction
                    + ", down " + downFraction);
        }
    }

    /** The conductance after {@code pulses} pulses from {@code gSiemens} (positive: potentiation, negative: depression). */
    public double after(double gSiemens, int pulses) {
        if (pulses == 0) {
            return gSiemens;
        }
        if (pulses > 0) {
            return gMaxSiemens - (gMaxSiemens - gSiemens) * Math.pow(1 - upFraction, pulses);
        }
        return gMinSiemens + (gSiemens - gMinSiemens) * Math.pow(1 - downFraction, -pulses);
    }

    /**
     * The (fractional) number of pulses that moves {@code gSiemens} by {@code deltaSiemens}:
     * positive for potentiation, negative for depression; the request is first limited to what the
     * response can reach (a target at or beyond a bound asks for {@code maxPulses} pulses).
     */
    public double pulsesFor(double gSiemens, double deltaSiemens, int maxPulses) {
        if (deltaSiemens == 0) {
            return 0;
        }
        double g = Math.max(gMinSiemens, Math.min(gMaxSiemens, gSiemens));
        double target = g + deltaSiemens;
        double ratio;
        double perPulse;
        if (deltaSiemens > 0) {
            ratio = (gMaxSiemens - target) / (gMaxSiemens - g);
            perPulse = Math.log1p(-upFraction);
        } else {
            ratio = (target - gMinSiemens) / (g - gMinSiemens);
            perPulse = Math.log1p(-downFraction);
        }
        if (!(ratio > 0) || Double.isNaN(ratio)) {
            return Math.signum(deltaSiemens) * maxPulses;
        }
        double n = Math.log(ratio) / perPulse;
        return Math.signum(deltaSiemens) * Math.min(maxPulses, n);
    }
}
