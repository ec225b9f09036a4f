package org.spicelearn.learn.train;

import org.spicelearn.learn.rule.PhaseType;

/**
 * One entry of the run log: a stretch of time with one phase and one sample (a segment), and the
 * update it produced.
 *
 * @param index             position in the run log, from 0
 * @param epoch             epoch, from 1
 * @param sample            index of the training example
 * @param type              phase type
 * @param duration          segment length (update steps in DC mode, seconds in transient mode)
 * @param weight            importance weight used
 * @param learningRate      learning rate used
 * @param outputCost        {@code 1/2 sum (V_o - y_o)^2} at the end of the segment, volts squared
 * @param requestedL1Siemens sum of |requested change| over edges
 * @param appliedL1Siemens  sum of |applied change| over edges (as the substrate reported)
 */
public record TrainingStep(long index, int epoch, int sample, PhaseType type, double duration, double weight,
                           double learningRate, double outputCost, double requestedL1Siemens,
                           double appliedL1Siemens) {
}
