package org.spicelearn.cli.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.learn.train.Checkpoint;
import org.spicelearn.learn.train.EpochMetrics;

/** The javafx-base adapter follows the trainer's epochs. */
class ObservableTrainingTest {

    @Test
    void propertiesAndHistoryFollowEveryEpoch() {
        ObservableTraining view = new ObservableTraining();
        List<Number> epochs = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        view.epochProperty().addListener((obs, old, now) -> epochs.add(now));
        view.history().addListener((ListChangeListener<EpochMetrics>) c -> {
            while (c.next()) {
                added.add(c.getAddedSize());
            }
        });
        Checkpoint cp = new Checkpoint(1, 10, 20, Conductances.of(1e-4), new long[] {1, 2, 3, 4});
        view.onEpoch(new EpochMetrics(1, 0.5, 0.6, 0.55, 0.5, 1e-9, 1000, 1.0), cp);
        view.onEpoch(new EpochMetrics(2, 0.25, 0.8, 0.3, 0.7, 1e-9, 1200, 2.0), cp);
        assertEquals(List.of(1, 2), epochs);
        assertEquals(List.of(1, 1), added);
        assertEquals(0.25, view.lossProperty().get());
        assertEquals(0.8, view.accuracyProperty().get());
        assertEquals(0.7, view.testAccuracyProperty().get());
        assertEquals(1200, view.samplesPerSecondProperty().get());
        assertEquals(2, view.history().size());
        assertThrows(UnsupportedOperationException.class, () -> view.history().clear());
    }
}
