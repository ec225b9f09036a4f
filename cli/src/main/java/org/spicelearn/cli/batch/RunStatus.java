package org.spicelearn.cli.batch;

/** How a run of a batch ended. */
public enum RunStatus {
    /** The worker exited 0 and the run directory holds its {@code result.xml}. */
    COMPLETED,
    /** The spec was bad, training failed, the worker crashed or timed out; the message says which. */
    FAILED
}
