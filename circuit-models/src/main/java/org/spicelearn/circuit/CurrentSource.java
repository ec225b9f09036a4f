package org.spicelearn.circuit;

import java.util.List;

/**
 * An independent current source; as in SPICE, its current flows from {@code from} through the
 * source to {@code to} (it draws current out of {@code from} and pushes it into {@code to}).
 *
 * @param name     lower-case name starting with {@code i}
 * @param from     node the current leaves
 * @param to       node the current enters
 * @param dcAmps   value for DC analyses
 * @param waveform time course for transient analyses
 */
public record CurrentSource(String name, int from, int to, double dcAmps, Waveform waveform) implements Element {

    /** A plain DC source. */
    public static CurrentSource dc(String name, int from, int to, double amps) {
        return new CurrentSource(name, from, to, amps, new Waveform.Dc(amps));
    }

    @Override
    public List<Integer> nodes() {
        return List.of(from, to);
    }
}
