package org.spicelearn.learn.train;

/**
 * Observes a run; every method has an empty default. Called on the training thread.
 */
public interface TrainingListener {

    /** Before the first step: the run's configuration and data sizes. */
    default void onInit(TrainingConfig config, TrainingData data, int startEpoch) {
    }

    /** After every logged step. */
    default void onStep(TrainingStep step) {
    }

    /** After every epoch, with its metrics and the checkpoint taken then. */
    default void onEpoch(EpochMetrics metrics, Checkpoint checkpoint) {
    }

    /** When the run ends (finished or stopped). */
    default void onFinish(TrainingResult result) {
    }
}
