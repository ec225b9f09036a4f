package org.spicelearn.cli;

import picocli.CommandLine.Command;

/**
 * {@code spicelearn bench ...}: benchmarks whose last line is {@code RESULT key=value ...}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints its figures and ends with a RESULT line.",
        subcommands = {BenchIdealSolveCommand.class, BenchNgspiceCommand.class, BenchNgspiceSoakCommand.class,
                BenchNgspiceTransientCommand.class, BenchBatchCommand.class, BenchTrainCommand.class, BenchHilCommand.class})
public final class BenchCommand {
}
