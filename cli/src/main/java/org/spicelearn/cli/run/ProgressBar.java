package org.spicelearn.cli.run;

import java.io.PrintWriter;
import java.util.Locale;
import org.spicelearn.learn.train.Checkpoint;
import org.spicelearn.learn.train.EpochMetrics;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingData;
import org.spicelearn.learn.train.TrainingListener;
import org.spicelearn.learn.train.TrainingStep;

/**
 * A progress bar on a writer (standard error): epoch, progress within the epoch, samples/s, and the last
 * epoch's loss and accuracy. Redrawn in place at most every 200 ms on a terminal; on a pipe one
 * line per epoch.
 */
public final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 24;
    private final PrintWriter out;
    private final boolean terminal;
    private int epochs;
    private int trainSize;
    private int epoch = 1;
    private int samplesInEpoch;
    private int lastSample = -1;
    private long epochStartNanos;
    private long lastDrawNanos;
    private String lastMetrics = "";

    /** A bar on {@code out}; {@code terminal} selects in-place redrawing. */
    public ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onInit(TrainingConfig config, TrainingData data, int startEpoch) {
        epochs = config.epochs();
        trainSize = data.train().size();
        epoch = startEpoch + 1;
        epochStartNanos = System.nanoTime();
    }

    @Override
    public void onStep(TrainingStep step) {
        if (step.epoch() != epoch) {
            epoch = step.epoch();
            samplesInEpoch = 0;
            epochStartNanos = System.nanoTime();
        }
        if (step.sample() != lastSample) {
            lastSample = step.sample();
            samplesInEpoch++;
        }
        long now = System.nanoTime();
        if (terminal && now - lastDrawNanos > 200_000_000L) {
            lastDrawNanos = now;
            double rate = samplesInEpoch / Math.max((now - epochStartNanos) * 1e-9, 1e-9);
            draw(String.format(Locale.ROOT, "%.0f samples/s", rate));
        }
    }

    @Override
    public void onEpoch(EpochMetrics m, Checkpoint checkpoint) {
        lastMetrics = String.format(Locale.ROOT, "loss %.4f V^2%s", m.trainLoss(),
                Double.isNaN(m.trainAccuracy()) ? "" : String.format(Locale.ROOT, "  acc %.1f%% (test %.1f%%)",
                        100 * m.trainAccuracy(), 100 * m.testAccuracy()));
        samplesInEpoch = trainSize;
        String rate = String.format(Locale.ROOT, "%.0f samples/s", m.samplesPerSecond());
        if (terminal) {
            draw(rate);
        } else {
            out.printf(Locale.ROOT, "epoch %d/%d  %s  %s%n", m.epoch(), epochs, rate, lastMetrics);
            out.flush();
        }
        lastSample = -1;
        samplesInEpoch = 0;
        epoch = m.epoch() + 1;
        epochStartNanos = System.nanoTime();
    }

    @Override
    public void onFinish(org.spicelearn.learn.train.TrainingResult result) {
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private void draw(String rate) {
        int filled = trainSize == 0 ? 0 : Math.min(WIDTH, samplesInEpoch * WIDTH / trainSize);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        out.printf(Locale.ROOT, "\repoch %d/%d [%s] %s  %s   ", Math.min(epoch, epochs), epochs, bar, rate, lastMetrics);
        out.flush();
    }
}
