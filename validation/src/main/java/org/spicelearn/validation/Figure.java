package org.spicelearn.validation;

/**
 * A named number reported with a check (a measured quantity, a prediction, a setting).
 *
 * @param name  what it is
 * @param value the number
 * @param unit  its unit ({@code ""} when dimensionless)
 */
public record Figure(String name, double value, String unit) {
    /** A dimensionless figure. */
    public static Figure of(String name, double value) {
        return new Figure(name, value, "");
    }
}
