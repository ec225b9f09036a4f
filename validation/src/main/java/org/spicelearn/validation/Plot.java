package org.spicelearn.validation;

import java.util.List;
import java.util.Objects;

/**
 * A line chart of one or more series, rendered into the HTML report.
 *
 * @param title  chart title
 * @param xLabel x axis label with unit
 * @param yLabel y axis label with unit
 * @param logX   logarithmic x axis
 * @param logY   logarithmic y axis
 * @param series the curves
 */
public record Plot(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series) {
    /** Copies the series. */
    public Plot {
        Objects.requireNonNull(title, "title");
        series = List.copyOf(series);
    }

    /**
     * One curve.
     *
     * @param name  legend entry
     * @param x     abscissae
     * @param y     ordinates (same length)
     * @param style lines, points, or both
     */
    public record Series(String name, double[] x, double[] y, Style style) {
        /** Copies and validates. */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }

        /** A series drawn with lines and points. */
        public static Series of(String name, double[] x, double[] y) {
            return new Series(name, x, y, Style.LINES_AND_POINTS);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }
    }

    /** How a series is drawn. */
    public enum Style {
        /** Lines only (predictions, dense curves). */
        LINES,
        /** Points only (measurements). */
        POINTS,
        /** Both. */
        LINES_AND_POINTS
    }
}
