package org.spicelearn.netlist;

import java.util.Objects;

/**
 * One problem (error or warning) in a netlist, located by file and line.
 *
 * @param file    the file as the user named it (or as resolved from an include), or a label such as
 *                {@code <string>} for text without a file
 * @param line    one-based physical line number of the problem (of the first line of a continued
 *                card); 0 when it belongs to no line
 * @param message what is wrong, one sentence without the location
 */
public record NetlistProblem(String file, int line, String message) {
    /** Validates. */
    public NetlistProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** The problem as {@code FILE:LINE: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
