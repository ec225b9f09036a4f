package org.spicelearn.circuit.generate;

import java.util.List;
import java.util.Objects;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.DiodeModel;

/**
 * The shape of a layered deep resistive network (Kendall et al. 2020, Scellier 2024); see
 * {@link LayeredNetworkGenerator} for the names of what it builds.
 *
 * @param layerSizes             node count per layer: the first counts input nodes (even: each input
 *                               variable is duplicated as +x and -x), the last the outputs; e.g.
 *                               {@code 1568, 100, 10} has 157,800 resistors
 * @param bounds                 conductance bounds of every trainable resistor
 * @param initialMinSiemens      smallest initial conductance (drawn log-uniformly)
 * @param initialMaxSiemens      largest initial conductance
 * @param hiddenDiodes           the diode law of the pair at each hidden node, or {@code null} for none
 * @param diodeHighVolts         voltage of source {@code vdhi} (the upper diode's cathode)
 * @param diodeLowVolts          voltage of source {@code vdlo} (the lower diode's anode)
 * @param biasInputs             whether every non-input layer gets a bias pair ({@code vb{l}p}, {@code vb{l}n})
 * @param biasVolts              magnitude of the bias pair's voltages (+ and -)
 * @param amplifierGain          gain of the VCVS after every hidden node, or 0 for none
 */
public record LayeredNetworkSpec(List<Integer> layerSizes, ConductanceBounds bounds, double initialMinSiemens,
                                 double initialMaxSiemens, DiodeModel hiddenDiodes, double diodeHighVolts,
                                 double diodeLowVolts, boolean biasInputs, double biasVolts, double amplifierGain) {
    /** The default Shockley law of the hidden diodes ({@code Is} = 1e-14 A, {@code n} = 1). */
    public static final DiodeModel.Shockley DEFAULT_SHOCKLEY = new DiodeModel.Shockley("dmod", 1e-14, 1);
    /** The default ideal diode (threshold 0 V). */
    public static final DiodeModel.Ideal DEFAULT_IDEAL = new DiodeModel.Ideal("dideal", 0);

    /** Validates the shape. */
    public LayeredNetworkSpec {
        layerSizes = List.copyOf(layerSizes);
        Objects.requireNonNull(bounds, "bounds");
        if (layerSizes.size() < 2) {
            throw new IllegalArgumentException("a layered network needs at least an input and an output layer");
        }
        for (int size : layerSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("layer sizes must be positive: " + layerSizes);
            }
        }
        if (layerSizes.get(0) % 2 != 0) {
            throw new IllegalArgumentException("the input layer counts +x and -x nodes, so it must be even: " + layerSizes);
        }
        if (!(initialMinSiemens > 0) || !(initialMaxSiemens >= initialMinSiemens)
                || !bounds.contains(initialMinSiemens) || !bounds.contains(initialMaxSiemens)) {
            throw new IllegalArgumentException("initial conductances [" + initialMinSiemens + ", " + initialMaxSiemens
                    + "] S must lie inside the bounds");
        }
    }

    /**
     * A linear network of the given layer sizes with bounds [1e-7, 1e-3] S, initial conductances
     * log-uniform in [1e-5, 1e-4] S, no diodes, no bias, no amplifiers, diode sources at +/-0.5 V.
     */
    public static LayeredNetworkSpec of(int... layerSizes) {
        return new LayeredNetworkSpec(java.util.Arrays.stream(layerSizes).boxed().toList(),
                new ConductanceBounds(1e-7, 1e-3), 1e-5, 1e-4, null, 0.5, -0.5, false, 1.0, 0);
    }

    /** The same shape with a diode pair of law {@code model} at each hidden node ({@code null}: none). */
    public LayeredNetworkSpec withHiddenDiodes(DiodeModel model) {
        return new LayeredNetworkSpec(layerSizes, bounds, initialMinSiemens, initialMaxSiemens, model, diodeHighVolts,
                diodeLowVolts, biasInputs, biasVolts, amplifierGain);
    }

    /** The same shape with the diode bias sources at other voltages. */
    public LayeredNetworkSpec withDiodeVolts(double lowVolts, double highVolts) {
        return new LayeredNetworkSpec(layerSizes, bounds, initialMinSiemens, initialMaxSiemens, hiddenDiodes, highVolts,
                lowVolts, biasInputs, biasVolts, amplifierGain);
    }

    /** The same shape with or without bias pairs of magnitude {@code volts}. */
    public LayeredNetworkSpec withBias(boolean on, double volts) {
        return new LayeredNetworkSpec(layerSizes, bounds, initialMinSiemens, initialMaxSiemens, hiddenDiodes,
                diodeHighVolts, diodeLowVolts, on, volts, amplifierGain);
    }

    /** The same shape with amplifiers of the given gain (0: none). */
    public LayeredNetworkSpec withAmplifierGain(double gain) {
        return new LayeredNetworkSpec(layerSizes, bounds, initialMinSiemens, initialMaxSiemens, hiddenDiodes,
                diodeHighVolts, diodeLowVolts, biasInputs, biasVolts, gain);
    }

    /** The same shape with other bounds and initial range. */
    public LayeredNetworkSpec withConductances(ConductanceBounds newBounds, double initialMin, double initialMax) {
        return new LayeredNetworkSpec(layerSizes, newBounds, initialMin, initialMax, hiddenDiodes, diodeHighVolts,
                diodeLowVolts, biasInputs, biasVolts, amplifierGain);
    }

    /** The number of input variables (half the input layer). */
    public int inputVariables() {
        return layerSizes.get(0) / 2;
    }
}
