package org.spicelearn.circuit.generate;

import java.util.List;
import java.util.SplittableRandom;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.VoltageSource;

/**
 * Generates layered deep resistive networks (Kendall et al. 2020; Scellier 2024) from a
 * {@link LayeredNetworkSpec} and a seed.
 *
 * <p>Names (layers are numbered {@code l = 0} for the inputs up to {@code L} for the outputs):
 * <ul>
 *   <li>input variable {@code i} (from 0): sources {@code vin{i}p} (node {@code in{i}p}, +x) and
 *       {@code vin{i}n} (node {@code in{i}n}, -x), both to ground, DC 0 V; within layer 0 they are
 *       sending nodes {@code 2i} and {@code 2i+1};</li>
 *   <li>hidden node {@code j} of layer {@code l} (1 &le; l &lt; L): node {@code h{l}_{j}}; output
 *       {@code k}: node {@code out{k}};</li>
 *   <li>dense trainable resistors between consecutive layers {@code r{l}_{i}_{j}}: {@code l} the
 *       receiving layer, {@code i} the sending node within layer {@code l-1}, {@code j} the receiving
 *       node within layer {@code l};</li>
 *   <li>with bias: per receiving layer {@code l}, sources {@code vb{l}p} (node {@code b{l}p},
 *       +biasVolts) and {@code vb{l}n} (node {@code b{l}n}, -biasVolts), and trainable resistors
 *       {@code rb{l}_0_{j}} (from {@code b{l}p}) and {@code rb{l}_1_{j}} (from {@code b{l}n});</li>
 *   <li>with hidden diodes: sources {@code vdhi} (node {@code dhi}) and {@code vdlo} (node
 *       {@code dlo}); at each hidden node diodes {@code dh{l}_{j}hi} (anode the hidden node, cathode
 *       {@code dhi}: limits it from above) and {@code dh{l}_{j}lo} (anode {@code dlo}, cathode the hidden
 *       node: limits it from below);</li>
 *   <li>with amplifiers: VCVS {@code e{l}_{j}} holding node {@code a{l}_{j}} at gain times
 *       {@code h{l}_{j}}; the next layer's resistors start at {@code a{l}_{j}}.</li>
 * </ul>
 * Trainable resistors come in the order: layer by layer, bias resistors of a layer first, then
 * {@code i} outer, {@code j} inner.
 */
public final class LayeredNetworkGenerator {
    private LayeredNetworkGenerator() {
    }

    /** Builds the network; the same spec and seed give the same circuit. */
    public static Circuit generate(LayeredNetworkSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> sizes = spec.layerSizes();
        int layers = sizes.size() - 1;
        Circuit.Builder b = Circuit.builder("layered " + sizes + " seed " + seed);
        int[] sending = new int[sizes.get(0)];
        for (int i = 0; i < spec.inputVariables(); i++) {
            sending[2 * i] = b.node("in" + i + "p");
            sending[2 * i + 1] = b.node("in" + i + "n");
            b.add(VoltageSource.dc("vin" + i + "p", sending[2 * i], Circuit.GROUND, 0));
            b.add(VoltageSource.dc("vin" + i + "n", sending[2 * i + 1], Circuit.GROUND, 0));
        }
        int dhi = -1;
        int dlo = -1;
        if (spec.hiddenDiodes() != null && layers > 1) {
            dhi = b.node("dhi");
            dlo = b.node("dlo");
            b.add(VoltageSource.dc("vdhi", dhi, Circuit.GROUND, spec.diodeHighVolts()));
            b.add(VoltageSource.dc("vdlo", dlo, Circuit.GROUND, spec.diodeLowVolts()));
        }
        for (int l = 1; l <= layers; l++) {
            int size = sizes.get(l);
            boolean output = l == layers;
            int[] receiving = new int[size];
            for (int j = 0; j < size; j++) {
                receiving[j] = b.node(output ? "out" + j : "h" + l + "_" + j);
            }
            if (spec.biasInputs()) {
                int bp = b.node("b" + l + "p");
                int bn = b.node("b" + l + "n");
                b.add(VoltageSource.dc("vb" + l + "p", bp, Circuit.GROUND, spec.biasVolts()));
                b.add(VoltageSource.dc("vb" + l + "n", bn, Circuit.GROUND, -spec.biasVolts()));
                for (int s = 0; s < 2; s++) {
                    for (int j = 0; j < size; j++) {
                        b.add(trainable(spec, random, "rb" + l + "_" + s + "_" + j, s == 0 ? bp : bn, receiving[j]));
                    }
                }
            }
            for (int i = 0; i < sending.length; i++) {
                String prefix = "r" + l + "_" + i + "_";
                for (int j = 0; j < size; j++) {
                    b.add(trainable(spec, random, prefix + j, sending[i], receiving[j]));
                }
            }
            if (!output) {
                if (dhi >= 0) {
                    for (int j = 0; j < size; j++) {
                        b.add(new Diode("dh" + l + "_" + j + "hi", receiving[j], dhi, spec.hiddenDiodes()));
                        b.add(new Diode("dh" + l + "_" + j + "lo", dlo, receiving[j], spec.hiddenDiodes()));
                    }
                }
                if (spec.amplifierGain() != 0) {
                    for (int j = 0; j < size; j++) {
                        int a = b.node("a" + l + "_" + j);
                        b.add(new Vcvs("e" + l + "_" + j, a, Circuit.GROUND, receiving[j], Circuit.GROUND,
                                spec.amplifierGain()));
                        receiving[j] = a;
                    }
                }
            }
            sending = receiving;
        }
        return b.build();
    }

    private static Resistor trainable(LayeredNetworkSpec spec, SplittableRandom random, String name, int a, int b) {
        double g = Networks.logUniform(random, spec.initialMinSiemens(), spec.initialMaxSiemens());
        return Resistor.trainable(name, a, b, 1.0 / g, spec.bounds());
    }
}
