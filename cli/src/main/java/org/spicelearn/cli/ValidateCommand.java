package org.spicelearn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spicelearn.validation.Experiment;
import org.spicelearn.validation.ValidationReport;
import org.spicelearn.validation.ValidationSettings;
import org.spicelearn.validation.ValidationSuite;
import org.spicelearn.validation.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn validate [EXPERIMENT...] [--quick] [--out DIR]}: runs the validation
 * experiments and writes {@code DIR/validation.xml} and {@code DIR/report.html}. Exit code 0 when
 * every check passes, 1 when one fails, 2 for bad usage.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Runs validation experiments (all when none is named) and writes DIR/validation.xml and a "
                + "self-contained DIR/report.html.",
            "Experiments: solver-agreement, gradient, unbiased-phases, flexible-vs-rigid, nonequilibrium-bias, "
                + "trajectory, devices.",
            "Exit code: 0 all checks pass, 1 a check fails, 2 bad usage."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXPERIMENT", arity = "0..*",
            description = "Experiments to run, in any order (default: all).")
    private List<String> experimentNames = new ArrayList<>();

    @Option(names = "--quick", description = "Run the reduced suite (a few minutes on 2 cores).")
    private boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "validation-report",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--library", paramLabel = "DIR",
            description = "Directory of the library netlists (default: netlists/library under the working "
                    + "directory, else under the repository the command runs from).")
    private Path library;

    @Option(names = "--seed", defaultValue = "1", description = "Base seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Spec
    private CommandSpec spec;

    /**
     * {@code netlists/library} under the working directory when it exists, else under the repository
     * holding the running jar ({@code cli/target/spicelearn.jar}), else the relative path (reported
     * as missing).
     */
    static Path defaultLibrary() {
        Path relative = Path.of("netlists", "library");
        if (Files.isDirectory(relative)) {
            return relative;
        }
        try {
            Path code = Path.of(ValidateCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(relative))) {
                    return p.resolve(relative);
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through to the relative path, which the caller reports as missing
        }
        return relative;
    }

    @Override
    public Integer call() {
        List<Experiment> experiments = new ArrayList<>();
        for (String name : experimentNames) {
            try {
                experiments.add(Experiment.byName(name));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("validate: " + e.getMessage());
            }
        }
        if (library == null) {
            library = defaultLibrary();
        }
        if (!Files.isDirectory(library)) {
            throw new BadInputException("validate: netlist library " + library + " is not a directory "
                    + "(run from the repository root or pass --library DIR)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("validate: --out " + out + " exists and is not a directory");
        }
        PrintWriter w = spec.commandLine().getOut();
        ValidationSuite suite = new ValidationSuite(new ValidationSettings(quick, library, seed), ProgressLines.printingTo(w));
        ValidationReport report = suite.run(experiments);
        ReportWriter.write(report, out);
        int checks = report.sections().stream().mapToInt(s -> s.checks().size()).sum();
        for (String f : report.failures()) {
            w.println("FAILED " + f);
        }
        w.printf(Locale.ROOT, "%s: %d of %d checks passed in %.1f s; wrote %s and %s%n",
                report.passed() ? "PASS" : "FAIL", checks - report.failures().size(), checks, report.seconds(),
                out.resolve(ReportWriter.XML_FILE), out.resolve(ReportWriter.HTML_FILE));
        w.flush();
        return report.passed() ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
}
