package org.spicelearn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spicelearn} command: train, batch, validate, solve, check, bench.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 bad input or usage.
 */
@Command(name = "spicelearn", mixinStandardHelpOptions = true, version = "spicelearn 0.1.0",
        description = "Train resistive networks with temporally local contrastive learning on ngspice.",
        subcommands = {BenchCommand.class, CheckCommand.class, SolveCommand.class, BatchCommand.class, TrainCommand.class, DemoCommand.class, ValidateCommand.class, HilCommand.class, CalibrateCommand.class})
public final class Main {
    /** Exit code of a successful run. */
    public static final int EXIT_OK = 0;
    /** Exit code of a run that failed. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of bad input or usage. */
    public static final int EXIT_BAD_INPUT = 2;

    private Main() {
    }

    /** Builds the command line with its exit-code mapping. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(t -> t instanceof BadInputException || t instanceof CommandLine.ParameterException
                ? EXIT_BAD_INPUT : EXIT_FAILURE);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof BadInputException bad) {
                line.getErr().println(bad.getMessage());
                return EXIT_BAD_INPUT;
            }
            line.getErr().println("spicelearn: " + ex);
            if (System.getenv("SPICELEARN_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            }
            return EXIT_FAILURE;
        });
        return cl;
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
