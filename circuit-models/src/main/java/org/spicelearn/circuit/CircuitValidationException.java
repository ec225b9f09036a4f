package org.spicelearn.circuit;

import java.util.List;

/** Thrown when a circuit is not well formed; carries every problem found, not only the first. */
public final class CircuitValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** Creates the exception from a non-empty list of problems. */
    public CircuitValidationException(List<String> problems) {
        super("invalid circuit: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
