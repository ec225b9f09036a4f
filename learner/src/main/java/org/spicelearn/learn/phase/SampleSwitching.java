package org.spicelearn.learn.phase;

/**
 * When the training sample presented at the inputs changes.
 */
public sealed interface SampleSwitching permits SampleSwitching.EveryKPhases, SampleSwitching.RandomClock {

    /**
     * After every {@code k} completed phases (k = 2 presents each sample for about one positive and
     * one negative phase).
     *
     * @param k phases per sample, >= 1
     */
    record EveryKPhases(int k) implements SampleSwitching {
        /** Validates k. */
        public EveryKPhases {
            if (k < 1) {
                throw new IllegalArgumentException("phases per sample must be >= 1, got " + k);
            }
        }
    }

    /**
     * On an independent clock: sample durations are exponential with the given mean, in phase-time
     * units, so a switch may fall inside a phase (the phase then continues with the next sample).
     *
     * @param meanDuration mean presentation time per sample, > 0
     */
    record RandomClock(double meanDuration) implements SampleSwitching {
        /** Validates the mean. */
        public RandomClock {
            if (!(meanDuration > 0) || Double.isInfinite(meanDuration)) {
                throw new IllegalArgumentException("sample clock mean must be finite and > 0, got " + meanDuration);
            }
        }
    }
}
