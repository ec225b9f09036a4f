package org.spicelearn.learn.data;

import java.util.List;

/** Malformed data: every problem found, each naming its source and line. */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    /** Creates the exception from a non-empty list of problems. */
    public DataFormatException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, one per line. */
    public List<String> problems() {
        return problems;
    }
}
