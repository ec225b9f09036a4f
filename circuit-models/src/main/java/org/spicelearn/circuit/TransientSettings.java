package org.spicelearn.circuit;

import java.util.Objects;

/**
 * How a substrate integrates in time: a fixed-step rule and its step.
 *
 * @param method      the integration rule
 * @param stepSeconds the (largest) time step, strictly positive and finite
 */
public record TransientSettings(IntegrationMethod method, double stepSeconds) {
    /** Validates the settings. */
    public TransientSettings {
        Objects.requireNonNull(method, "method");
        if (!(stepSeconds > 0) || Double.isInfinite(stepSeconds)) {
            throw new IllegalArgumentException("time step must be positive and finite, got " + stepSeconds + " s");
        }
    }
}
