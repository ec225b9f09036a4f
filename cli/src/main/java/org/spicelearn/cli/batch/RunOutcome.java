package org.spicelearn.cli.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The end of one run.
 *
 * @param run         the run
 * @param status      completed or failed
 * @param exitCode    the worker's exit code (128 + signal when a signal killed it; -1 when it never ran or timed out)
 * @param wallSeconds wall time of the worker, seconds
 * @param metrics     the last row of the run's {@code metrics.csv} by column (empty when there is none)
 * @param message     for a failure, what went wrong and the tail of the worker's stderr; "" otherwise
 * @param resumed     whether the run had completed in an earlier invocation and was skipped
 */
public record RunOutcome(PlannedRun run, RunStatus status, int exitCode, double wallSeconds, Map<String, String> metrics,
                         String message, boolean resumed) {
    /** Copies the metrics. */
    public RunOutcome {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of a metric as a number, or NaN when absent or not a number. */
    public double metric(String name) {
        String v = metrics.get(name);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
