package org.spicelearn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spicelearn.cli.run.AtomicFiles;
import org.spicelearn.cli.run.ProgressBar;
import org.spicelearn.cli.run.TrainRun;
import org.spicelearn.cli.spec.SpecTranslator;
import org.spicelearn.cli.spec.TrainingSetup;
import org.spicelearn.learn.train.TrainingResult;
import org.spicelearn.netlist.LibraryNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn demo}: trains the library's Iris network (4-10-3, Shockley diodes) on ngspice
 * with temporally local, stochastic-phase equilibrium propagation, shows progress, and ends with the
 * test accuracy and the output directory. The netlist and the spec it used are copied into
 * {@code DIR/input/}, so {@code spicelearn train DIR/input/iris-demo.spec.xml} repeats it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train the Iris network on ngspice with temporally local, stochastic-phase EP (about a minute).",
            "Ends with the test accuracy and the output directory."})
public final class DemoCommand implements Callable<Integer> {
    /** Class-path location of the demo spec. */
    public static final String SPEC_RESOURCE = "/demo/iris-demo.spec.xml";

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/demo-TIMESTAMP)")
    private Path out;

    @Option(names = "--substrate", paramLabel = "KIND", description = "ngspice (default) or ideal")
    private String substrate = "ngspice";

    @Spec
    private CommandSpec command;

    @Override
    public Integer call() {
        TrainingSetup.SubstrateKind kind;
        try {
            kind = TrainingSetup.SubstrateKind.valueOf(substrate.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--substrate must be ngspice or ideal, got " + substrate);
        }
        Path dir = out != null ? out
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path spec = writeInputs(dir.resolve("input"));
        TrainingSetup setup = SpecTranslator.load(spec).withSubstrate(kind);
        command.commandLine().getErr().printf(Locale.ROOT, "spicelearn demo: Iris 4-10-3 on %s, temporally local EP with stochastic phases,"
                + " %d epochs%n", substrate, setup.config().epochs());
        TrainingResult result = TrainRun.execute(setup, dir, new ProgressBar(command.commandLine().getErr(), System.console() != null));
        TrainRun.summary(command.commandLine().getOut(), setup, result, dir);
        return Main.EXIT_OK;
    }

    /** Writes the library's Iris netlist and the demo spec into {@code inputDir}; returns the spec path. */
    static Path writeInputs(Path inputDir) {
        LibraryNetwork iris = LibraryNetwork.IRIS;
        AtomicFiles.write(inputDir.resolve(iris.fileName()), iris.generate().netlist());
        Path spec = inputDir.resolve("iris-demo.spec.xml");
        AtomicFiles.write(spec, resource(SPEC_RESOURCE));
        return spec;
    }

    /** A class-path text resource. */
    static String resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
