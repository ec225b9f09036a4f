package org.spicelearn.learn.device;

import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.learn.Rng;

/**
 * How a physical device turns a requested conductance change into the change it actually makes.
 * Every model keeps the result inside the device's bounds; models nest (noise and variation wrap
 * another model).
 */
public sealed interface DeviceModel permits DeviceModel.Ideal, DeviceModel.Quantised, DeviceModel.SoftBounds,
        DeviceModel.WriteNoise, DeviceModel.Variation {

    /**
     * The change the device applies.
     *
     * @param device             the device's index among the trainables (for per-device properties)
     * @param conductanceSiemens present conductance
     * @param requestedSiemens   requested change
     * @param bounds             the device's range
     * @param rng                randomness for stochastic devices
     * @return the applied change, such that {@code conductance + applied} lies within the bounds
     */
    double applied(int device, double conductanceSiemens, double requestedSiemens, ConductanceBounds bounds, Rng rng);

    /** An ideal continuous device: the request, clipped to the bounds. */
    record Ideal() implements DeviceModel {
        @Override
        public double applied(int device, double g, double requested, ConductanceBounds bounds, Rng rng) {
            return bounds.clip(g + requested) - g;
        }
    }

    /**
     * A device with {@code 2^bits} equally spaced levels from {@code min} to {@code max}; the target
     * {@code g + request} (clipped) is rounded stochastically to one of its two neighbouring levels
     * with probabilities that make the expected level equal the target.
     *
     * @param bits bits of state, 1..24
     */
    record Quantised(int bits) implements DeviceModel {
        /** Validates the bit count. */
        public Quantised {
            if (bits < 1 || bits > 24) {
                throw new IllegalArgumentException("quantised devices need 1..24 bits, got " + bits);
            }
        }

        /** The spacing between levels for the given bounds, in siemens. */
        public double levelSpacingSiemens(ConductanceBounds bounds) {
            return (bounds.maxSiemens() - bounds.minSiemens()) / ((1 << bits) - 1);
        }

        @Override
        public double applied(int device, double g, double requested, ConductanceBounds bounds, Rng rng) {
            double step = levelSpacingSiemens(bounds);
            if (step == 0) {
                return bounds.minSiemens() - g;
            }
            double position = (bounds.clip(g + requested) - bounds.minSiemens()) / step;
            double lower = Math.floor(position);
            double level = rng.nextDouble() < position - lower ? lower + 1 : lower;
            return bounds.clip(bounds.minSiemens() + level * step) - g;
        }
    }

    /**
     * Asymmetric, nonlinear potentiation and depression with soft bounds: with {@code x = (g - min)/(max - min)},
     * an increase is scaled by {@code potentiationGain * (1 - x)^potentiationExponent}, a decrease by
     * {@code depressionGain * x^depressionExponent}; the device slows down as it nears either bound.
     *
     * @param potentiationGain     gain on increases, > 0
     * @param depressionGain       gain on decreases, > 0
     * @param potentiationExponent nonlinearity of increases, >= 0 (0 = linear)
     * @param depressionExponent   nonlinearity of decreases, >= 0
     */
    record SoftBounds(double potentiationGain, double depressionGain, double potentiationExponent,
                      double depressionExponent) implements DeviceModel {
        /** Validates the parameters. */
        public SoftBounds {
            if (!(potentiationGain > 0) || !(depressionGain > 0) || !(potentiationExponent >= 0)
                    || !(depressionExponent >= 0)) {
                throw new IllegalArgumentException("soft-bound gains must be > 0 and exponents >= 0");
            }
        }

        @Override
        public double applied(int device, double g, double requested, ConductanceBounds bounds, Rng rng) {
            double span = bounds.maxSiemens() - bounds.minSiemens();
            double x = span == 0 ? 0 : Math.max(0, Math.min(1, (g - bounds.minSiemens()) / span));
            double scaled = requested >= 0
                    ? requested * potentiationGain * Math.pow(1 - x, potentiationExponent)
                    : requested * depressionGain * Math.pow(x, depressionExponent);
            return bounds.clip(g + scaled) - g;
        }
    }

    /**
     * Multiplicative write noise: the request is scaled by {@code 1 + sigma Z} (Z standard normal)
     * before the inner model applies it.
     *
     * @param inner the device underneath
     * @param sigma relative noise, >= 0
     */
    record WriteNoise(DeviceModel inner, double sigma) implements DeviceModel {
        /** Validates sigma. */
        public WriteNoise {
            java.util.Objects.requireNonNull(inner, "inner");
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("write noise sigma must be finite and >= 0");
            }
        }

        @Override
        public double applied(int device, double g, double requested, ConductanceBounds bounds, Rng rng) {
            return inner.applied(device, g, requested * (1 + sigma * rng.nextGaussian()), bounds, rng);
        }
    }

    /**
     * Device-to-device variation: device {@code e} scales every request by a fixed factor
     * {@code exp(sigma Z_e)}, {@code Z_e} standard normal drawn once from {@code seed} and {@code e}.
     *
     * @param inner the device underneath
     * @param sigma spread of the log gain, >= 0
     * @param seed  seed of the per-device factors
     */
    record Variation(DeviceModel inner, double sigma, long seed) implements DeviceModel {
        /** Validates sigma. */
        public Variation {
            java.util.Objects.requireNonNull(inner, "inner");
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("variation sigma must be finite and >= 0");
            }
        }

        /** The fixed gain factor of device {@code e}. */
        public double factor(int device) {
            return Math.exp(sigma * new Rng(seed * 0x9E3779B97F4A7C15L + device).nextGaussian());
        }

        @Override
        public double applied(int device, double g, double requested, ConductanceBounds bounds, Rng rng) {
            return inner.applied(device, g, requested * factor(device), bounds, rng);
        }
    }
}
