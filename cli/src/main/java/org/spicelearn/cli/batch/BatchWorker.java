package org.spicelearn.cli.batch;

import java.io.IOException;
import java.io.InputStream;
import org.spicelearn.cli.Main;

/**
 * The entry point of a batch worker process: {@code BatchWorker SPEC RUNDIR} runs
 * {@code spicelearn train SPEC --out RUNDIR} and exits with its code. It also watches its standard
 * input, a pipe held open by the batch: when that closes (the batch was killed, even with -9) the
 * worker halts at once, so no orphan keeps writing into a run directory the next batch will clean.
 */
public final class BatchWorker {
    /** Exit code of a worker that halted because its batch disappeared. */
    public static final int EXIT_ORPHANED = 3;

    private BatchWorker() {
    }

    /** Trains one run; see the class comment. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BatchWorker SPEC RUNDIR (started by spicelearn batch)");
            System.exit(Main.EXIT_BAD_INPUT);
        }
        watchParent(System.in);
        System.exit(Main.commandLine().execute("train", args[0], "--out", args[1]));
    }

    /** Halts the JVM when {@code in} reaches end-of-file. */
    static void watchParent(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // the batch never writes; ignore anything that arrives
                }
            } catch (IOException e) {
                // a broken pipe means the same as end-of-file
            }
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }, "batch-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
