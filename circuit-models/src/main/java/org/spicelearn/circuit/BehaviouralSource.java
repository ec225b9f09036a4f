package org.spicelearn.circuit;

import java.util.List;

/**
 * A behavioural source (SPICE {@code B}) kept verbatim for ngspice; the ideal substrate refuses it.
 *
 * @param name       lower-case name starting with {@code b}
 * @param plus       positive node
 * @param minus      negative node
 * @param expression the right-hand side as written, e.g. {@code i=v(a,b)*2}
 */
public record BehaviouralSource(String name, int plus, int minus, String expression) implements Element {
    @Override
    public List<Integer> nodes() {
        return List.of(plus, minus);
    }
}
