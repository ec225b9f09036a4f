package org.spicelearn.circuit;

import java.util.List;

/**
 * A voltage-controlled current source (SPICE {@code G}): a current {@code transconductanceSiemens *
 * (V(ctrlPlus) - V(ctrlMinus))} flows from {@code outPlus} through the source to {@code outMinus}.
 *
 * @param name                    lower-case name starting with {@code g}
 * @param outPlus                 node the current leaves
 * @param outMinus                node the current enters
 * @param ctrlPlus                positive controlling node
 * @param ctrlMinus               negative controlling node
 * @param transconductanceSiemens gain, in siemens
 */
public record Vccs(String name, int outPlus, int outMinus, int ctrlPlus, int ctrlMinus, double transconductanceSiemens)
        implements Element {
    @Override
    public List<Integer> nodes() {
        return List.of(outPlus, outMinus, ctrlPlus, ctrlMinus);
    }
}
