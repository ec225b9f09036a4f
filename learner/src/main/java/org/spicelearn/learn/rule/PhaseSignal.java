package org.spicelearn.learn.rule;

/**
 * The global broadcast every edge receives during a phase: the phase type (its sign {@code s}),
 * the phase's importance weight {@code w_s}, and the present learning rate {@code eta}.
 *
 * @param type         the phase type
 * @param weight       importance weight {@code w_s} (1 for unweighted updates)
 * @param learningRate learning rate {@code eta} (per update step in DC mode, per second in transient mode)
 */
public record PhaseSignal(PhaseType type, double weight, double learningRate) {
    /** Validates the numbers. */
    public PhaseSignal {
        if (!(weight >= 0) || !Double.isFinite(weight) || !(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("phase weight and learning rate must be finite and >= 0");
        }
    }
}
