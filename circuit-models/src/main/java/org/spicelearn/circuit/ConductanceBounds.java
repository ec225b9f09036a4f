package org.spicelearn.circuit;

/**
 * The physical range of a trainable conductance, in siemens: {@code 0 < minSiemens <= maxSiemens}.
 *
 * @param minSiemens smallest reachable conductance (strictly positive)
 * @param maxSiemens largest reachable conductance
 */
public record ConductanceBounds(double minSiemens, double maxSiemens) {
    /** Validates the range. */
    public ConductanceBounds {
        if (!(minSiemens > 0) || !(maxSiemens >= minSiemens) || Double.isInfinite(maxSiemens)) {
            throw new IllegalArgumentException(
                    "conductance bounds need 0 < min <= max < inf, got [" + minSiemens + ", " + maxSiemens + "] S");
        }
    }

    /** Returns {@code siemens} clipped into the range. */
    public double clip(double siemens) {
        return Math.max(minSiemens, Math.min(maxSiemens, siemens));
    }

    /** Whether {@code siemens} lies inside the range. */
    public boolean contains(double siemens) {
        return siemens >= minSiemens && siemens <= maxSiemens;
    }
}
