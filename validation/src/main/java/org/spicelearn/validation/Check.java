package org.spicelearn.validation;

import java.util.List;
import java.util.Objects;

/**
 * One pass/fail statement of an experiment: a measured value, the region theory allows it, and
 * the figures behind it.
 *
 * @param name        short identifier, unique within its experiment (e.g. {@code dc-linear-relative-error})
 * @param description one sentence saying what is compared
 * @param value       the measured value the bound is applied to
 * @param unit        the value's unit ({@code ""} when dimensionless)
 * @param bound       where the value must lie
 * @param figures     further numbers behind the value
 */
public record Check(String name, String description, double value, String unit, Bound bound, List<Figure> figures) {
    /** Copies and validates. */
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(bound, "bound");
        figures = List.copyOf(figures);
    }

    /** A check without further figures. */
    public static Check of(String name, String description, double value, String unit, Bound bound) {
        return new Check(name, description, value, unit, bound, List.of());
    }

    /** Whether the value lies within the bound (never for NaN). */
    public boolean passed() {
        return bound.accepts(value);
    }
}
