package org.spicelearn.circuit;

import java.util.Arrays;

/**
 * What the output nodes see during a phase: nothing (free), a nudge toward targets, or a clamp.
 */
public sealed interface OutputBoundary permits OutputBoundary.Free, OutputBoundary.Nudge, OutputBoundary.Clamp {

    /** The free phase: outputs are left alone. */
    OutputBoundary FREE = new Free();

    /** The free phase: outputs are left alone. */
    record Free() implements OutputBoundary {
    }

    /**
     * A nudge: each output node {@code o} is connected through a conductance {@code betaSiemens}
     * (either sign) to a source at its target, adding {@code beta * (y_o - V_o)} amps into the node;
     * its co-content is {@code beta * C} with {@code C = 1/2 sum (V_o - y_o)^2}.
     *
     * @param betaSiemens nudge strength, non-zero, either sign
     * @param nodes       output node indices
     * @param targetVolts target voltage per output node
     */
    record Nudge(double betaSiemens, int[] nodes, double[] targetVolts) implements OutputBoundary {
        /** Copies and validates. */
        public Nudge {
            if (nodes.length != targetVolts.length) {
                throw new IllegalArgumentException("nudge needs one target per output node");
            }
            if (!Double.isFinite(betaSiemens)) {
                throw new IllegalArgumentException("nudge beta must be finite");
            }
            nodes = nodes.clone();
            targetVolts = targetVolts.clone();
        }

        @Override
        public int[] nodes() {
            return nodes.clone();
        }

        @Override
        public double[] targetVolts() {
            return targetVolts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Nudge n && Double.compare(betaSiemens, n.betaSiemens) == 0
                    && Arrays.equals(nodes, n.nodes) && Arrays.equals(targetVolts, n.targetVolts);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(betaSiemens) + 31 * Arrays.hashCode(nodes) + 961 * Arrays.hashCode(targetVolts);
        }

        @Override
        public String toString() {
            return "Nudge[beta=" + betaSiemens + " S, nodes=" + Arrays.toString(nodes)
                    + ", targets=" + Arrays.toString(targetVolts) + "]";
        }
    }

    /**
     * A clamp: each output node is held at a voltage by an ideal source.
     *
     * @param nodes output node indices
     * @param volts clamp voltage per node
     */
    record Clamp(int[] nodes, double[] volts) implements OutputBoundary {
        /** Copies and validates. */
        public Clamp {
            if (nodes.length != volts.length) {
                throw new IllegalArgumentException("clamp needs one voltage per output node");
            }
            nodes = nodes.clone();
            volts = volts.clone();
        }

        @Override
        public int[] nodes() {
            return nodes.clone();
        }

        @Override
        public double[] volts() {
            return volts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Clamp c && Arrays.equals(nodes, c.nodes) && Arrays.equals(volts, c.volts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(nodes) * 31 + Arrays.hashCode(volts);
        }

        @Override
        public String toString() {
            return "Clamp[nodes=" + Arrays.toString(nodes) + ", volts=" + Arrays.toString(volts) + "]";
        }
    }
}
