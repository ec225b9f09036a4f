package org.spicelearn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.cli.run.Substrates;
import org.spicelearn.cli.spec.SpecTranslator;
import org.spicelearn.cli.spec.TrainingSetup;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.train.Trainer;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn bench train}: training throughput (samples/s, evaluation excluded) of the Iris
 * demo spec on the ideal substrate and on ngspice, with the rigid baseline (free then nudged, one
 * update per pair) measured in the same run as the reference. One untimed epoch per substrate
 * warms up the JIT and the library first.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Samples/s of the Iris demo spec on the ideal and ngspice substrates, with the rigid baseline.",
            "Last line: RESULT ngspice_samples_per_s=... ideal_samples_per_s=... (temporally local)"})
public final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--epochs", description = "epochs per measurement (default ${DEFAULT-VALUE})")
    private int epochs = 5;

    @Spec
    private CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new BadInputException("--epochs must be >= 1");
        }
        Path tmp = Files.createTempDirectory("spicelearn-bench-train");
        try {
            Path spec = DemoCommand.writeInputs(tmp);
            TrainingSetup setup = SpecTranslator.load(spec);
            TrainingConfig local = setup.config().withEpochs(epochs);
            TrainingConfig rigid = new TrainingConfig(local.rule(), new PhaseDynamics.Rigid(1, 1), local.mode(),
                    local.device(), local.rate(), epochs, local.seed());
            out().printf(Locale.ROOT, "bench train: Iris 4-10-3 demo spec, %d training samples x %d epochs per run%n",
                    setup.data().train().size(), epochs);
            // warm-up (JIT, ngspice library load), not reported
            measure(setup, TrainingSetup.SubstrateKind.IDEAL, local.withEpochs(1), null);
            measure(setup, TrainingSetup.SubstrateKind.NGSPICE, local.withEpochs(1), null);
            double idealLocal = measure(setup, TrainingSetup.SubstrateKind.IDEAL, local, "temporally local");
            double idealRigid = measure(setup, TrainingSetup.SubstrateKind.IDEAL, rigid, "rigid baseline");
            double ngLocal = measure(setup, TrainingSetup.SubstrateKind.NGSPICE, local, "temporally local");
            double ngRigid = measure(setup, TrainingSetup.SubstrateKind.NGSPICE, rigid, "rigid baseline");
            out().printf(Locale.ROOT, "ideal / ngspice speed ratio: %.1f (temporally local), %.1f (rigid)%n",
                    idealLocal / ngLocal, idealRigid / ngRigid);
            out().printf(Locale.ROOT, "RESULT ngspice_samples_per_s=%.1f ideal_samples_per_s=%.1f "
                    + "ngspice_rigid_samples_per_s=%.1f ideal_rigid_samples_per_s=%.1f%n", ngLocal, idealLocal, ngRigid,
                    idealRigid);
            out().flush();
            return Main.EXIT_OK;
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private java.io.PrintWriter out() {
        return command.commandLine().getOut();
    }

    private double measure(TrainingSetup setup, TrainingSetup.SubstrateKind kind, TrainingConfig config,
                                  String label) {
        TrainingSetup s = setup.withSubstrate(kind).withConfig(config);
        try (Substrate substrate = Substrates.open(s)) {
            TrainingResult r = new Trainer(substrate, config, s.data()).run();
            var last = r.last();
            if (label == null) {
                return r.samplesPerSecond();
            }
            out().printf(Locale.ROOT, "%-8s %-17s %9.1f samples/s  (%d samples, train acc %.1f%%)%n",
                    kind.name().toLowerCase(Locale.ROOT), label, r.samplesPerSecond(), r.samplesSeen(),
                    100 * last.trainAccuracy());
            return r.samplesPerSecond();
        }
    }
}
