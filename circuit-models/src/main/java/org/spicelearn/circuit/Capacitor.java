package org.spicelearn.circuit;

import java.util.List;

/**
 * A linear capacitor between {@code a} and {@code b}.
 *
 * @param name   lower-case name starting with {@code c}
 * @param a      first terminal
 * @param b      second terminal
 * @param farads capacitance, strictly positive
 */
public record Capacitor(String name, int a, int b, double farads) implements Element {
    @Override
    public List<Integer> nodes() {
        return List.of(a, b);
    }
}
