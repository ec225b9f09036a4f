package org.spicelearn.learn.rule;

import org.spicelearn.circuit.OutputBoundary;

/**
 * A contrastive learning rule: one estimator {@code grad_e L ~ gain * [h_e(V_pos) - h_e(V_neg)]},
 * the rules differing only in how the positive and negative states are made (LEARNING.md section 2).
 *
 * <p>Every rule yields the same {@link LocalRule}: {@code delta g_e = -eta * gain * w_s * s * h_e(V)},
 * which for EP is {@code -(eta/beta) w_s s h_e}, for coupled learning {@code -(alpha/eta_c) w_s s h_e}
 * and for full-clamp contrastive learning {@code -eta w_s s h_e}. A negative variant uses a
 * negative (signed) strength, so its gain is negative; a centred variant probes both sides with
 * half the gain.
 */
public sealed interface ContrastiveRule
        permits ContrastiveRule.EquilibriumPropagation, ContrastiveRule.CoupledLearning, ContrastiveRule.FullClamp {

    /**
     * The output boundary of a phase.
     *
     * @param type            which phase
     * @param outputNodes     output node indices
     * @param targetVolts     target per output node
     * @param freeOutputVolts free-state output voltages at the present conductances (used by
     *                        coupled learning only; may be {@code null} when {@link #needsFreeOutputs()} is false)
     * @return the boundary that makes that phase's state
     */
    OutputBoundary boundary(PhaseType type, int[] outputNodes, double[] targetVolts, double[] freeOutputVolts);

    /** The estimator gain: {@code 1/beta}, {@code 1/(2 beta)}, {@code 1/eta_c}, ... (signed). */
    double gain();

    /** Whether the positive/negative boundaries depend on the free output voltages (coupled learning). */
    default boolean needsFreeOutputs() {
        return false;
    }

    /** The local update this rule implies: {@code -eta * gain * w * s * h(dV)}. */
    default LocalRule localRule() {
        double gain = gain();
        return (edge, phase) -> -phase.learningRate() * gain * phase.weight() * phase.type().sign()
                * edge.coContentVolts2();
    }

    /**
     * Equilibrium Propagation: the second state minimises {@code E + beta C}, realised by a nudge
     * conductance {@code beta} to a source at each target.
     *
     * @param nudging     positive, negative or centred
     * @param betaSiemens the nudge magnitude, strictly positive (the variant supplies the sign)
     */
    record EquilibriumPropagation(Nudging nudging, double betaSiemens) implements ContrastiveRule {
        /** Validates beta. */
        public EquilibriumPropagation {
            if (!(betaSiemens > 0) || Double.isInfinite(betaSiemens)) {
                throw new IllegalArgumentException("EP needs 0 < beta < inf siemens, got " + betaSiemens);
            }
        }

        @Override
        public OutputBoundary boundary(PhaseType type, int[] outputNodes, double[] targetVolts, double[] freeOutputVolts) {
            double signedBeta = signedStrength(nudging, type, betaSiemens);
            return signedBeta == 0 ? OutputBoundary.FREE : new OutputBoundary.Nudge(signedBeta, outputNodes, targetVolts);
        }

        @Override
        public double gain() {
            return gainOf(nudging, betaSiemens);
        }
    }

    /**
     * Coupled learning (Stern et al. 2021): outputs clamped at {@code V_F + eta_c (y - V_F)}.
     *
     * @param nudging   positive, negative or centred
     * @param etaC      the clamp fraction magnitude, in (0, 1]
     */
    record CoupledLearning(Nudging nudging, double etaC) implements ContrastiveRule {
        /** Validates eta_c. */
        public CoupledLearning {
            if (!(etaC > 0) || etaC > 1) {
                throw new IllegalArgumentException("coupled learning needs 0 < eta_c <= 1, got " + etaC);
            }
        }

        @Override
        public OutputBoundary boundary(PhaseType type, int[] outputNodes, double[] targetVolts, double[] freeOutputVolts) {
            double signed = signedStrength(nudging, type, etaC);
            if (signed == 0) {
                return OutputBoundary.FREE;
            }
            if (freeOutputVolts == null || freeOutputVolts.length != outputNodes.length) {
                throw new IllegalArgumentException("coupled learning needs the free output voltages");
            }
            double[] clamp = new double[outputNodes.length];
            for (int o = 0; o < clamp.length; o++) {
                clamp[o] = freeOutputVolts[o] + signed * (targetVolts[o] - freeOutputVolts[o]);
            }
            return new OutputBoundary.Clamp(outputNodes, clamp);
        }

        @Override
        public double gain() {
            return gainOf(nudging, etaC);
        }

        @Override
        public boolean needsFreeOutputs() {
            return true;
        }
    }

    /** Contrastive learning with a full clamp: positive phase clamps the outputs at the targets, negative phase free; gain 1. */
    record FullClamp() implements ContrastiveRule {
        @Override
        public OutputBoundary boundary(PhaseType type, int[] outputNodes, double[] targetVolts, double[] freeOutputVolts) {
            return type == PhaseType.POSITIVE ? new OutputBoundary.Clamp(outputNodes, targetVolts) : OutputBoundary.FREE;
        }

        @Override
        public double gain() {
            return 1.0;
        }
    }

    /** The signed strength of a phase's second state (0 means the free state). */
    private static double signedStrength(Nudging nudging, PhaseType type, double magnitude) {
        if (nudging == Nudging.CENTRED) {
            return type == PhaseType.POSITIVE ? magnitude : -magnitude;
        }
        if (type == PhaseType.NEGATIVE) {
            return 0;
        }
        return nudging == Nudging.POSITIVE ? magnitude : -magnitude;
    }

    private static double gainOf(Nudging nudging, double magnitude) {
        if (nudging == Nudging.CENTRED) {
            return 1.0 / (2 * magnitude);
        }
        return nudging == Nudging.POSITIVE ? 1.0 / magnitude : -1.0 / magnitude;
    }
}
