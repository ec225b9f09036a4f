package org.spicelearn.learn.phase;

import org.spicelearn.learn.rule.PhaseType;

/**
 * How phases follow each other in time: the rigid, temporally non-local baseline or the
 * temporally local family (periodic or stochastic types, fixed or random lengths).
 */
public sealed interface PhaseDynamics permits PhaseDynamics.Rigid, PhaseDynamics.TemporallyLocal {

    /**
     * The traditional baseline: per sample, a negative (free) phase of {@code negativeLength} then a
     * positive phase of {@code positiveLength}; the negative state's {@code h_e} is stored until
     * the pair ends; one update per pair, {@code delta g = ((L+ + L-)/2) * (-eta gain [h(V+) - h(V-)])}
     * (the same drift per unit time as the temporally local rules).
     *
     * @param positiveLength positive phase length (update steps in DC mode, seconds in transient mode)
     * @param negativeLength negative phase length
     */
    record Rigid(double positiveLength, double negativeLength) implements PhaseDynamics {
        /** Validates the lengths. */
        public Rigid {
            checkLength(positiveLength);
            checkLength(negativeLength);
        }
    }

    /**
     * No stored state: in every phase each edge applies {@code -eta gain w_s s h_e(V(t))} per unit
     * time. Phase types follow {@code order}; lengths are drawn from {@code lengths} with mean
     * {@code positiveMean} or {@code negativeMean}; the sample changes per {@code switching}; edges
     * update per {@code edgeClock}.
     *
     * <p>Weights are time-weighted: with {@code pi_+ = p mu_+ / (p mu_+ + (1-p) mu_-)} and
     * {@code pi_- = 1 - pi_+}, {@code w_c = 1/(2 pi_c)} (so {@code w_+ = 1/(2p)} for equal means);
     * the expected drift per unit time is then {@code 1/2 * (-eta gain [h(V+) - h(V-)])}, half the
     * rigid pair's update per unit of mean phase length, i.e. a gradient step. Without importance
     * weights every weight is 1.
     *
     * <p>Centred rules are temporally local in the same way: their positive phases are nudged at
     * {@code +beta} and carry {@code s = +1}, their negative phases at {@code -beta} with
     * {@code s = -1}, both with gain {@code 1/(2 beta)}.
     */
    record TemporallyLocal(PhaseOrder order, LengthDistribution lengths, double positiveMean, double negativeMean,
                           SampleSwitching switching, EdgeClock edgeClock) implements PhaseDynamics {
        /** Validates the means. */
        public TemporallyLocal {
            checkLength(positiveMean);
            checkLength(negativeMean);
            java.util.Objects.requireNonNull(order, "order");
            java.util.Objects.requireNonNull(lengths, "lengths");
            java.util.Objects.requireNonNull(switching, "switching");
            java.util.Objects.requireNonNull(edgeClock, "edgeClock");
        }

        /** The mean length of phases of a type. */
        public double meanLength(PhaseType type) {
            return type == PhaseType.POSITIVE ? positiveMean : negativeMean;
        }

        /** The probability that a phase has the given type. */
        public double probability(PhaseType type) {
            double p = order.positiveProbability();
            return type == PhaseType.POSITIVE ? p : 1 - p;
        }

        /** The long-run fraction of time spent in phases of the type: {@code pi_c}. */
        public double timeFraction(PhaseType type) {
            double pos = probability(PhaseType.POSITIVE) * positiveMean;
            double neg = probability(PhaseType.NEGATIVE) * negativeMean;
            return (type == PhaseType.POSITIVE ? pos : neg) / (pos + neg);
        }

        /** The importance weight {@code w_c = 1/(2 pi_c)}, or 1 when weights are turned off. */
        public double weight(PhaseType type) {
            return order.importanceWeighted() ? 1.0 / (2 * timeFraction(type)) : 1.0;
        }
    }

    private static void checkLength(double length) {
        if (!(length > 0) || Double.isInfinite(length)) {
            throw new IllegalArgumentException("phase lengths must be finite and > 0, got " + length);
        }
    }
}
