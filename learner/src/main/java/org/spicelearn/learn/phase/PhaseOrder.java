package org.spicelearn.learn.phase;

import org.spicelearn.learn.Rng;
import org.spicelearn.learn.rule.PhaseType;

/**
 * How the type of the next phase is chosen at each phase boundary.
 */
public sealed interface PhaseOrder permits PhaseOrder.Alternating, PhaseOrder.StochasticType {

    /** The type following {@code previous} ({@code null} at the start). */
    PhaseType next(PhaseType previous, Rng rng);

    /** The long-run fraction of phases that are positive. */
    double positiveProbability();

    /** Whether updates carry importance weights (false only for the ablation of stochastic types). */
    boolean importanceWeighted();

    /** Negative, positive, negative, ...: the periodic, temporally local schedule. */
    record Alternating() implements PhaseOrder {
        @Override
        public PhaseType next(PhaseType previous, Rng rng) {
            return previous == null ? PhaseType.NEGATIVE : previous.other();
        }

        @Override
        public double positiveProbability() {
            return 0.5;
        }

        @Override
        public boolean importanceWeighted() {
            return true;
        }
    }

    /**
     * Each phase is positive with probability {@code p}, independently.
     *
     * @param p                  probability of a positive phase, in (0, 1)
     * @param importanceWeighted whether updates carry the weights {@code w_c = 1/(2 pi_c)}; false turns them off
     */
    record StochasticType(double p, boolean importanceWeighted) implements PhaseOrder {
        /** Validates p. */
        public StochasticType {
            if (!(p > 0) || !(p < 1)) {
                throw new IllegalArgumentException("the positive-phase probability must lie in (0, 1), got " + p);
            }
        }

        @Override
        public PhaseType next(PhaseType previous, Rng rng) {
            return rng.nextBoolean(p) ? PhaseType.POSITIVE : PhaseType.NEGATIVE;
        }

        @Override
        public double positiveProbability() {
            return p;
        }
    }
}
