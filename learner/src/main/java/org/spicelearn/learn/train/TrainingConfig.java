package org.spicelearn.learn.train;

import java.util.Objects;
import org.spicelearn.learn.device.DeviceModel;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.SubstrateMode;
import org.spicelearn.learn.rule.ContrastiveRule;

/**
 * Everything that defines a training run besides the network and the data.
 *
 * @param rule     the contrastive rule (how the second state is made, the estimator gain)
 * @param dynamics rigid or temporally local phases
 * @param mode     DC (each phase settles) or transient
 * @param device   the device model between requested and applied changes
 * @param rate     the learning-rate schedule
 * @param epochs   passes over the training set, >= 1
 * @param seed     seed of every random choice (sample order, phases, devices)
 */
public record TrainingConfig(ContrastiveRule rule, PhaseDynamics dynamics, SubstrateMode mode, DeviceModel device,
                             LearningRateSchedule rate, int epochs, long seed) {
    /** Validates. */
    public TrainingConfig {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(dynamics, "dynamics");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(rate, "rate");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(rule, dynamics, mode, device, rate, epochs, newSeed);
    }

    /** A copy with another number of epochs. */
    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(rule, dynamics, mode, device, rate, newEpochs, seed);
    }
}
