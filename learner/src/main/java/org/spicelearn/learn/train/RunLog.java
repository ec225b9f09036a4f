package org.spicelearn.learn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The append-only record of a run: every training step and every epoch's metrics. Readers
 * (reports, progress bars, result files) get unmodifiable views.
 */
public final class RunLog {
    private final List<TrainingStep> steps = new ArrayList<>();
    private final List<EpochMetrics> epochs = new ArrayList<>();

    void append(TrainingStep step) {
        steps.add(step);
    }

    void append(EpochMetrics metrics) {
        epochs.add(metrics);
    }

    /** Every step so far, in order. */
    public List<TrainingStep> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** Every epoch's metrics so far, in order. */
    public List<EpochMetrics> epochs() {
        return Collections.unmodifiableList(epochs);
    }
}
