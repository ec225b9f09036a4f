package org.spicelearn.learn;

import java.util.ArrayList;
import java.util.List;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.train.NetworkPorts;

/** Random layered networks and examples shared by the learner tests. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * A random layered network with conductances near 1 S (so a nudge of 1e-3 S is a relative
     * nudge of about 1e-3), optionally with Shockley diodes at the hidden nodes; their bias
     * sources (vdhi = -0.75 V, vdlo = +0.75 V) make them conduct strongly once a hidden node leaves
     * about [-0.05, 0.05] V, so the network is markedly nonlinear.
     */
    static Circuit network(long seed, boolean diodes, int... layerSizes) {
        LayeredNetworkSpec spec = LayeredNetworkSpec.of(layerSizes)
                .withConductances(new ConductanceBounds(1e-3, 10), 0.2, 2.0)
                .withBias(true, 1.0);
        if (diodes) {
            spec = spec.withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY).withDiodeVolts(0.75, -0.75);
        }
        return LayeredNetworkGenerator.generate(spec, seed);
    }

    /** The input source names vin0p, vin0n, ... of a layered network with {@code variables} inputs. */
    static List<String> sources(int variables) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < variables; i++) {
            s.add("vin" + i + "p");
            s.add("vin" + i + "n");
        }
        return s;
    }

    /** The output node names out0.. */
    static List<String> outputs(int k) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            s.add("out" + i);
        }
        return s;
    }

    /** Ports of a layered network. */
    static NetworkPorts ports(Circuit c, int variables, int k) {
        return new NetworkPorts(c, sources(variables), outputs(k));
    }

    /** A random example: inputs x in [-1, 1] as (+x, -x) pairs, targets in [-0.5, 0.5] V. */
    static Example randomExample(Rng rng, int variables, int k) {
        double[] in = new double[2 * variables];
        for (int i = 0; i < variables; i++) {
            double x = 2 * rng.nextDouble() - 1;
            in[2 * i] = x;
            in[2 * i + 1] = -x;
        }
        double[] t = new double[k];
        for (int o = 0; o < k; o++) {
            t[o] = rng.nextDouble() - 0.5;
        }
        return new Example(in, t, -1);
    }
}
