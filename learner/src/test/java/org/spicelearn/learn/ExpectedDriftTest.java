package org.spicelearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.phase.EdgeClock;
import org.spicelearn.learn.phase.LengthDistribution;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.PhaseOrder;
import org.spicelearn.learn.phase.SampleSwitching;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.train.DriftAnalysis;
import org.spicelearn.learn.train.NetworkPorts;

/**
 * The exact expected drift of temporally local, stochastic-phase updates (over phase types and
 * lengths, on a fixed sample set, by enumeration of the two phase types with their probabilities
 * and mean lengths) against the rigid update on the same samples.
 */
class ExpectedDriftTest {

    private static PhaseDynamics.TemporallyLocal dynamics(double p, boolean weights, double muPlus, double muMinus) {
        return new PhaseDynamics.TemporallyLocal(new PhaseOrder.StochasticType(p, weights),
                new LengthDistribution.Geometric(), muPlus, muMinus, new SampleSwitching.EveryKPhases(2),
                new EdgeClock.Synchronous());
    }

    @Test
    void importanceWeightedStochasticPhasesDriftLikeTheRigidRule() {
        Circuit c = Fixtures.network(4, true, 8, 6, 3);
        NetworkPorts ports = Fixtures.ports(c, 4, 3);
        Rng rng = new Rng(17);
        List<Example> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            samples.add(Fixtures.randomExample(rng, 4, 3));
        }
        ContrastiveRule[] rules = {new ContrastiveRule.EquilibriumPropagation(Nudging.POSITIVE, 0.05),
            new ContrastiveRule.EquilibriumPropagation(Nudging.CENTRED, 0.05),
            new ContrastiveRule.CoupledLearning(Nudging.POSITIVE, 0.1), new ContrastiveRule.FullClamp()};
        try (IdealSubstrate s = new IdealSubstrate(c)) {
            for (ContrastiveRule rule : rules) {
                double[] rigid = DriftAnalysis.rigidUpdate(s, ports, rule, samples, 1e-3);
                for (double[] means : new double[][] {{1, 1}, {2, 5}}) {
                    PhaseDynamics.TemporallyLocal weighted = dynamics(0.3, true, means[0], means[1]);
                    double[] drift = DriftAnalysis.expectedPhaseUpdate(s, ports, rule, weighted, samples, 1e-3);
                    double cos = DriftAnalysis.cosine(drift, rigid);
                    double ratio = DriftAnalysis.norm(drift) / DriftAnalysis.norm(rigid);
                    double meanLength = 0.3 * means[0] + 0.7 * means[1];
                    PhaseDynamics.TemporallyLocal unweighted = dynamics(0.3, false, means[0], means[1]);
                    double cosOff = DriftAnalysis.cosine(
                            DriftAnalysis.expectedPhaseUpdate(s, ports, rule, unweighted, samples, 1e-3), rigid);
                    System.out.printf(Locale.ROOT,
                            "%s p=0.3 mu=(%.0f,%.0f): cosine %.12f, norm ratio %.6f (predicted %.6f); without weights cosine %.4f%n",
                            rule, means[0], means[1], cos, ratio, meanLength / 2, cosOff);
                    assertTrue(cos >= 0.999, "weighted drift cosine " + cos);
                    assertEquals(meanLength / 2, ratio, 1e-9 * ratio);
                    assertTrue(cosOff < 0.9, "without importance weights the drift is not the gradient: cosine " + cosOff);
                }
            }
        }
    }
}
