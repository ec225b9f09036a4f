package org.spicelearn.learn.phase;

/**
 * How the substrate's state is produced during a phase.
 */
public sealed interface SubstrateMode permits SubstrateMode.Dc, SubstrateMode.Transient {

    /**
     * Each phase segment settles to its DC equilibrium; a segment of length {@code L} (update steps)
     * applies {@code L} updates' worth of change computed at that equilibrium, i.e.
     * {@code delta g = L * (-eta gain w s h)} in one write. The learning rate is per update step.
     */
    record Dc() implements SubstrateMode {
    }

    /**
     * The substrate advances in time ({@code Substrate.advance}) through node capacitances; after
     * every solver step of {@code stepSeconds} each edge applies {@code dt * (-eta gain w s h(V(t)))}
     * with a constant learning rate per second, except during {@code deadTimeSeconds} after each
     * switch of boundary conditions. Phase lengths are in seconds; each segment (a stretch of one
     * phase and one sample) takes its length rounded to whole steps, at least one, so every switch
     * falls on the solver's step grid.
     *
     * @param stepSeconds     solver step, > 0
     * @param deadTimeSeconds time after a switch without updates, >= 0
     */
    record Transient(double stepSeconds, double deadTimeSeconds) implements SubstrateMode {
        /** Validates the times. */
        public Transient {
            if (!(stepSeconds > 0) || Double.isInfinite(stepSeconds) || !(deadTimeSeconds >= 0)) {
                throw new IllegalArgumentException("transient mode needs a step > 0 s and a dead time >= 0 s");
            }
        }
    }
}
