package org.spicelearn.learn.rule;

/**
 * A local learning rule: the conductance change one edge requests, computed from that edge's own
 * measurement and the global phase signal only (nothing else of the network is visible).
 */
@FunctionalInterface
public interface LocalRule {

    /**
     * The requested conductance change of one edge for one unit of phase time.
     *
     * @param edge  the edge's own voltage drop and conductance
     * @param phase the phase sign, weight and learning rate
     * @return requested change in siemens (per update step in DC mode, per second in transient mode)
     */
    double deltaSiemens(EdgeSense edge, PhaseSignal phase);
}
