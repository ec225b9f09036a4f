package org.spicelearn.learn.phase;

/**
 * When the edges apply their updates: all together, or each on its own random clock (Wycoff et al. 2022).
 */
public sealed interface EdgeClock permits EdgeClock.Synchronous, EdgeClock.Desynchronised {

    /** Every edge updates at every update opportunity. */
    record Synchronous() implements EdgeClock {
    }

    /**
     * Each edge ticks independently as a Poisson process of {@code ticksPerUnit} ticks per unit of
     * phase time (DC mode) or with probability {@code min(1, ticksPerUnit * dt)} per solver step
     * (transient mode); each tick applies the update scaled by {@code 1 / rate} so the expected
     * drift is unchanged.
     *
     * @param ticksPerUnit clock rate per unit of phase time, > 0
     */
    record Desynchronised(double ticksPerUnit) implements EdgeClock {
        /** Validates the rate. */
        public Desynchronised {
            if (!(ticksPerUnit > 0) || Double.isInfinite(ticksPerUnit)) {
                throw new IllegalArgumentException("edge clock rate must be finite and > 0, got " + ticksPerUnit);
            }
        }
    }
}
