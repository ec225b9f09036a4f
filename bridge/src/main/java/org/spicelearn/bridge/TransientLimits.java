package org.spicelearn.bridge;

/**
 * The step limits of an ngspice transient analysis ({@code tran step stop 0 maxStep}).
 *
 * @param stepSeconds    the print step (ngspice's {@code tstep})
 * @param maxStepSeconds the largest internal time step ({@code tmax})
 * @param stopSeconds    the end of the analysis; pauses must come before it
 */
public record TransientLimits(double stepSeconds, double maxStepSeconds, double stopSeconds) {
    /** Validates the limits. */
    public TransientLimits {
        if (!(stepSeconds > 0) || !(maxStepSeconds > 0) || !(stopSeconds > stepSeconds)
                || Double.isInfinite(stopSeconds)) {
            throw new IllegalArgumentException("transient limits need 0 < step < stop < inf and maxStep > 0, got step="
                    + stepSeconds + " s, maxStep=" + maxStepSeconds + " s, stop=" + stopSeconds + " s");
        }
    }
}
