package org.spicelearn.validation;

import java.util.List;

/**
 * What one experiment produced: the prose a reader needs (what is tested, what theory predicts,
 * what was measured), its checks, plots and tables.
 *
 * @param experiment the experiment
 * @param tested     what is tested, in plain words
 * @param theory     what theory predicts, with the numbers the checks use
 * @param measured   a summary of what was measured
 * @param checks     the pass/fail statements
 * @param plots      charts
 * @param tables     tables
 * @param seconds    wall time of the experiment
 */
public record SectionResult(Experiment experiment, String tested, String theory, String measured, List<Check> checks,
                            List<Plot> plots, List<Table> tables, double seconds) {
    /** Copies the lists. */
    public SectionResult {
        checks = List.copyOf(checks);
        plots = List.copyOf(plots);
        tables = List.copyOf(tables);
    }

    /** Whether every check passed (false when there are none: an experiment without checks shows nothing). */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** A copy with the wall time set. */
    public SectionResult withSeconds(double wallSeconds) {
        return new SectionResult(experiment, tested, theory, measured, checks, plots, tables, wallSeconds);
    }
}
