package org.spicelearn.cli.fx;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.spicelearn.learn.train.Checkpoint;
import org.spicelearn.learn.train.EpochMetrics;
import org.spicelearn.learn.train.TrainingListener;

/**
 * A javafx-base view of a running training: the epoch, loss, accuracy and samples/s as observable
 * properties and the metric history as an observable list, fed by the trainer's listener calls.
 * The domain types know nothing of JavaFX; this adapter only observes.
 *
 * <p>Updates happen on the training thread; a GUI must hand them to its own thread (for example
 * by observing with {@code Platform.runLater}).
 */
public final class ObservableTraining implements TrainingListener {
    private final IntegerProperty epoch = new SimpleIntegerProperty(this, "epoch", 0);
    private final DoubleProperty loss = new SimpleDoubleProperty(this, "loss", Double.NaN);
    private final DoubleProperty accuracy = new SimpleDoubleProperty(this, "accuracy", Double.NaN);
    private final DoubleProperty testAccuracy = new SimpleDoubleProperty(this, "testAccuracy", Double.NaN);
    private final DoubleProperty samplesPerSecond = new SimpleDoubleProperty(this, "samplesPerSecond", Double.NaN);
    private final ObservableList<EpochMetrics> history = FXCollections.observableArrayList();
    private final ObservableList<EpochMetrics> readOnlyHistory = FXCollections.unmodifiableObservableList(history);

    /** The last completed epoch (0 before the first). */
    public ReadOnlyIntegerProperty epochProperty() {
        return epoch;
    }

    /** The training loss after the last epoch, volts squared. */
    public ReadOnlyDoubleProperty lossProperty() {
        return loss;
    }

    /** The training accuracy after the last epoch (NaN for regression). */
    public ReadOnlyDoubleProperty accuracyProperty() {
        return accuracy;
    }

    /** The held-out accuracy after the last epoch (NaN for regression or no test rows). */
    public ReadOnlyDoubleProperty testAccuracyProperty() {
        return testAccuracy;
    }

    /** Training samples per second in the last epoch. */
    public ReadOnlyDoubleProperty samplesPerSecondProperty() {
        return samplesPerSecond;
    }

    /** Every epoch's metrics so far (read-only, observable). */
    public ObservableList<EpochMetrics> history() {
        return readOnlyHistory;
    }

    @Override
    public void onEpoch(EpochMetrics m, Checkpoint checkpoint) {
        history.add(m);
        loss.set(m.trainLoss());
        accuracy.set(m.trainAccuracy());
        testAccuracy.set(m.testAccuracy());
        samplesPerSecond.set(m.samplesPerSecond());
        epoch.set(m.epoch());
    }
}
