package org.spicelearn.circuit.generate;

import java.util.Objects;
import org.spicelearn.circuit.ConductanceBounds;

/**
 * The shape of a disordered planar-like resistive network; see {@link DisorderedNetworkGenerator}.
 *
 * @param nodes             node count of the circuit, ground included (at least 4)
 * @param inputs            input nodes, each driven by a source to ground
 * @param outputs           output nodes
 * @param groundSites       lattice sites merged into ground
 * @param dilution          probability of removing an edge that is not needed for connectivity
 * @param bounds            conductance bounds of every (trainable) edge
 * @param initialMinSiemens smallest initial conductance (drawn log-uniformly)
 * @param initialMaxSiemens largest initial conductance
 * @param inputVoltsMax     the inputs' DC values are drawn uniformly from [-max, max]
 */
public record DisorderedNetworkSpec(int nodes, int inputs, int outputs, int groundSites, double dilution,
                                    ConductanceBounds bounds, double initialMinSiemens, double initialMaxSiemens,
                                    double inputVoltsMax) {
    /** Validates the shape. */
    public DisorderedNetworkSpec {
        Objects.requireNonNull(bounds, "bounds");
        if (inputs < 1 || outputs < 1 || groundSites < 1 || nodes < inputs + outputs + 1) {
            throw new IllegalArgumentException("a disordered network of " + nodes + " nodes cannot hold " + inputs
                    + " inputs, " + outputs + " outputs and " + groundSites + " ground sites");
        }
        if (!(dilution >= 0 && dilution < 1)) {
            throw new IllegalArgumentException("dilution must lie in [0, 1), got " + dilution);
        }
        if (!bounds.contains(initialMinSiemens) || !bounds.contains(initialMaxSiemens)
                || initialMaxSiemens < initialMinSiemens) {
            throw new IllegalArgumentException("initial conductances must lie inside the bounds");
        }
    }

    /**
     * {@code nodes} nodes with 3 inputs, 2 outputs, 1 ground site, dilution 0.1, bounds [1e-6, 1e-2] S,
     * initial conductances log-uniform in [1e-4, 1e-3] S, inputs in [-1, 1] V.
     */
    public static DisorderedNetworkSpec of(int nodes) {
        return new DisorderedNetworkSpec(nodes, 3, 2, 1, 0.1, new ConductanceBounds(1e-6, 1e-2), 1e-4, 1e-3, 1.0);
    }

    /** The same network with other input, output and ground-site counts. */
    public DisorderedNetworkSpec withTerminals(int newInputs, int newOutputs, int newGroundSites) {
        return new DisorderedNetworkSpec(nodes, newInputs, newOutputs, newGroundSites, dilution, bounds,
                initialMinSiemens, initialMaxSiemens, inputVoltsMax);
    }
}
