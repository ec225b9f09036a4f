package org.spicelearn.validation;

import java.util.ArrayList;
import java.util.List;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;
import org.spicelearn.learn.Rng;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.train.NetworkPorts;

/**
 * The small random layered networks the gradient and drift experiments probe: conductances
 * log-uniform in [0.2, 2] S (bounds [1e-3, 10] S) so that a nudge {@code beta} in siemens is a
 * relative nudge of about {@code beta}, bias pairs of +/-1 V, and optionally Shockley diode pairs
 * at the hidden nodes biased at -/+0.75 V so that they conduct once a hidden node leaves about
 * [-0.05, 0.05] V (markedly nonlinear).
 */
public final class ProbeNetworks {
    private ProbeNetworks() {
    }

    /** A random layered network; the same arguments give the same circuit. */
    public static Circuit layered(long seed, boolean diodes, int... layerSizes) {
        LayeredNetworkSpec spec = LayeredNetworkSpec.of(layerSizes)
                .withConductances(new ConductanceBounds(1e-3, 10), 0.2, 2.0)
                .withBias(true, 1.0);
        if (diodes) {
            spec = spec.withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY).withDiodeVolts(0.75, -0.75);
        }
        return LayeredNetworkGenerator.generate(spec, seed);
    }

    /** The ports of a layered network: sources vin{i}p/vin{i}n, outputs out{k}. */
    public static NetworkPorts ports(Circuit c, int variables, int outputs) {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < variables; i++) {
            sources.add("vin" + i + "p");
            sources.add("vin" + i + "n");
        }
        List<String> outs = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            outs.add("out" + k);
        }
        return new NetworkPorts(c, sources, outs);
    }

    /** {@code n} random examples: inputs x in [-1, 1] V as (+x, -x) pairs, targets in [-0.5, 0.5] V. */
    public static List<Example> examples(Rng rng, int variables, int outputs, int n) {
        List<Example> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double[] in = new double[2 * variables];
            for (int i = 0; i < variables; i++) {
                double x = 2 * rng.nextDouble() - 1;
                in[2 * i] = x;
                in[2 * i + 1] = -x;
            }
            double[] t = new double[outputs];
            for (int o = 0; o < outputs; o++) {
                t[o] = rng.nextDouble() - 0.5;
            }
            out.add(new Example(in, t, -1));
        }
        return out;
    }
}
