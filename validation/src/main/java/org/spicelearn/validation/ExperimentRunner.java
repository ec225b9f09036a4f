package org.spicelearn.validation;

/** Runs one experiment and reports its checks, plots and tables. */
@FunctionalInterface
public interface ExperimentRunner {

    /** Runs the experiment with the given sizing. */
    SectionResult run(ValidationSettings settings);
}
