package org.spicelearn.netlist;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The only exception {@link NetlistParser} throws: the netlist is not valid, and here is every
 * problem found (not only the first), each as {@code FILE:LINE: message}, in file order.
 */
public final class NetlistException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<NetlistProblem> problems;

    /** Creates the exception from a non-empty list of problems. */
    public NetlistException(List<NetlistProblem> problems) {
        super(problems.stream().map(NetlistProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a NetlistException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found. */
    public List<NetlistProblem> problems() {
        return problems;
    }
}
