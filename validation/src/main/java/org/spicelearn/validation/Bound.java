package org.spicelearn.validation;

import java.util.Locale;

/**
 * The acceptance region of a check's measured value. A NaN or infinite value never passes.
 */
public sealed interface Bound permits Bound.AtMost, Bound.AtLeast, Bound.Within {

    /** Whether {@code value} lies in the region. */
    boolean accepts(double value);

    /** The region in words, e.g. {@code <= 1e-09}. */
    String describe();

    /** The schema keyword: {@code at-most}, {@code at-least} or {@code within}. */
    String kind();

    /** {@code value <= limit}. */
    record AtMost(double limit) implements Bound {
        @Override
        public boolean accepts(double value) {
            return Double.isFinite(value) && value <= limit;
        }

        @Override
        public String describe() {
            return "<= " + Format.number(limit);
        }

        @Override
        public String kind() {
            return "at-most";
        }
    }

    /** {@code value >= limit}. */
    record AtLeast(double limit) implements Bound {
        @Override
        public boolean accepts(double value) {
            return Double.isFinite(value) && value >= limit;
        }

        @Override
        public String describe() {
            return ">= " + Format.number(limit);
        }

        @Override
        public String kind() {
            return "at-least";
        }
    }

    /** {@code |value - target| <= tolerance}. */
    record Within(double target, double tolerance) implements Bound {
        @Override
        public boolean accepts(double value) {
            return Double.isFinite(value) && Math.abs(value - target) <= tolerance;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%s +/- %s", Format.number(target), Format.number(tolerance));
        }

        @Override
        public String kind() {
            return "within";
        }
    }
}
