package org.spicelearn.validation;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a list of experiments in order and collects their sections. An experiment that throws
 * becomes a section with one failing check ({@code completed}) carrying the error, so a broken
 * experiment can never look like a passing one.
 */
public final class ValidationSuite {
    private final ValidationSettings settings;
    private final Consumer<String> progress;

    /**
     * A suite.
     *
     * @param settings sizing and inputs
     * @param progress receives one line as each experiment starts and ends
     */
    public ValidationSuite(ValidationSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** The runner of an experiment. */
    public static ExperimentRunner runner(Experiment experiment) {
        switch (experiment) {
            case SOLVER_AGREEMENT:
                return new SolverAgreementExperiment();
            case GRADIENT:
                return new GradientExperiment();
            case UNBIASED_PHASES:
                return new UnbiasedPhasesExperiment();
            case FLEXIBLE_VS_RIGID:
                return new FlexibleVsRigidExperiment();
            case NONEQUILIBRIUM_BIAS:
                return new NonequilibriumBiasExperiment();
            case TRAJECTORY:
                return new TrajectoryExperiment();
            case DEVICES:
                return new DevicesExperiment();
            default:
                throw new AssertionError(experiment);
        }
    }

    /** Runs {@code experiments} (all of them when empty), in enum order, each once. */
    public ValidationReport run(List<Experiment> experiments) {
        List<Experiment> chosen = experiments.isEmpty() ? List.of(Experiment.values())
                : List.of(Experiment.values()).stream().filter(experiments::contains).toList();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<SectionResult> sections = new ArrayList<>();
        for (Experiment e : chosen) {
            progress.accept("running " + e.cliName() + (settings.quick() ? " (quick)" : ""));
            long s0 = System.nanoTime();
            SectionResult r;
            try {
                r = runner(e).run(settings);
            } catch (RuntimeException | LinkageError ex) {
                r = failed(e, ex);
            }
            r = r.withSeconds((System.nanoTime() - s0) * 1e-9);
            long failedChecks = r.checks().stream().filter(c -> !c.passed()).count();
            progress.accept(String.format(java.util.Locale.ROOT, "%s: %s, %d checks, %d failed, %.1f s", e.cliName(),
                    r.passed() ? "PASS" : "FAIL", r.checks().size(), failedChecks, r.seconds()));
            sections.add(r);
        }
        return new ValidationReport(settings.quick(), started, (System.nanoTime() - t0) * 1e-9, sections);
    }

    private static SectionResult failed(Experiment e, Throwable ex) {
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        SectionBuilder b = new SectionBuilder(e);
        b.check("completed", "The experiment ran to completion (it threw: " + ex + ")", 0, "", new Bound.AtLeast(1));
        b.measured("The experiment stopped with an error: %s", trace.toString().lines().limit(8)
                .reduce((x, y) -> x + " / " + y).orElse(ex.toString()));
        return b.build("The experiment could not run.", "-");
    }
}
