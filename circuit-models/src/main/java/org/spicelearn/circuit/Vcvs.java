package org.spicelearn.circuit;

import java.util.List;

/**
 * A voltage-controlled voltage source (SPICE {@code E}): {@code V(outPlus) - V(outMinus) = gain *
 * (V(ctrlPlus) - V(ctrlMinus))}; the amplifier of layered networks.
 *
 * @param name      lower-case name starting with {@code e}
 * @param outPlus   positive output node
 * @param outMinus  negative output node
 * @param ctrlPlus  positive controlling node
 * @param ctrlMinus negative controlling node
 * @param gain      voltage gain
 */
public record Vcvs(String name, int outPlus, int outMinus, int ctrlPlus, int ctrlMinus, double gain) implements Element {
    @Override
    public List<Integer> nodes() {
        return List.of(outPlus, outMinus, ctrlPlus, ctrlMinus);
    }
}
