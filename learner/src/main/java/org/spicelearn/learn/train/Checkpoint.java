package org.spicelearn.learn.train;

import org.spicelearn.circuit.Conductances;

/**
 * The state needed to continue a run exactly: taken at the end of an epoch.
 *
 * @param epochsCompleted epochs finished
 * @param samplesSeen     training samples presented so far (drives the learning-rate schedule)
 * @param stepsLogged     run-log entries so far
 * @param conductances    trainable conductances, siemens
 * @param rngState        the run's random-generator state
 */
public record Checkpoint(int epochsCompleted, long samplesSeen, long stepsLogged, Conductances conductances,
                         long[] rngState) {
    /** Copies the RNG state. */
    public Checkpoint {
        rngState = rngState.clone();
    }

    @Override
    public long[] rngState() {
        return rngState.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && epochsCompleted == c.epochsCompleted && samplesSeen == c.samplesSeen
                && stepsLogged == c.stepsLogged && conductances.equals(c.conductances)
                && java.util.Arrays.equals(rngState, c.rngState);
    }

    @Override
    public int hashCode() {
        return conductances.hashCode() * 31 + java.util.Arrays.hashCode(rngState) + epochsCompleted;
    }

    @Override
    public String toString() {
        return "Checkpoint[epoch " + epochsCompleted + ", " + samplesSeen + " samples, " + conductances.size()
                + " conductances]";
    }
}
