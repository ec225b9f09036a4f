package org.spicelearn.learn.train;

/**
 * The learning rate as a function of the number {@code t} of training samples presented so far.
 */
public sealed interface LearningRateSchedule permits LearningRateSchedule.Constant, LearningRateSchedule.InverseTime,
        LearningRateSchedule.RobbinsMonro {

    /** The learning rate after {@code samplesSeen} samples. */
    double rate(long samplesSeen);

    /**
     * A constant rate: the dynamics hover within O(sqrt(eta)) of a fixed point.
     *
     * @param eta the rate, > 0
     */
    record Constant(double eta) implements LearningRateSchedule {
        /** Validates eta. */
        public Constant {
            checkPositive(eta, "eta");
        }

        @Override
        public double rate(long samplesSeen) {
            return eta;
        }
    }

    /**
     * {@code eta0 / (1 + t / tau)}: sum of rates infinite, sum of squares finite.
     *
     * @param eta0       initial rate, > 0
     * @param tauSamples decay time in samples, > 0
     */
    record InverseTime(double eta0, double tauSamples) implements LearningRateSchedule {
        /** Validates. */
        public InverseTime {
            checkPositive(eta0, "eta0");
            checkPositive(tauSamples, "tau");
        }

        @Override
        public double rate(long samplesSeen) {
            return eta0 / (1 + samplesSeen / tauSamples);
        }
    }

    /**
     * Robbins-Monro {@code eta0 / (1 + t / tau)^kappa} with {@code 1/2 < kappa <= 1}.
     *
     * @param eta0       initial rate, > 0
     * @param tauSamples time scale in samples, > 0
     * @param kappa      decay exponent in (0.5, 1]
     */
    record RobbinsMonro(double eta0, double tauSamples, double kappa) implements LearningRateSchedule {
        /** Validates. */
        public RobbinsMonro {
            checkPositive(eta0, "eta0");
            checkPositive(tauSamples, "tau");
            if (!(kappa > 0.5) || kappa > 1) {
                throw new IllegalArgumentException("Robbins-Monro needs 0.5 < kappa <= 1, got " + kappa);
            }
        }

        @Override
        public double rate(long samplesSeen) {
            return eta0 * Math.pow(1 + samplesSeen / tauSamples, -kappa);
        }
    }

    private static void checkPositive(double x, String what) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + x);
        }
    }
}
