package org.spicelearn.cli.batch;

import java.util.List;

/**
 * What a batch invocation did.
 *
 * @param outcomes    every run's outcome, in plan order
 * @param skipped     runs complete from an earlier invocation
 * @param launched    runs started by this invocation
 * @param wallSeconds wall time of this invocation, seconds
 * @param metric      the metric the summary reports, or null when no run produced one
 */
public record BatchReport(List<RunOutcome> outcomes, int skipped, int launched, double wallSeconds, String metric) {
    /** Copies the list. */
    public BatchReport {
        outcomes = List.copyOf(outcomes);
    }

    /** The number of failed runs. */
    public long failed() {
        return outcomes.stream().filter(o -> o.status() == RunStatus.FAILED).count();
    }
}
