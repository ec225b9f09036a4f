package org.spicelearn.circuit;

import java.util.List;

/**
 * An independent voltage source holding {@code V(plus) - V(minus)} at its DC value (operating
 * point) or its waveform (transient). Its branch current flows from {@code plus} through the
 * source to {@code minus}, as in SPICE.
 *
 * @param name      lower-case name starting with {@code v}
 * @param plus      positive node
 * @param minus     negative node
 * @param dcVolts   value for DC analyses
 * @param waveform  time course for transient analyses ({@link Waveform.Dc} of {@code dcVolts} when plain)
 */
public record VoltageSource(String name, int plus, int minus, double dcVolts, Waveform waveform) implements Element {

    /** A plain DC source. */
    public static VoltageSource dc(String name, int plus, int minus, double volts) {
        return new VoltageSource(name, plus, minus, volts, new Waveform.Dc(volts));
    }

    /** A copy with another DC value (a plain DC waveform follows it). */
    public VoltageSource withDcVolts(double volts) {
        return new VoltageSource(name, plus, minus, volts,
                waveform instanceof Waveform.Dc ? new Waveform.Dc(volts) : waveform);
    }

    @Override
    public List<Integer> nodes() {
        return List.of(plus, minus);
    }
}
