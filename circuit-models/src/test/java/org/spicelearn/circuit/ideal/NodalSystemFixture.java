package org.spicelearn.circuit.ideal;

import java.util.SplittableRandom;

/** Helpers for factorisation tests. */
final class NodalSystemFixture {
    private NodalSystemFixture() {
    }

    /** Fills symmetric values on a symmetric pattern: negative off-diagonals, a dominant positive diagonal. */
    static void fillSymmetricDominant(int n, int[] rowPtr, int[] colIdx, double[] vals, SplittableRandom random) {
        double[] rowSum = new double[n];
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int j = colIdx[p];
                if (j > i) {
                    double g = random.nextDouble();
                    vals[p] = -g;
                    for (int q = rowPtr[j]; q < rowPtr[j + 1]; q++) {
                        if (colIdx[q] == i) {
                            vals[q] = -g;
                        }
                    }
                    rowSum[i] += g;
                    rowSum[j] += g;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                if (colIdx[p] == i) {
                    vals[p] = rowSum[i] + 0.1 + random.nextDouble();
                }
            }
        }
    }
}
