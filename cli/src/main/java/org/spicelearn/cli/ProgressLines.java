package org.spicelearn.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** The progress and event lines of a long-running command, printed as they come. */
final class ProgressLines {
    private ProgressLines() {
    }

    /** A sink that prints each line to {@code out} and flushes it, so that progress shows while the command runs. */
    static Consumer<String> printingTo(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }
}
