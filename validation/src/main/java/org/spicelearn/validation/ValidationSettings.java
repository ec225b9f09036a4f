package org.spicelearn.validation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a validation run is sized and where it finds its inputs.
 *
 * @param quick            the reduced suite (minutes on 2 cores) instead of the full one
 * @param libraryDirectory the directory of library netlists ({@code netlists/library})
 * @param seed             base seed of every random choice
 */
public record ValidationSettings(boolean quick, Path libraryDirectory, long seed) {
    /** Validates. */
    public ValidationSettings {
        Objects.requireNonNull(libraryDirectory, "libraryDirectory");
    }

    /** {@code quickValue} in the quick suite, {@code fullValue} otherwise. */
    public int pick(int quickValue, int fullValue) {
        return quick ? quickValue : fullValue;
    }

    /** {@code quickValue} in the quick suite, {@code fullValue} otherwise. */
    public double pick(double quickValue, double fullValue) {
        return quick ? quickValue : fullValue;
    }
}
