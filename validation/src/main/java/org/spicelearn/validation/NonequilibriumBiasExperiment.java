package org.spicelearn.validation;

/** Placeholder while the module is built up (replaced before commit). */
public final class NonequilibriumBiasExperiment implements ExperimentRunner {
    @Override
    public SectionResult run(ValidationSettings settings) {
        throw new UnsupportedOperationException("not written yet");
    }
}
