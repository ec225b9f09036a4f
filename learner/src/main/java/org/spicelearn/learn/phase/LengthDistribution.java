package org.spicelearn.learn.phase;

import org.spicelearn.learn.Rng;

/**
 * The distribution of phase lengths around a given mean (phase-time units: update steps in DC
 * mode, seconds in transient mode). Every draw is strictly positive and the distribution's mean is
 * exactly the requested mean.
 */
public sealed interface LengthDistribution permits LengthDistribution.Fixed, LengthDistribution.Geometric,
        LengthDistribution.Exponential, LengthDistribution.Uniform, LengthDistribution.LogNormal {

    /** Draws one length with mean {@code mean}. */
    double sample(double mean, Rng rng);

    /** Every phase lasts exactly its mean. */
    record Fixed() implements LengthDistribution {
        @Override
        public double sample(double mean, Rng rng) {
            return mean;
        }
    }

    /**
     * A whole number of units {@code k >= 1}, {@code P(k) = (1-q)^(k-1) q} with {@code q = 1/mean}
     * (the number of units until a per-unit switch of probability q fires); mean must be >= 1.
     */
    record Geometric() implements LengthDistribution {
        @Override
        public double sample(double mean, Rng rng) {
            if (mean < 1) {
                throw new IllegalArgumentException("a geometric length needs mean >= 1, got " + mean);
            }
            if (mean == 1) {
                return 1;
            }
            double q = 1.0 / mean;
            return Math.max(1, Math.ceil(Math.log(rng.nextOpenDouble()) / Math.log1p(-q)));
        }
    }

    /** Exponentially distributed with the given mean (a memoryless random switch in continuous time). */
    record Exponential() implements LengthDistribution {
        @Override
        public double sample(double mean, Rng rng) {
            return -mean * Math.log(rng.nextOpenDouble());
        }
    }

    /**
     * Uniform on {@code [mean (1 - halfWidth), mean (1 + halfWidth)]}.
     *
     * @param halfWidth relative half width in [0, 1)
     */
    record Uniform(double halfWidth) implements LengthDistribution {
        /** Validates the width. */
        public Uniform {
            if (!(halfWidth >= 0) || !(halfWidth < 1)) {
                throw new IllegalArgumentException("uniform half width must lie in [0, 1), got " + halfWidth);
            }
        }

        @Override
        public double sample(double mean, Rng rng) {
            return mean * (1 + halfWidth * (2 * rng.nextDouble() - 1));
        }
    }

    /**
     * Log-normal with the given mean: {@code exp(m + sigma Z)}, {@code m = ln(mean) - sigma^2/2}.
     *
     * @param sigma shape (standard deviation of the logarithm), >= 0
     */
    record LogNormal(double sigma) implements LengthDistribution {
        /** Validates sigma. */
        public LogNormal {
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("log-normal sigma must be finite and >= 0, got " + sigma);
            }
        }

        @Override
        public double sample(double mean, Rng rng) {
            return Math.exp(Math.log(mean) - 0.5 * sigma * sigma + sigma * rng.nextGaussian());
        }
    }
}
