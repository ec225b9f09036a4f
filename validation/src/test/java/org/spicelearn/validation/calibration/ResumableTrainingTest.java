package org.spicelearn.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spicelearn.bridge.remote.RemoteUnavailableException;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.train.TrainingData;
import org.spicelearn.learn.train.TrainingResult;

/** A run whose hardware disappears resumes from its last checkpoint and ends where an uninterrupted run ends. */
@Timeout(60)
class ResumableTrainingTest {

    /** The ideal physics, unavailable for the settles numbered in {@code outages}. */
    private static final class Flaky implements Substrate {
        private final IdealSubstrate inner;
        private final List<Integer> outages;
        private int settles;

        Flaky(Circuit c, List<Integer> outages) {
            this.inner = new IdealSubstrate(c);
            this.outages = outages;
        }

        @Override
        public Circuit circuit() {
            return inner.circuit();
        }

        @Override
        public Conductances conductances() {
            return inner.conductances();
        }

        @Override
        public void setBoundary(BoundaryConditions conditions) {
            inner.setBoundary(conditions);
        }

        @Override
        public NodeVoltages settle() {
            if (outages.contains(++settles)) {
                throw new RemoteUnavailableException("simulated outage at settle " + settles, new IOException("cable"));
            }
            return inner.settle();
        }

        @Override
        public NodeVoltages advance(double durationSeconds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Conductances adjust(Conductances requestedDeltas) {
            return inner.adjust(requestedDeltas);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static TrainingData data() {
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double x = -1 + 2 * i / 11.0;
            train.add(new Example(new double[] {x}, new double[] {0.3 * x}, -1));
        }
        return new TrainingData(List.of("vin"), List.of("out"), train, List.of(), false);
    }

    @Test
    void aRunInterruptedTwiceEndsBitForBitWhereTheUninterruptedRunEnds() {
        Circuit c = CalibrationTest.chain(1000, 1000);
        TrainingResult clean;
        try (Flaky s = new Flaky(c, List.of())) {
            clean = ResumableTraining.train(s, HilTask.config(4, 3), data(), 0, x -> { });
        }
        List<String> events = new ArrayList<>();
        TrainingResult resumed;
        try (Flaky s = new Flaky(c, List.of(30, 95))) {
            resumed = ResumableTraining.train(s, HilTask.config(4, 3), data(), 2, events::add);
        }
        assertEquals(2, events.size());
        assertEquals(clean.conductances(), resumed.conductances());
        assertEquals(4, resumed.epochs().size());
        assertEquals(clean.epochs().get(3).trainLoss(), resumed.epochs().get(3).trainLoss(), 0.0);
    }

    @Test
    void hardwareThatStaysAwayEndsTheRunAfterTheAllowedResumes() {
        Circuit c = CalibrationTest.chain(1000, 1000);
        try (Flaky s = new Flaky(c, List.of(5, 6, 7))) {
            assertThrows(RemoteUnavailableException.class,
                    () -> ResumableTraining.train(s, HilTask.config(2, 3), data(), 1, x -> { }));
        }
    }
}
