package org.spicelearn.circuit;

/** A fixed-step integration rule for transient analysis. */
public enum IntegrationMethod {
    /** First-order, L-stable; global error O(dt). */
    BACKWARD_EULER,
    /** Second-order, A-stable; global error O(dt^2). */
    TRAPEZOIDAL
}
