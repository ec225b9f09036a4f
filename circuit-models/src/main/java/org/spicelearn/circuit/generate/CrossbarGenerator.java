package org.spicelearn.circuit.generate;

import java.util.SplittableRandom;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;

/**
 * Generates an {@code m x n} resistive crossbar.
 *
 * <p>Names: row {@code i} (from 0) is node {@code in{i}} driven by source {@code vin{i}} to ground
 * (DC drawn uniformly in [-1, 1] V); column {@code j} is node {@code out{j}}, loaded to ground by the
 * fixed resistor {@code rload{j}}; the cross-point {@code (i, j)} is the trainable resistor
 * {@code rx{i}_{j}} (trainables in row-major order). Conductances are drawn log-uniformly in
 * [1e-5, 1e-4] S within bounds [1e-7, 1e-3] S.
 */
public final class CrossbarGenerator {
    /** The bounds of every cross-point conductance. */
    public static final ConductanceBounds BOUNDS = new ConductanceBounds(1e-7, 1e-3);

    private CrossbarGenerator() {
    }

    /**
     * Builds the crossbar.
     *
     * @param rows      number of input rows, at least 1
     * @param columns   number of output columns, at least 1
     * @param loadOhms  load resistance of every column
     * @param seed      seed of the input values and conductances
     */
    public static Circuit generate(int rows, int columns, double loadOhms, long seed) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a crossbar needs at least one row and one column");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Circuit.Builder b = Circuit.builder("crossbar " + rows + "x" + columns + " seed " + seed);
        int[] in = new int[rows];
        int[] out = new int[columns];
        for (int i = 0; i < rows; i++) {
            in[i] = b.node("in" + i);
            b.add(VoltageSource.dc("vin" + i, in[i], Circuit.GROUND, 2 * random.nextDouble() - 1));
        }
        for (int j = 0; j < columns; j++) {
            out[j] = b.node("out" + j);
            b.add(Resistor.fixed("rload" + j, out[j], Circuit.GROUND, loadOhms));
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double g = Networks.logUniform(random, 1e-5, 1e-4);
                b.add(Resistor.trainable("rx" + i + "_" + j, in[i], out[j], 1.0 / g, BOUNDS));
            }
        }
        return b.build();
    }
}
