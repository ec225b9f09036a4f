package org.spicelearn.circuit.generate;

import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;

/**
 * Generates an {@code N}-section R-2R ladder, whose node {@code n{k}} sits at exactly
 * {@code vin / 2^k}.
 *
 * <p>Names: source {@code vin} drives node {@code n0}; section {@code k} (1..N) is the series
 * resistor {@code rs{k}} (R, from {@code n{k-1}} to {@code n{k}}) and the shunt {@code rp{k}} (2R, from
 * {@code n{k}} to ground); {@code rterm} (2R) terminates {@code n{N}} to ground. Every resistor is
 * trainable within [g/1000, 1000 g] of its own conductance, in the order rs1, rp1, rs2, rp2, ..., rterm.
 */
public final class LadderGenerator {
    private LadderGenerator() {
    }

    /**
     * Builds the ladder.
     *
     * @param sections number of sections N, at least 1
     * @param ohms     the unit resistance R
     * @param volts    the DC value of {@code vin}
     */
    public static Circuit generate(int sections, double ohms, double volts) {
        if (sections < 1) {
            throw new IllegalArgumentException("a ladder needs at least one section");
        }
        Circuit.Builder b = Circuit.builder("r-2r ladder " + sections + " sections");
        int previous = b.node("n0");
        b.add(VoltageSource.dc("vin", previous, Circuit.GROUND, volts));
        for (int k = 1; k <= sections; k++) {
            int node = b.node("n" + k);
            b.add(trainable("rs" + k, previous, node, ohms));
            b.add(trainable("rp" + k, node, Circuit.GROUND, 2 * ohms));
            previous = node;
        }
        b.add(trainable("rterm", previous, Circuit.GROUND, 2 * ohms));
        return b.build();
    }

    private static Resistor trainable(String name, int a, int b, double ohms) {
        double g = 1.0 / ohms;
        return Resistor.trainable(name, a, b, ohms, new ConductanceBounds(g / 1000, g * 1000));
    }
}
