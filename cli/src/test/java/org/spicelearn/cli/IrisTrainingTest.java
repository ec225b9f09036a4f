package org.spicelearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.cli.run.Substrates;
import org.spicelearn.cli.spec.SpecTranslator;
import org.spicelearn.cli.spec.TrainingSetup;
import org.spicelearn.learn.phase.LengthDistribution;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.SampleSwitching;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.train.LearningRateSchedule;
import org.spicelearn.learn.train.Trainer;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingResult;

/**
 * Iris 4-10-3 with the library spec: temporally local EP, stochastic phase types (p = 0.5),
 * geometric lengths; on the ideal substrate (quick and 5-seed variants) and on ngspice.
 */
class IrisTrainingTest {
    static final Path SPEC = TrainCommandTest.LIBRARY.resolve("iris-4-10-3.spec.xml");

    static TrainingResult train(TrainingSetup setup, TrainingConfig config) {
        try (Substrate s = Substrates.open(setup)) {
            return new Trainer(s, config, setup.data()).run();
        }
    }

    /** Quick variant: 100 of the spec's 2,500 epochs, one seed; the loss falls and the run learns beyond chance. */
    @Test
    void temporallyLocalStochasticEpLearnsIrisQuickly() {
        TrainingSetup setup = SpecTranslator.load(SPEC);
        assertTrue(setup.config().dynamics() instanceof PhaseDynamics.TemporallyLocal);
        TrainingResult r = train(setup, setup.config().withEpochs(100));
        System.out.printf(Locale.ROOT, "Iris quick (100 epochs, seed 1): train %.3f test %.3f, loss %.4f -> %.4f V^2%n",
                r.last().trainAccuracy(), r.last().testAccuracy(), r.epochs().get(0).trainLoss(), r.last().trainLoss());
        assertTrue(r.last().trainLoss() < 0.6 * r.epochs().get(0).trainLoss(), "the loss must fall");
        assertTrue(r.last().testAccuracy() >= 0.6, "test accuracy (chance 0.33) " + r.last().testAccuracy());
    }

