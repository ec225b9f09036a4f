package org.spicelearn.circuit;

import java.util.List;

/**
 * A diode from {@code anode} to {@code cathode} with a {@link DiodeModel}.
 *
 * @param name    lower-case name starting with {@code d}
 * @param anode   anode node
 * @param cathode cathode node
 * @param model   its current-voltage law
 */
public record Diode(String name, int anode, int cathode, DiodeModel model) implements Element {
    @Override
    public List<Integer> nodes() {
        return List.of(anode, cathode);
    }
}
