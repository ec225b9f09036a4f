package org.spicelearn.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.spicelearn.cli.run.ProgressBar;
import org.spicelearn.cli.run.TrainRun;
import org.spicelearn.cli.spec.SpecTranslator;
import org.spicelearn.cli.spec.TrainingSetup;
import org.spicelearn.learn.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/**
 * {@code spicelearn train SPEC [--out DIR]}: trains the network a training spec describes and writes
 * the run directory (result.xml, metrics.csv, trained.cir, checkpoints/).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network from a training spec (XML, schema spec/training-spec.xsd).",
            "Writes DIR/result.xml, DIR/metrics.csv, DIR/trained.cir and DIR/checkpoints/; Ctrl-C stops cleanly."})
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "the training spec")
    private Path spec;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/SPEC-NAME-TIMESTAMP)")
    private Path out;

    @Option(names = "--quiet", description = "no progress bar")
    private boolean quiet;

    @Spec
    private CommandSpec command;

    @Option(names = "--substrate", paramLabel = "remote:HOST:PORT",
            description = "train through a HIL server (docs/hil-protocol.md) instead of the spec's substrate")
    private String remote;

    @Option(names = "--token", description = "the HIL server's shared token (with --substrate)")
    private String token;

    @Option(names = "--device-model", paramLabel = "FILE", description = "device model file from calibrate devices "
            + "(with --substrate: pulses instead of the server's program-and-verify)")
    private Path deviceModel;

    @Override
    public Integer call() {
        TrainingSetup setup = SpecTranslator.load(spec);
        Path dir = out != null ? out : defaultDir(spec);
        java.util.function.Supplier<org.spicelearn.circuit.Substrate> opener = remote == null
                ? () -> org.spicelearn.cli.run.Substrates.open(setup) : () -> HilCommand.openRemote(remote, setup.circuit(),
                        token, deviceModel, command.commandLine().getErr());
        TrainingResult result = quiet ? TrainRun.execute(setup, dir, opener)
                : TrainRun.execute(setup, dir, opener, new ProgressBar(command.commandLine().getErr(), System.console() != null));
        TrainRun.summary(command.commandLine().getOut(), setup, result, dir);
        return Main.EXIT_OK;
    }

    /** {@code runs/NAME-yyyyMMdd-HHmmss} with NAME the spec file name without extensions. */
    static Path defaultDir(Path spec) {
        String name = spec.getFileName().toString().replaceFirst("(\\.spec)?\\.xml$", "");
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
