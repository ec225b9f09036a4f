package org.spicelearn.learn.data;

/**
 * One input voltage source driven by one data column:
 * {@code volts = offsetVolts + scaleVolts * scaled(x[column])}.
 *
 * @param sourceName  the voltage source (lower case), e.g. {@code vin0p}
 * @param column      the data column
 * @param scaleVolts  volts per scaled unit (negative for the inverted member of a differential pair)
 * @param offsetVolts volts added
 */
public record InputBinding(String sourceName, String column, double scaleVolts, double offsetVolts) {
    /** Validates the numbers and lower-cases the source name. */
    public InputBinding {
        sourceName = sourceName.toLowerCase(java.util.Locale.ROOT);
        if (!Double.isFinite(scaleVolts) || !Double.isFinite(offsetVolts)) {
            throw new IllegalArgumentException("input " + sourceName + " needs a finite scale and offset");
        }
    }
}
