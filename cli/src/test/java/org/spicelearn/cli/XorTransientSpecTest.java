package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.cli.run.Substrates;
import org.spicelearn.cli.spec.SpecTranslator;
import org.spicelearn.cli.spec.TrainingSetup;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.phase.SubstrateMode;
import org.spicelearn.learn.train.Trainer;
import org.spicelearn.learn.train.TrainingResult;

/**
 * The library's XOR spec: transient mode (100 pF nodes, 1 us steps), stochastic phase types with
 * exponential lengths, centred EP at a constant rate, 20,000 epochs; XOR must be learned 4 of 4.
 */
class XorTransientSpecTest {
    static final Path SPEC = TrainCommandTest.LIBRARY.resolve("xor.spec.xml");

    static int learn(TrainingSetup setup) {
        assertTrue(setup.config().mode() instanceof SubstrateMode.Transient);
        try (Substrate s = Substrates.open(setup)) {
            Trainer t = new Trainer(s, setup.config(), setup.data());
            TrainingResult r = t.run();
            int correct = 0;
            StringBuilder outs = new StringBuilder();
            for (Example ex : setup.data().train()) {
                s.setBoundary(t.ports().boundary(ex, OutputBoundary.FREE));
                double v = s.settle().volts(t.ports().outputNodes()[0]);
                outs.append(String.format(Locale.ROOT, " %.3f", v));
                correct += (v > 0) == (ex.targetVolts(0) > 0) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "XOR transient on %s: %d/4, outputs%s V, loss %.5f -> %.5f V^2, %.0f samples/s%n",
                    setup.substrate(), correct, outs, r.epochs().get(0).trainLoss(), r.last().trainLoss(),
                    r.samplesPerSecond());
            return correct;
        }
    }

    @Test
    @Tag("slow")
    void xorIsLearnedOnTheIdealSubstrate() {
        assertEquals(4, learn(SpecTranslator.load(SPEC).withSubstrate(TrainingSetup.SubstrateKind.IDEAL)));
    }

    /**
     * About four and a half minutes (257 s on a loaded 2-core machine, 351 samples/s; outputs 0.049,
     * -0.060, -0.018, 0.062 V), hence slow: 80,000 samples of about six 1-us advances each, every one an
     * alter of 30 conductances and a resume, and an input or nudge switch at every phase makes ngspice
     * restart its step control (about 16 points per advance).
     */
    @Test
    @Tag("ngspice")
    @Tag("slow")
    void xorIsLearnedOnNgspiceInTransientMode() {
        NgspiceAvailable.require();
        TrainingSetup setup = SpecTranslator.load(SPEC);
        assertEquals(TrainingSetup.SubstrateKind.NGSPICE, setup.substrate());
        assertEquals(4, learn(setup));
    }
}
