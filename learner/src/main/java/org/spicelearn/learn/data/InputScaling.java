package org.spicelearn.learn.data;

/**
 * How a raw feature becomes a dimensionless value before an input binding turns it into volts
 * ({@code volts = offsetVolts + scaleVolts * scaled(x)}). Statistics are fitted on the training rows only.
 */
public sealed interface InputScaling permits InputScaling.None, InputScaling.MinMax, InputScaling.ZScore {

    /** The raw value unchanged. */
    record None() implements InputScaling {
    }

    /** Min-max to [-1, 1]: {@code 2 (x - min)/(max - min) - 1} (0 for a constant column). */
    record MinMax() implements InputScaling {
    }

    /** The z-score {@code (x - mean)/sd} (0 for a constant column). */
    record ZScore() implements InputScaling {
    }

    /** Fits this scaling on one column of the training table: returns {@code {a, b}} with scaled = a x + b. */
    default double[] fit(DataTable train, int column) {
        if (this instanceof None) {
            return new double[] {1, 0};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSq = 0;
        int n = train.size();
        for (int r = 0; r < n; r++) {
            double x = train.value(r, column);
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        double mean = sum / n;
        for (int r = 0; r < n; r++) {
            double d = train.value(r, column) - mean;
            sumSq += d * d;
        }
        if (this instanceof MinMax) {
            return max > min ? new double[] {2 / (max - min), -1 - 2 * min / (max - min)} : new double[] {0, 0};
        }
        double sd = Math.sqrt(sumSq / n);
        return sd > 0 ? new double[] {1 / sd, -mean / sd} : new double[] {0, 0};
    }
}
