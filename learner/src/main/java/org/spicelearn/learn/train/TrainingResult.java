package org.spicelearn.learn.train;

import java.util.List;
import org.spicelearn.circuit.Conductances;

/**
 * The outcome of a run.
 *
 * @param epochs            metrics per completed epoch (of this invocation)
 * @param conductances      final trainable conductances, siemens
 * @param samplesSeen       training samples presented in total
 * @param wallSeconds       wall time of this invocation
 * @param samplesPerSecond  training samples per second over this invocation (evaluation excluded)
 * @param stopped           whether the run was stopped before its last epoch
 */
public record TrainingResult(List<EpochMetrics> epochs, Conductances conductances, long samplesSeen,
                             double wallSeconds, double samplesPerSecond, boolean stopped) {
    /** Copies the list. */
    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** The metrics of the last completed epoch, or null when none completed. */
    public EpochMetrics last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
