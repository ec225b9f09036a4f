package org.spicelearn.learn.rule;

/**
 * What one trainable device can measure about itself: the voltage across it and its own
 * conductance. This is everything a {@link LocalRule} may see of the network.
 *
 * @param dropVolts          voltage drop across the device, {@code V_a - V_b}
 * @param conductanceSiemens the device's present conductance
 */
public record EdgeSense(double dropVolts, double conductanceSiemens) {

    /** The local co-content derivative {@code h = dE/dg = 1/2 dV^2}, in volts squared. */
    public double coContentVolts2() {
        return 0.5 * dropVolts * dropVolts;
    }
}
