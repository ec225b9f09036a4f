package org.spicelearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.device.DeviceModel;
import org.spicelearn.learn.phase.EdgeClock;
import org.spicelearn.learn.phase.LengthDistribution;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.PhaseOrder;
import org.spicelearn.learn.phase.SampleSwitching;
import org.spicelearn.learn.phase.SubstrateMode;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.train.LearningRateSchedule;
import org.spicelearn.learn.train.Trainer;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingResult;

/**
 * XOR learned in transient mode on the ideal substrate: 100 pF at every hidden and output node,
 * 1 us backward-Euler steps, stochastic phase types (p = 0.5) with exponential lengths of mean
 * 3 us, centred EP (2e-4 S) at a constant rate of 1.5e-5 per second, no dead time. The rate must be
 * small against the phase rate, so it takes 20,000 epochs (about 10 s).
 */
class XorTransientTest {

    @Test
    @Tag("slow")
    void temporallyLocalStochasticEpLearnsXorInTransientMode() {
        Circuit base = TrainerTest.xorNetwork();
        Circuit.Builder b = base.toBuilder();
        for (int n = 1; n < base.nodeCount(); n++) {
            String name = base.nodeName(n);
            if (name.startsWith("h") || name.startsWith("out")) {
                b.add(new Capacitor("c" + name, n, Circuit.GROUND, 1e-10));
            }
        }
        PhaseDynamics.TemporallyLocal dyn = new PhaseDynamics.TemporallyLocal(new PhaseOrder.StochasticType(0.5, true),
                new LengthDistribution.Exponential(), 3e-6, 3e-6, new SampleSwitching.EveryKPhases(2),
                new EdgeClock.Synchronous());
        TrainingConfig cfg = new TrainingConfig(new ContrastiveRule.EquilibriumPropagation(Nudging.CENTRED, 2e-4), dyn,
                new SubstrateMode.Transient(1e-6, 0), new DeviceModel.Ideal(), new LearningRateSchedule.Constant(1.5e-5),
                20_000, 1);
        try (IdealSubstrate s = new IdealSubstrate(b.build(), new TransientSettings(IntegrationMethod.BACKWARD_EULER, 1e-6))) {
            Trainer t = new Trainer(s, cfg, TrainerTest.xorData());
            TrainingResult r = t.run();
            int correct = TrainerTest.correctXor(s, t.ports());
            System.out.printf(Locale.ROOT, "XOR transient: %d/4 correct, loss %.5f -> %.5f V^2 after %d samples%n", correct,
                    r.epochs().get(0).trainLoss(), r.last().trainLoss(), r.samplesSeen());
            assertEquals(4, correct);
            assertTrue(r.last().trainLoss() < 0.7 * r.epochs().get(0).trainLoss());
        }
    }
}
