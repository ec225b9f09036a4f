package org.spicelearn.circuit;

/**
 * A physical realisation of a circuit that a learner trains: it holds its trainable conductances
 * as a device does, accepts boundary conditions, settles to a DC equilibrium or advances in time,
 * and accepts requested conductance changes, returning those actually applied.
 *
 * <p>A substrate is stateful and owned by one thread. Conductance vectors are indexed like
 * {@link Circuit#trainables()} of {@link #circuit()}. Implementations: the ideal digital physics
 * ({@code IdealSubstrate}), ngspice ({@code NgspiceSubstrate}), and remote hardware.
 */
public interface Substrate extends AutoCloseable {

    /** The circuit as it was given (its trainable values are the initial conductances). */
    Circuit circuit();

    /** The present trainable conductances, in siemens. */
    Conductances conductances();

    /** Sets input source values and the output boundary; takes effect at the next settle or advance. */
    void setBoundary(BoundaryConditions conditions);

    /** Settles to the DC equilibrium under the present boundary and conductances; resets the transient state to it. */
    NodeVoltages settle();

    /**
     * Advances the transient state by {@code durationSeconds} (starting from the last equilibrium
     * or transient state) and returns the state at the end.
     *
     * @throws UnsupportedOperationException when this substrate has no time dynamics
     */
    NodeVoltages advance(double durationSeconds);

    /**
     * Requests conductance changes; returns the changes actually applied (after bounds and any
     * device behaviour of the substrate itself).
     *
     * @param requestedDeltas changes in siemens, indexed like {@link Circuit#trainables()}
     * @return applied changes, in siemens
     */
    Conductances adjust(Conductances requestedDeltas);

    /** Sets the conductances to {@code target} (within bounds); returns the applied change. */
    default Conductances setConductances(Conductances target) {
        return adjust(target.minus(conductances()));
    }

    /** Releases whatever the substrate holds (native sessions, sockets); idempotent. */
    @Override
    void close();
}
