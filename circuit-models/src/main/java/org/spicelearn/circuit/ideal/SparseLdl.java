package org.spicelearn.circuit.ideal;

import org.spicelearn.circuit.SubstrateException;

/**
 * A sparse {@code L D L^T} factorisation of a symmetric matrix (up-looking, after T. Davis's LDL)
 * under a minimum-degree ordering; the symbolic part (ordering, elimination tree, column counts)
 * is computed once from the pattern and reused by every numeric factorisation.
 *
 * <p>No pivoting is done, so the matrix must be symmetric with non-zero pivots in the chosen order:
 * true for the reduced nodal matrices of resistive networks (symmetric positive definite) and for
 * moderately negative nudges. Negative pivots are allowed (the factorisation of an indefinite matrix
 * goes on); their count gives the matrix's inertia ({@link #negativePivots()}).
 */
final class SparseLdl implements LinearFactor {
    private final int n;
    private final int[] perm;
    private final int[] ap;
    private final int[] ai;
    private final int[] gather;
    private final double[] ax;
    private final int[] lp;
    private final int[] parent;
    private final int[] lnz;
    private final int[] flag;
    private final int[] pattern;
    private final int[] li;
    private final double[] lx;
    private final double[] d;
    private final double[] y;
    private final double[] work;
    private int negativePivots;
    private int mostNegativePivot = -1;

    /**
     * Runs the symbolic phase for a structurally symmetric CSR pattern.
     *
     * @param n      matrix dimension
     * @param rowPtr CSR row pointers
     * @param colIdx CSR column indices
     */
    SparseLdl(int n, int[] rowPtr, int[] colIdx) {
        this.n = n;
        perm = MinimumDegreeOrdering.order(n, rowPtr, colIdx);
        int[] pinv = SparseSymbolic.inverse(perm);
        ap = SparseSymbolic.upperColumnPointers(n, rowPtr, colIdx, pinv);
        ai = new int[ap[n]];
        gather = new int[ap[n]];
        ax = new double[ap[n]];
        int[] next = java.util.Arrays.copyOf(ap, n);
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int r = pinv[i];
                int c = pinv[colIdx[p]];
                if (r <= c) {
                    int q = next[c]++;
                    ai[q] = r;
                    gather[q] = p;
                }
            }
        }
        parent = new int[n];
        lnz = new int[n];
        flag = new int[n];
        pattern = new int[n];
        lp = SparseSymbolic.eliminationTree(n, ap, ai, parent, lnz, flag);
        li = new int[lp[n]];
        lx = new double[lp[n]];
        d = new double[n];
        y = new double[n];
        work = new double[n];
    }

    /** The number of off-diagonal entries of {@code L} (the fill included). */
    int factorNonZeros() {
        return lp[n];
    }

    @Override
    public void factor(double[] csrValues) {
        negativePivots = 0;
        mostNegativePivot = -1;
        for (int q = 0; q < ax.length; q++) {
            ax[q] = csrValues[gather[q]];
        }
        for (int k = 0; k < n; k++) {
            y[k] = 0;
            int top = n;
            flag[k] = k;
            lnz[k] = 0;
            for (int p = ap[k]; p < ap[k + 1]; p++) {
                int i = ai[p];
                y[i] += ax[p];
                top = SparseSymbolic.pushRowPath(i, k, top, parent, flag, pattern);
            }
            double dk = y[k];
            y[k] = 0;
            for (; top < n; top++) {
                int i = pattern[top];
                double yi = y[i];
                y[i] = 0;
                int p2 = lp[i] + lnz[i];
                for (int p = lp[i]; p < p2; p++) {
                    y[li[p]] -= lx[p] * yi;
                }
                double lki = yi / d[i];
                dk -= lki * yi;
                li[p2] = k;
                lx[p2] = lki;
                lnz[i]++;
            }
            if (dk == 0 || !Double.isFinite(dk)) {
                throw new SubstrateException("singular nodal matrix at unknown " + perm[k]
                        + " (a node or group of nodes without a DC path, or a nudge that cancels it)");
            }
            d[k] = dk;
            if (dk < 0) {
                negativePivots++;
                if (mostNegativePivot < 0 || dk < d[mostNegativePivot]) {
                    mostNegativePivot = k;
                }
            }
        }
    }

    /**
     * The number of negative pivots of the last factorisation: by Sylvester's law of inertia, the
     * number of negative eigenvalues of the matrix (0 exactly when it is positive definite).
     */
    int negativePivots() {
        return negativePivots;
    }

    /**
     * A direction of negative curvature of the last factorised matrix {@code A}, in {@code x}: the
     * {@code x} with {@code L^T P x = e_k} for the most negative pivot {@code d_k}, so that
     * {@code x^T A x = d_k < 0}.
     *
     * @throws IllegalStateException when the last factorisation had no negative pivot
     */
    void negativeCurvatureDirection(double[] x) {
        if (mostNegativePivot < 0) {
            throw new IllegalStateException("the factorised matrix is positive definite");
        }
        java.util.Arrays.fill(work, 0);
        work[mostNegativePivot] = 1;
        backSubstitute(x);
    }

    @Override
    public void solve(double[] b, double[] x) {
        for (int k = 0; k < n; k++) {
            work[k] = b[perm[k]];
        }
        SparseSymbolic.solveUnitLower(n, lp, li, lx, work);
        for (int j = 0; j < n; j++) {
            work[j] /= d[j];
        }
        backSubstitute(x);
    }

    /** Solves {@code L^T z = work} in place and scatters {@code z} to {@code x} in the original order. */
    private void backSubstitute(double[] x) {
        SparseSymbolic.solveUnitLowerTransposed(n, lp, li, lx, work);
        for (int k = 0; k < n; k++) {
            x[perm[k]] = work[k];
        }
    }

    @Override
    public void solveTransposed(double[] b, double[] x) {
        solve(b, x);
    }
}
