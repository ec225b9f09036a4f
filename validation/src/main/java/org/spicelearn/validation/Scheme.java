package org.spicelearn.validation;

import org.spicelearn.learn.phase.EdgeClock;
import org.spicelearn.learn.phase.LengthDistribution;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.PhaseOrder;
import org.spicelearn.learn.phase.SampleSwitching;

/**
 * The phase dynamics compared by the training experiments, each with the same budget: every sample
 * is presented for two phases of mean length 1 (DC update steps, or one phase length in transient
 * mode), so the expected update per sample is the same rigid gradient step.
 */
public enum Scheme {
    /** Free then nudged, h(V_free) stored, one update per pair (the baseline). */
    RIGID("rigid"),
    /**
     * A control: the rigid rule with its per-sample update split into as many writes as the local
     * rules make (each sample presented {@code pairs} times per epoch with pairs of length
     * {@code 1 / pairs}); separates the effect of write granularity from that of temporal locality.
     */
    RIGID_FINE("rigid, fine-grained writes (control)"),
    /** Temporally local, alternating types, fixed unit lengths. */
    LOCAL_PERIODIC("local periodic"),
    /** Temporally local, type positive with p = 0.5 at each boundary, importance weights, fixed lengths. */
    LOCAL_STOCHASTIC_TYPE("local stochastic type"),
    /** Temporally local, alternating types, log-normal lengths (sigma 0.5) of mean 1, time-weighted weights. */
    LOCAL_STOCHASTIC_LENGTHS("local stochastic lengths"),
    /** Temporally local periodic phases run through the transients of a network with node capacitances. */
    TRANSIENT("transient non-equilibrium");

    private final String label;

    Scheme(String label) {
        this.label = label;
    }

    /** The name in tables and legends. */
    public String label() {
        return label;
    }

    /**
     * The phase dynamics with a phase-time budget of {@code 2 * pairLength} per sample: the rigid
     * rule runs one pair of phases of {@code pairLength} each; the temporally local rules run
     * {@code 2 * pairs} phases of mean length {@code pairLength / pairs} (faster switching keeps each
     * single-phase change small; the expected change per sample is the same).
     *
     * @param pairLength phase length of the rigid pair (1 in DC mode; seconds in transient mode)
     * @param pairs      positive/negative pairs per sample of the temporally local rules
     */
    public PhaseDynamics dynamics(double pairLength, int pairs) {
        double meanLength = this == RIGID ? pairLength : pairLength / pairs;
        if (this == RIGID_FINE) {
            return new PhaseDynamics.Rigid(meanLength, meanLength);
        }
        SampleSwitching two = new SampleSwitching.EveryKPhases(2 * pairs);
        EdgeClock sync = new EdgeClock.Synchronous();
        switch (this) {
            case RIGID:
                return new PhaseDynamics.Rigid(meanLength, meanLength);
            case LOCAL_STOCHASTIC_TYPE:
                return new PhaseDynamics.TemporallyLocal(new PhaseOrder.StochasticType(0.5, true),
                        new LengthDistribution.Fixed(), meanLength, meanLength, two, sync);
            case LOCAL_STOCHASTIC_LENGTHS:
                return new PhaseDynamics.TemporallyLocal(new PhaseOrder.Alternating(), new LengthDistribution.LogNormal(0.5),
                        meanLength, meanLength, two, sync);
            default:
                return new PhaseDynamics.TemporallyLocal(new PhaseOrder.Alternating(), new LengthDistribution.Fixed(),
                        meanLength, meanLength, two, sync);
        }
    }
}
