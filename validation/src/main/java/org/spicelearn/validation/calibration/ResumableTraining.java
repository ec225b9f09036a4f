package org.spicelearn.validation.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.spicelearn.bridge.remote.RemoteUnavailableException;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.learn.train.Checkpoint;
import org.spicelearn.learn.train.EpochMetrics;
import org.spicelearn.learn.train.Trainer;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingData;
import org.spicelearn.learn.train.TrainingListener;
import org.spicelearn.learn.train.TrainingResult;

/**
 * Training on hardware that may go away: short connection losses are absorbed by the remote
 * substrate itself (it reconnects and repeats the interrupted requests); when it gives up, this
 * loop pauses, then resumes the run from its last complete checkpoint (conductances written back,
 * the RNG state restored; before the first checkpoint, from the initial conductances), so the run
 * is not lost and ends where an uninterrupted run would (exactly, on deterministic hardware). Each
 * resume is reported.
 */
public final class ResumableTraining {
    private ResumableTraining() {
    }

    /**
     * Trains {@code substrate} from its present conductances.
     *
     * @param maxResumes how many times a run may resume after the hardware became unavailable
     * @param events     receives one line per pause and resume
     * @throws RemoteUnavailableException when the hardware stays away through {@code maxResumes} resumes
     */
    public static TrainingResult train(Substrate substrate, TrainingConfig config, TrainingData data, int maxResumes,
                                       Consumer<String> events) {
        Checkpoint[] last = {null};
        Conductances initial = substrate.conductances();
        List<EpochMetrics> epochs = new ArrayList<>();
        double wall = 0;
        int resumes = 0;
        while (true) {
            Trainer trainer = new Trainer(substrate, config, data).addListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics, Checkpoint checkpoint) {
                    last[0] = checkpoint;
                    epochs.add(metrics);
                }
            });
            long t0 = System.nanoTime();
            try {
                if (resumes > 0 && last[0] == null) {
                    // interrupted inside the first epoch: start again from the initial conductances
                    substrate.setConductances(initial);
                }
                TrainingResult r = trainer.run(last[0]);
                wall += (System.nanoTime() - t0) * 1e-9;
                return new TrainingResult(epochs, r.conductances(), r.samplesSeen(), wall, r.samplesPerSecond(), r.stopped());
            } catch (RemoteUnavailableException e) {
                wall += (System.nanoTime() - t0) * 1e-9;
                if (resumes++ >= maxResumes) {
                    throw e;
                }
                events.accept("hardware unavailable (" + e.getMessage() + "); paused; resuming from "
                        + (last[0] == null ? "the start" : "the checkpoint after epoch " + last[0].epochsCompleted()));
            }
        }
    }
}
