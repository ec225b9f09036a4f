package org.spicelearn.learn.rule;

/**
 * Which side(s) of the free state a contrastive rule probes (Scellier et al. 2023).
 */
public enum Nudging {
    /** Positive phase nudged at {@code +beta}, negative phase free; bias O(beta). */
    POSITIVE,
    /** Positive phase nudged at {@code -beta}, negative phase free, gain {@code 1/(-beta)}; bias O(beta). */
    NEGATIVE,
    /** Positive phase at {@code +beta}, negative phase at {@code -beta}, gain {@code 1/(2 beta)}; bias O(beta^2). */
    CENTRED
}
