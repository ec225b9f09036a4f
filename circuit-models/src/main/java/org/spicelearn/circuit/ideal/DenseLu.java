package org.spicelearn.circuit.ideal;

import org.spicelearn.circuit.SubstrateException;

/**
 * A dense LU factorisation with partial pivoting, used for the non-symmetric nodal systems that
 * controlled sources (VCVS, VCCS) create; the values come from a CSR pattern.
 */
final class DenseLu implements LinearFactor {
    private final int n;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] lu;
    private final int[] pivot;
    private final double[] work;

    DenseLu(int n, int[] rowPtr, int[] colIdx) {
        this.n = n;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        lu = new double[n * n];
        pivot = new int[n];
        work = new double[n];
    }

    @Override
    public void factor(double[] csrValues) {
        java.util.Arrays.fill(lu, 0);
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                lu[i * n + colIdx[p]] += csrValues[p];
            }
        }
        for (int k = 0; k < n; k++) {
            int best = k;
            double max = Math.abs(lu[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(lu[i * n + k]);
                if (v > max) {
                    max = v;
                    best = i;
                }
            }
            if (max == 0 || !Double.isFinite(max)) {
                throw new SubstrateException("singular nodal matrix at unknown " + k
                        + " (a node without a DC path, or contradictory controlled sources)");
            }
            pivot[k] = best;
            if (best != k) {
                for (int j = 0; j < n; j++) {
                    double t = lu[k * n + j];
                    lu[k * n + j] = lu[best * n + j];
                    lu[best * n + j] = t;
                }
            }
            double inv = 1.0 / lu[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double f = lu[i * n + k] * inv;
                if (f != 0) {
                    lu[i * n + k] = f;
                    int ri = i * n;
                    int rk = k * n;
                    for (int j = k + 1; j < n; j++) {
                        lu[ri + j] -= f * lu[rk + j];
                    }
                } else {
                    lu[i * n + k] = 0;
                }
            }
        }
    }

    @Override
    public void solve(double[] b, double[] x) {
        System.arraycopy(b, 0, work, 0, n);
        for (int k = 0; k < n; k++) {
            double t = work[k];
            work[k] = work[pivot[k]];
            work[pivot[k]] = t;
        }
        for (int i = 0; i < n; i++) {
            double s = work[i];
            for (int j = 0; j < i; j++) {
                s -= lu[i * n + j] * work[j];
            }
            work[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = work[i];
            for (int j = i + 1; j < n; j++) {
                s -= lu[i * n + j] * work[j];
            }
            work[i] = s / lu[i * n + i];
        }
        System.arraycopy(work, 0, x, 0, n);
    }

    @Override
    public void solveTransposed(double[] b, double[] x) {
        System.arraycopy(b, 0, work, 0, n);
        for (int i = 0; i < n; i++) {
            double s = work[i];
            for (int j = 0; j < i; j++) {
                s -= lu[j * n + i] * work[j];
            }
            work[i] = s / lu[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = work[i];
            for (int j = i + 1; j < n; j++) {
                s -= lu[j * n + i] * work[j];
            }
            work[i] = s;
        }
        for (int k = n - 1; k >= 0; k--) {
            double t = work[k];
            work[k] = work[pivot[k]];
            work[pivot[k]] = t;
        }
        System.arraycopy(work, 0, x, 0, n);
    }

    /**
     * Solves a small dense system {@code a x = b} ({@code a} row-major {@code m x m}, overwritten) by
     * Gaussian elimination with partial pivoting.
     */
    static double[] solveSmall(int m, double[] a, double[] b) {
        double[] x = b.clone();
        for (int k = 0; k < m; k++) {
            int best = k;
            for (int i = k + 1; i < m; i++) {
                if (Math.abs(a[i * m + k]) > Math.abs(a[best * m + k])) {
                    best = i;
                }
            }
            if (a[best * m + k] == 0) {
                throw new SubstrateException("the active ideal-diode constraints are dependent (a loop of conducting "
                        + "diodes?)");
            }
            if (best != k) {
                for (int j = 0; j < m; j++) {
                    double t = a[k * m + j];
                    a[k * m + j] = a[best * m + j];
                    a[best * m + j] = t;
                }
                double t = x[k];
                x[k] = x[best];
                x[best] = t;
            }
            for (int i = k + 1; i < m; i++) {
                double f = a[i * m + k] / a[k * m + k];
                if (f != 0) {
                    for (int j = k; j < m; j++) {
                        a[i * m + j] -= f * a[k * m + j];
                    }
                    x[i] -= f * x[k];
                }
            }
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = x[i];
            for (int j = i + 1; j < m; j++) {
                s -= a[i * m + j] * x[j];
            }
            x[i] = s / a[i * m + i];
        }
        return x;
    }
}