    /**
     * The acceptance run: the spec as shipped (2,500 epochs at a constant rate) over seeds 1..5 (split,
     * sample order and phase draws change with the seed; the network is the library's) reaches a test
     * accuracy of at least 90%, against (a) the rigid rule with the same nudges and the same rate per
     * sample ({@code eta * K * mu / 2}) and (b) the rigid centred-EP baseline (beta = 1e-4 S, 60 epochs).
     * Measured: 0.920 +/- 0.051 temporally local; seeds run two at a time (about 3 minutes).
     */
    @Test
    @Tag("slow")
    void fiveSeedsOfTheShippedSpecReachNinetyPercent() throws Exception {
        TrainingSetup base = SpecTranslator.load(SPEC);
        PhaseDynamics.TemporallyLocal tl = (PhaseDynamics.TemporallyLocal) base.config().dynamics();
        assertEquals(0.5, tl.order().positiveProbability());
        assertTrue(tl.order().importanceWeighted());
        assertTrue(tl.lengths() instanceof LengthDistribution.Geometric);
        assertEquals(new ContrastiveRule.EquilibriumPropagation(Nudging.CENTRED, 3.5e-4), base.config().rule());
        int k = ((SampleSwitching.EveryKPhases) tl.switching()).k();
        double eta = ((LearningRateSchedule.Constant) base.config().rate()).eta();
        LearningRateSchedule samePerSample = new LearningRateSchedule.Constant(eta * k * tl.positiveMean() / 2);
        double[] local = new double[5];
        double[] rigidSameRule = new double[5];
        double[] rigidCentred = new double[5];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int seed = 1; seed <= 5; seed++) {
                TrainingSetup setup = SpecTranslator.translate(SPEC, withSeed(SPEC, seed));
                TrainingConfig c = setup.config();
                int s = seed;
                runs.add(pool.submit(() -> new double[] {
                        train(setup, c).last().testAccuracy(),
                        train(setup, new TrainingConfig(c.rule(), new PhaseDynamics.Rigid(1, 1), c.mode(), c.device(),
                                samePerSample, c.epochs(), s)).last().testAccuracy(),
                        train(setup, new TrainingConfig(new ContrastiveRule.EquilibriumPropagation(Nudging.CENTRED, 1e-4),
                                new PhaseDynamics.Rigid(1, 1), c.mode(), c.device(), new LearningRateSchedule.Constant(3e-9),
                                60, s)).last().testAccuracy()}));
            }
            for (int i = 0; i < 5; i++) {
                double[] r = runs.get(i).get();
                local[i] = r[0];
                rigidSameRule[i] = r[1];
                rigidCentred[i] = r[2];
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "Iris 5 seeds, temporally local stochastic EP: test accuracy mean %.3f sd %.3f %s%n",
                mean(local), sd(local), java.util.Arrays.toString(local));
        System.out.printf(Locale.ROOT, "Iris 5 seeds, rigid, same nudges and rate:     test accuracy mean %.3f sd %.3f %s%n",
                mean(rigidSameRule), sd(rigidSameRule), java.util.Arrays.toString(rigidSameRule));
        System.out.printf(Locale.ROOT, "Iris 5 seeds, rigid centred EP baseline:       test accuracy mean %.3f sd %.3f %s%n",
                mean(rigidCentred), sd(rigidCentred), java.util.Arrays.toString(rigidCentred));
        assertTrue(mean(local) >= 0.9, "temporally local " + mean(local));
        assertTrue(sd(local) <= 0.07, "temporally local sd " + sd(local));
        assertTrue(mean(rigidCentred) >= 0.9, "rigid centred baseline " + mean(rigidCentred));
        assertTrue(mean(local) >= mean(rigidSameRule) - 0.03,
                "temporally local " + mean(local) + " against the rigid rule with the same nudges " + mean(rigidSameRule));
        assertEquals(120, base.data().train().size());
    }

    /**
     * The same spec on ngspice (seed 1, 10 epochs: K = 20 phases per sample make ngspice runs long)
     * lands within 3 points of the ideal substrate, on test and train accuracy, with the same loss.
     */
    @Test
    @Tag("ngspice")
    void ngspiceFollowsTheIdealSubstrateWithinThreePoints() {
        compareNgspiceWithIdeal(10);
    }

    /**
     * The comparison over the spec's first 150 epochs (seed 1; about 5 minutes on ngspice): the
     * substrates follow each other step for step, so the whole spec (2,500 epochs, about 90 minutes
     * on ngspice) is not rerun here; the note of issue 5 reports that run.
     */
    @Test
    @Tag("ngspice")
    @Tag("slow")
    void ngspiceFollowsTheIdealSubstrateOverTheWholeSpec() {
        compareNgspiceWithIdeal(150);
    }

    private static void compareNgspiceWithIdeal(int epochs) {
        NgspiceAvailable.require();
        TrainingSetup setup = SpecTranslator.load(SPEC);
        TrainingConfig config = setup.config().withEpochs(epochs);
        TrainingResult ideal = train(setup, config);
        TrainingResult ngspice = train(setup.withSubstrate(TrainingSetup.SubstrateKind.NGSPICE), config);
        System.out.printf(Locale.ROOT, "Iris %d epochs: ideal test %.3f train %.3f, ngspice test %.3f train %.3f; "
                        + "final loss %.6f vs %.6f V^2%n", epochs, ideal.last().testAccuracy(), ideal.last().trainAccuracy(),
                ngspice.last().testAccuracy(), ngspice.last().trainAccuracy(), ideal.last().trainLoss(),
                ngspice.last().trainLoss());
        assertEquals(ideal.last().testAccuracy(), ngspice.last().testAccuracy(), 0.03 + 1e-12);
        assertEquals(ideal.last().trainAccuracy(), ngspice.last().trainAccuracy(), 0.03 + 1e-12);
        assertEquals(ideal.last().trainLoss(), ngspice.last().trainLoss(), 0.05 * ideal.last().trainLoss());
    }

    /** The spec with another seed (read, then the seed replaced). */
    static org.spicelearn.cli.spec.SpecXml.Training withSeed(Path spec, long seed) {
        var t = org.spicelearn.cli.spec.SpecReader.read(spec);
        t.seed = seed;
        return t;
    }

    static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElse(Double.NaN);
    }

    static double sd(double[] x) {
        double m = mean(x);
        return Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
    }
}
