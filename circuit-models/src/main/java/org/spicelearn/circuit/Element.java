package org.spicelearn.circuit;

import java.util.List;

/**
 * A circuit element: a named two- or four-terminal device between dense node indices.
 *
 * <p>Names are lower case (ngspice's convention) and start with the SPICE letter of their kind
 * ({@code r}, {@code d}, {@code v}, {@code i}, {@code c}, {@code e}, {@code g}, {@code b}); flattened
 * subcircuit instances keep ngspice's hierarchical names such as {@code r.x1.r2}.
 */
public sealed interface Element
        permits Resistor, Diode, VoltageSource, CurrentSource, Capacitor, Vcvs, Vccs, BehaviouralSource {

    /** The element's unique, lower-case name. */
    String name();

    /** Every node index the element touches, terminals first, controlling nodes after. */
    List<Integer> nodes();
}
