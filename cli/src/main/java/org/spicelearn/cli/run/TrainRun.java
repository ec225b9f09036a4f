package org.spicelearn.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.cli.spec.TrainingSetup;
import org.spicelearn.learn.train.Trainer;
import org.spicelearn.learn.train.TrainingListener;
import org.spicelearn.learn.train.TrainingResult;

/**
 * One training run into a run directory, as {@code train} and {@code demo} perform it: opens the
 * substrate, attaches the run directory and any listeners, installs a shutdown hook so Ctrl-C or a
 * kill stops at the next sample boundary and leaves complete files, runs, writes {@code result.xml}.
 */
public final class TrainRun {
    private TrainRun() {
    }

    /**
     * Runs the setup.
     *
     * @param setup     what to train
     * @param outDir    the run directory
     * @param listeners extra listeners (progress bar, observable adapter)
     * @return the result
     */
    public static TrainingResult execute(TrainingSetup setup, Path outDir, TrainingListener... listeners) {
        return execute(setup, outDir, () -> Substrates.open(setup), listeners);
    }

    /** Runs the setup on the substrate {@code opener} opens (e.g. a remote one, {@code train --substrate}); closes it. */
    public static TrainingResult execute(TrainingSetup setup, Path outDir, java.util.function.Supplier<Substrate> opener,
                                         TrainingListener... listeners) {
        RunDirectory dir = new RunDirectory(outDir, setup);
        try (Substrate substrate = opener.get()) {
            Trainer trainer = new Trainer(substrate, setup.config(), setup.data());
            trainer.addListener(dir);
            for (TrainingListener l : listeners) {
                trainer.addListener(l);
            }
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                trainer.requestStop();
                try {
                    finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "spicelearn-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                TrainingResult result = trainer.run();
                dir.writeResult(result, result.stopped() ? "stopped" : "finished");
                return result;
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it only waits for the latch released above
                }
            }
        }
    }

    /** Prints the final summary lines. */
    public static void summary(PrintWriter out, TrainingSetup setup, TrainingResult result, Path outDir) {
        var last = result.last();
        if (last != null) {
            boolean test = !setup.data().test().isEmpty();
            if (setup.data().classification()) {
                out.printf(Locale.ROOT, "train accuracy %.1f%%%s  (loss %.4f%s V^2)%n", 100 * last.trainAccuracy(),
                        test ? String.format(Locale.ROOT, "  test accuracy %.1f%%", 100 * last.testAccuracy()) : "",
                        last.trainLoss(), test ? String.format(Locale.ROOT, " / %.4f", last.testLoss()) : "");
            } else {
                out.printf(Locale.ROOT, "train loss %.5f V^2%s%n", last.trainLoss(),
                        test ? String.format(Locale.ROOT, "  test loss %.5f V^2", last.testLoss()) : "");
            }
        }
        out.printf(Locale.ROOT, "%s substrate, %d samples in %.1f s (%.0f samples/s)%s%n",
                setup.substrate().name().toLowerCase(Locale.ROOT), result.samplesSeen(), result.wallSeconds(),
                result.samplesPerSecond(), result.stopped() ? ", stopped early" : "");
        out.println("output directory: " + outDir.toAbsolutePath().normalize());
        out.flush();
    }
}
