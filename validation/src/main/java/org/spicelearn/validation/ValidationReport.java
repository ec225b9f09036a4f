package org.spicelearn.validation;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a validation run: one section per experiment, in run order.
 *
 * @param quick    whether the reduced suite ran
 * @param started  when the run started
 * @param seconds  total wall time
 * @param sections the experiments' results
 */
public record ValidationReport(boolean quick, Instant started, double seconds, List<SectionResult> sections) {
    /** Copies the list. */
    public ValidationReport {
        sections = List.copyOf(sections);
    }

    /** Whether every experiment passed every check. */
    public boolean passed() {
        return !sections.isEmpty() && sections.stream().allMatch(SectionResult::passed);
    }

    /** Every check of every section that failed, as {@code experiment/check}. */
    public List<String> failures() {
        return sections.stream().flatMap(s -> s.checks().stream().filter(c -> !c.passed())
                .map(c -> s.experiment().cliName() + "/" + c.name())).toList();
    }
}
