package org.spicelearn.netlist;

/**
 * One logical netlist line: comments stripped, continuation lines joined, case kept.
 *
 * @param file the file it comes from (display form)
 * @param line the one-based number of its first physical line
 * @param text the text
 */
record Card(String file, int line, String text) {
    /** A problem located at this card. */
    NetlistProblem problem(String message) {
        return new NetlistProblem(file, line, message);
    }

    /** A copy with other text at the same place. */
    Card withText(String newText) {
        return new Card(file, line, newText);
    }
}
