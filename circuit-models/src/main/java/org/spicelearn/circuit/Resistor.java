package org.spicelearn.circuit;

import java.util.List;

/**
 * A linear resistor between nodes {@code a} and {@code b}; trainable when it has conductance bounds.
 *
 * @param name   lower-case name starting with {@code r}
 * @param a      first terminal (current is counted from {@code a} to {@code b})
 * @param b      second terminal
 * @param ohms   resistance, strictly positive
 * @param bounds conductance range when trainable, {@code null} when fixed
 */
public record Resistor(String name, int a, int b, double ohms, ConductanceBounds bounds) implements Element {

    /** A fixed (not trainable) resistor. */
    public static Resistor fixed(String name, int a, int b, double ohms) {
        return new Resistor(name, a, b, ohms, null);
    }

    /** A trainable resistor with conductance bounds. */
    public static Resistor trainable(String name, int a, int b, double ohms, ConductanceBounds bounds) {
        return new Resistor(name, a, b, ohms, java.util.Objects.requireNonNull(bounds, "bounds"));
    }

    /** Whether the learner may change this resistor. */
    public boolean trainable() {
        return bounds != null;
    }

    /** The conductance, in siemens. */
    public double siemens() {
        return Units.siemensFromOhms(ohms);
    }

    /** A copy with another resistance. */
    public Resistor withOhms(double newOhms) {
        return new Resistor(name, a, b, newOhms, bounds);
    }

    /** A copy with another conductance. */
    public Resistor withSiemens(double siemens) {
        return new Resistor(name, a, b, Units.ohmsFromSiemens(siemens), bounds);
    }

    /** A copy that is trainable within {@code newBounds}, or fixed when it is {@code null}. */
    public Resistor withBounds(ConductanceBounds newBounds) {
        return new Resistor(name, a, b, ohms, newBounds);
    }

    @Override
    public List<Integer> nodes() {
        return List.of(a, b);
    }
}
