package org.spicelearn.learn.train;

/**
 * Metrics after one epoch, from free-state (DC) evaluation of every example.
 *
 * @param epoch             epoch number, from 1
 * @param trainLoss         mean output cost over training examples, volts squared
 * @param trainAccuracy     fraction correct (NaN for regression)
 * @param testLoss          mean output cost over held-out examples (NaN when there are none)
 * @param testAccuracy      fraction correct on held-out examples (NaN for regression or none)
 * @param learningRate      learning rate at the end of the epoch
 * @param samplesPerSecond  training samples per wall-clock second during the epoch (evaluation excluded)
 * @param wallSeconds       wall time since the run started
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                           double learningRate, double samplesPerSecond, double wallSeconds) {
}
