package org.spicelearn.circuit;

/**
 * Unit conversions and physical constants shared by every module; the one place where
 * resistance and conductance are converted.
 */
public final class Units {
    /** Boltzmann constant over elementary charge, in volts per kelvin. */
    public static final double BOLTZMANN_OVER_CHARGE_VOLTS_PER_KELVIN = 1.380649e-23 / 1.602176634e-19;
    /** ngspice's default nominal temperature (27 degC), in kelvin. */
    public static final double NOMINAL_TEMPERATURE_KELVIN = 300.15;
    /** Thermal voltage kT/q at the nominal temperature, in volts (about 25.865 mV). */
    public static final double THERMAL_VOLTAGE_VOLTS = BOLTZMANN_OVER_CHARGE_VOLTS_PER_KELVIN * NOMINAL_TEMPERATURE_KELVIN;

    private Units() {
    }

    /**
     * Converts a resistance to a conductance.
     *
     * @param ohms resistance, strictly positive and finite
     * @return the conductance in siemens
     * @throws IllegalArgumentException when {@code ohms} is not strictly positive and finite
     */
    public static double siemensFromOhms(double ohms) {
        if (!(ohms > 0) || Double.isInfinite(ohms)) {
            throw new IllegalArgumentException("resistance must be positive and finite, got " + ohms + " ohms");
        }
        return 1.0 / ohms;
    }

    /**
     * Converts a conductance to a resistance.
     *
     * @param siemens conductance, strictly positive and finite
     * @return the resistance in ohms
     * @throws IllegalArgumentException when {@code siemens} is not strictly positive and finite
     */
    public static double ohmsFromSiemens(double siemens) {
        if (!(siemens > 0) || Double.isInfinite(siemens)) {
            throw new IllegalArgumentException("conductance must be positive and finite, got " + siemens + " S");
        }
        return 1.0 / siemens;
    }
}
