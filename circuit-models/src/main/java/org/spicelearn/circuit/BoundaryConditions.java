package org.spicelearn.circuit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The boundary conditions of one phase: DC values for named input voltage sources (sources not
 * named keep their netlist value) and what the outputs see.
 *
 * @param sourceVolts DC volts per voltage-source name (lower case)
 * @param output      the output boundary
 */
public record BoundaryConditions(Map<String, Double> sourceVolts, OutputBoundary output) {
    /** Copies and validates. */
    public BoundaryConditions {
        sourceVolts = Map.copyOf(new TreeMap<>(Objects.requireNonNull(sourceVolts, "sourceVolts")));
        Objects.requireNonNull(output, "output");
    }

    /** No input overrides and free outputs. */
    public static BoundaryConditions free() {
        return new BoundaryConditions(Map.of(), OutputBoundary.FREE);
    }

    /** The same inputs with another output boundary. */
    public BoundaryConditions withOutput(OutputBoundary newOutput) {
        return new BoundaryConditions(sourceVolts, newOutput);
    }
}
