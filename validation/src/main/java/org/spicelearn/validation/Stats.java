package org.spicelearn.validation;

/** Small numerical helpers of the experiments: means, deviations, norms, log-log slopes. */
public final class Stats {
    private Stats() {
    }

    /** The arithmetic mean (NaN when empty). */
    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /** The sample standard deviation ({@code n - 1} in the denominator; 0 for one value). */
    public static double sd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    /** A copy of {@code a} with every entry multiplied by {@code factor}. */
    public static double[] scaled(double[] a, double factor) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    /** The Euclidean norm. */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** The dot product. */
    public static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The cosine of the angle between two vectors. */
    public static double cosine(double[] a, double[] b) {
        return dot(a, b) / (norm(a) * norm(b));
    }

    /** {@code |a - b| / |b|}. */
    public static double relativeError(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return norm(d) / norm(b);
    }

    /** The largest {@code |a_i - b_i|}. */
    public static double maxAbsDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** The largest {@code |a_i|}. */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The least-squares slope of {@code log y} against {@code log x}. */
    public static double logLogSlope(double[] x, double[] y) {
        double[] lx = new double[x.length];
        double[] ly = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
        }
        return slope(lx, ly);
    }

    /** The least-squares slope of {@code y} against {@code x}. */
    public static double slope(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    /** {@code n} values spaced geometrically from {@code first} to {@code last}. */
    public static double[] geometric(double first, double last, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = first * Math.pow(last / first, n == 1 ? 0 : (double) i / (n - 1));
        }
        return out;
    }
}
