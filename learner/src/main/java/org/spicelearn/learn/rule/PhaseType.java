package org.spicelearn.learn.rule;

/**
 * The type of a phase: the positive phase (the state whose co-content enters the contrastive
 * estimate with a plus sign: nudged or clamped) or the negative phase (free, or the opposite nudge
 * of a centred rule). Its sign {@code s} is the one-bit global signal every edge receives.
 */
public enum PhaseType {
    /** The positive phase, sign +1. */
    POSITIVE(1),
    /** The negative phase, sign -1. */
    NEGATIVE(-1);

    private final int sign;

    PhaseType(int sign) {
        this.sign = sign;
    }

    /** The phase sign {@code s}: +1 or -1. */
    public int sign() {
        return sign;
    }

    /** The other phase type. */
    public PhaseType other() {
        return this == POSITIVE ? NEGATIVE : POSITIVE;
    }
}
