package org.spicelearn.circuit;

import java.util.Arrays;

/**
 * An immutable snapshot of every node voltage, in volts, indexed by node (ground, index 0, is 0 V),
 * taken at {@link #timeSeconds()} (0 for DC equilibria).
 */
public final class NodeVoltages {
    private final double[] volts;
    private final double timeSeconds;

    private NodeVoltages(double[] volts, double timeSeconds) {
        this.volts = volts;
        this.timeSeconds = timeSeconds;
    }

    /** A snapshot holding a copy of {@code volts}; {@code volts[0]} must be 0 (ground). */
    public static NodeVoltages of(double[] volts, double timeSeconds) {
        if (volts.length == 0 || volts[0] != 0.0) {
            throw new IllegalArgumentException("node 0 is ground and must be 0 V");
        }
        return new NodeVoltages(volts.clone(), timeSeconds);
    }

    /** The number of nodes, ground included. */
    public int size() {
        return volts.length;
    }

    /** The voltage of {@code node}. */
    public double volts(int node) {
        return volts[node];
    }

    /** The drop {@code V(a) - V(b)}. */
    public double dropVolts(int a, int b) {
        return volts[a] - volts[b];
    }

    /** The simulation time this snapshot belongs to. */
    public double timeSeconds() {
        return timeSeconds;
    }

    /** A copy of the voltages. */
    public double[] toArray() {
        return volts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeVoltages v && timeSeconds == v.timeSeconds && Arrays.equals(volts, v.volts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(volts) * 31 + Double.hashCode(timeSeconds);
    }

    @Override
    public String toString() {
        return "NodeVoltages[t=" + timeSeconds + " s, " + Arrays.toString(volts) + "]";
    }
}
