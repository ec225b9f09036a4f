package org.spicelearn.circuit;

/**
 * The current-voltage law of a diode: a Shockley junction or an ideal diode with a threshold.
 */
public sealed interface DiodeModel permits DiodeModel.Shockley, DiodeModel.Ideal {

    /** The {@code .model} name (lower case) this law is declared under. */
    String modelName();

    /**
     * The Shockley law {@code I = Is * (exp(V / (n Vt)) - 1)}, series-resistance free, at 27 degC.
     *
     * @param modelName              lower-case model name
     * @param saturationCurrentAmps  {@code Is}, strictly positive
     * @param emissionCoefficient    {@code n}, strictly positive
     */
    record Shockley(String modelName, double saturationCurrentAmps, double emissionCoefficient) implements DiodeModel {
        /** Validates the parameters. */
        public Shockley {
            if (!(saturationCurrentAmps > 0) || !(emissionCoefficient > 0)) {
                throw new IllegalArgumentException("diode model " + modelName + " needs Is > 0 and N > 0");
            }
        }

        /** The diode current at forward voltage {@code volts}, in amps. */
        public double currentAmps(double volts) {
            return saturationCurrentAmps * Math.expm1(volts / (emissionCoefficient * Units.THERMAL_VOLTAGE_VOLTS));
        }

        /** The small-signal conductance dI/dV at {@code volts}, in siemens. */
        public double conductanceSiemens(double volts) {
            double nvt = emissionCoefficient * Units.THERMAL_VOLTAGE_VOLTS;
            return saturationCurrentAmps / nvt * Math.exp(volts / nvt);
        }
    }

    /**
     * An ideal diode: no current below the threshold, any current at it; the anode-to-cathode
     * voltage never exceeds {@code thresholdVolts}.
     *
     * @param modelName      lower-case model name
     * @param thresholdVolts forward threshold
     */
    record Ideal(String modelName, double thresholdVolts) implements DiodeModel {
    }
}
