package org.spicelearn.learn;

import java.util.Arrays;

/**
 * A small seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64) whose whole
 * state is four longs, so a checkpoint can store it and a resumed run continues the same stream.
 *
 * <p>Not thread-safe: one generator per training run.
 */
public final class Rng {
    private final long[] s = new long[4];

    /** A generator seeded from {@code seed}. */
    public Rng(long seed) {
        long x = seed;
        for (int i = 0; i < 4; i++) {
            x += 0x9E3779B97F4A7C15L;
            long z = x;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            s[i] = z ^ (z >>> 31);
        }
    }

    /** A generator continuing from a saved {@link #state()}. */
    public static Rng fromState(long[] state) {
        if (state.length != 4 || (state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("an Rng state is four longs, not all zero");
        }
        Rng r = new Rng(0);
        System.arraycopy(state, 0, r.s, 0, 4);
        return r;
    }

    /** A copy of the four state words. */
    public long[] state() {
        return s.clone();
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s[1] * 5, 7) * 9;
        long t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = Long.rotateLeft(s[3], 45);
        return result;
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform double in (0, 1], safe for logarithms. */
    public double nextOpenDouble() {
        return 1.0 - nextDouble();
    }

    /** A uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    /** A standard normal variate (Box-Muller, one value per call, nothing cached). */
    public double nextGaussian() {
        return Math.sqrt(-2 * Math.log(nextOpenDouble())) * Math.cos(2 * Math.PI * nextDouble());
    }

    /** Whether a Bernoulli trial of probability {@code p} succeeds. */
    public boolean nextBoolean(double p) {
        return nextDouble() < p;
    }

    /** A Poisson variate of the given mean (inversion; fine for the small means used here). */
    public int nextPoisson(double mean) {
        if (mean < 0) {
            throw new IllegalArgumentException("Poisson mean must be >= 0");
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = nextDouble();
        double cdf = l;
        double term = l;
        while (p > cdf && k < 1000) {
            k++;
            term *= mean / k;
            cdf += term;
        }
        return k;
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public String toString() {
        return "Rng" + Arrays.toString(s);
    }
}
