package org.spicelearn.cli.batch;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a batch on a stream (stderr): one line per started and finished run with the counts
 * of runs done, running, failed and pending, the elapsed time and an ETA. The ETA assumes the runs
 * still to do take, on average, as long as those finished in this invocation, spread over the workers.
 * Thread-safe.
 */
final class BatchProgress {
    private final PrintStream out;
    private final int total;
    private final int workers;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private int done;
    private int failed;
    private int running;
    private int finishedHere;
    private double secondsHere;

    BatchProgress(PrintStream out, int total, int skipped, int workers, LongSupplier nanoClock) {
        this.out = out;
        this.total = total;
        this.workers = workers;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.done = skipped;
        if (skipped > 0) {
            out.printf(Locale.ROOT, "batch: %d of %d runs already complete, skipped%n", skipped, total);
        }
    }

    /** Reports that a run started. */
    synchronized void started(String id) {
        running++;
        line("start " + id);
    }

    /** Reports that a run ended; {@code detail} is a short note (a metric, or the failure's first line). */
    synchronized void finished(RunOutcome outcome, String detail) {
        running--;
        done++;
        finishedHere++;
        secondsHere += outcome.wallSeconds();
        if (outcome.status() == RunStatus.FAILED) {
            failed++;
        }
        String verb = outcome.status() == RunStatus.COMPLETED ? "done  " : "FAILED";
        line(String.format(Locale.ROOT, "%s %s (%.1f s)%s", verb, outcome.run().id(), outcome.wallSeconds(),
                detail.isEmpty() ? "" : ": " + detail));
    }

    /** The estimated seconds until every run is done, or NaN before any finished. */
    synchronized double etaSeconds() {
        if (finishedHere == 0) {
            return Double.NaN;
        }
        double mean = secondsHere / finishedHere;
        int pending = total - done - running;
        return (pending + 0.5 * running) * mean / workers;
    }

    private void line(String event) {
        int pending = total - done - running;
        double elapsed = (nanoClock.getAsLong() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "batch: %-40s | %d/%d done, %d running, %d failed, %d pending | elapsed %s, ETA %s%n",
                event, done, total, running, failed, pending, clock(elapsed), clock(etaSeconds()));
        out.flush();
    }

    /** Seconds as {@code h:mm:ss} or {@code m:ss}; "?" when unknown. */
    static String clock(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
