package org.spicelearn.netlist;

/** A problem with one card, before it is located; the parser turns it into a {@link NetlistProblem}. */
final class LineError extends Exception {
    private static final long serialVersionUID = 1L;

    LineError(String message) {
        super(message, null, false, false);
    }
}
