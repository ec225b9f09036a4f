package org.spicelearn.circuit.ideal;

import java.util.Arrays;

/**
 * A sparse LU factorisation without numerical pivoting for the non-symmetric nodal systems of
 * controlled sources: rows are first permuted statically so that every VCVS constraint row sits on
 * its output node's diagonal (a zero-free diagonal), then the symmetric pattern of the permuted
 * matrix is ordered by minimum degree and factorised up-looking along its elimination tree (for a
 * structurally symmetric pattern, {@code L} and {@code U^T} share the Cholesky pattern). The
 * symbolic part is computed once; each numeric factorisation checks its pivots and throws
 * {@link SmallPivotException} when one is too small to trust, so that the caller can fall back to
 * partial pivoting.
 */
final class SparseLu implements LinearFactor {
    /** Thrown when a pivot of the static ordering is too small relative to its row. */
    static final class SmallPivotException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SmallPivotException(int unknown) {
            super("small pivot at unknown " + unknown, null, false, false);
        }
    }

    private static final double PIVOT_TOLERANCE = 1e-10;

    private final int n;
    private final int[] rowPerm;
    private final int[] perm;
    private final int[] ap;
    private final int[] ai;
    private final int[] gatherUpper;
    private final int[] gatherLower;
    private final int[] lp;
    private final int[] parent;
    private final int[] lnz;
    private final int[] flag;
    private final int[] pattern;
    private final int[] li;
    private final double[] lx;
    private final double[] ux;
    private final double[] diag;
    private final double[] yc;
    private final double[] yr;
    private final double[] work;

    /**
     * Runs the symbolic phase.
     *
     * @param n       dimension
     * @param rowPtr  CSR row pointers of the (structurally symmetric) matrix
     * @param colIdx  CSR column indices
     * @param rowPerm row {@code i} of the factorised matrix is row {@code rowPerm[i]} of the given one
     */
    SparseLu(int n, int[] rowPtr, int[] colIdx, int[] rowPerm) {
        this.n = n;
        this.rowPerm = rowPerm.clone();
        // entries of B = P A as (row of B, column, CSR position in A)
        int nnz = colIdx.length;
        int[] bRow = new int[nnz];
        int[] bCol = new int[nnz];
        int[] bPos = new int[nnz];
        int e = 0;
        for (int i = 0; i < n; i++) {
            int r = rowPerm[i];
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                bRow[e] = i;
                bCol[e] = colIdx[p];
                bPos[e++] = p;
            }
        }
        // symmetric pattern of B + B^T (CSR, with diagonal)
        long[] keys = new long[2 * nnz + n];
        int kc = 0;
        for (int q = 0; q < nnz; q++) {
            keys[kc++] = (long) bRow[q] * n + bCol[q];
            keys[kc++] = (long) bCol[q] * n + bRow[q];
        }
        for (int i = 0; i < n; i++) {
            keys[kc++] = (long) i * n + i;
        }
        keys = Arrays.stream(keys, 0, kc).sorted().distinct().toArray();
        int[] sPtr = new int[n + 1];
        int[] sIdx = new int[keys.length];
        for (int q = 0; q < keys.length; q++) {
            sPtr[(int) (keys[q] / n) + 1]++;
            sIdx[q] = (int) (keys[q] % n);
        }
        for (int i = 0; i < n; i++) {
            sPtr[i + 1] += sPtr[i];
        }
        perm = MinimumDegreeOrdering.order(n, sPtr, sIdx);
        int[] pinv = SparseSymbolic.inverse(perm);
        // permuted upper pattern, column by column, with the positions of B(i,k) and B(k,i)
        ap = SparseSymbolic.upperColumnPointers(n, sPtr, sIdx, pinv);
        ai = new int[ap[n]];
        gatherUpper = new int[ap[n]];
        gatherLower = new int[ap[n]];
        Arrays.fill(gatherUpper, -1);
        Arrays.fill(gatherLower, -1);
        java.util.Map<Long, Integer> slot = new java.util.HashMap<>();
        int[] next = Arrays.copyOf(ap, n);
        for (int i = 0; i < n; i++) {
            for (int q = sPtr[i]; q < sPtr[i + 1]; q++) {
                int r = pinv[i];
                int c = pinv[sIdx[q]];
                if (r <= c) {
                    int s = next[c]++;
                    ai[s] = r;
                    slot.put((long) r * n + c, s);
                }
            }
        }
        for (int q = 0; q < nnz; q++) {
            int r = pinv[bRow[q]];
            int c = pinv[bCol[q]];
            if (r <= c) {
                gatherUpper[slot.get((long) r * n + c)] = bPos[q];
            } else {
                gatherLower[slot.get((long) c * n + r)] = bPos[q];
            }
        }
        parent = new int[n];
        lnz = new int[n];
        flag = new int[n];
        pattern = new int[n];
        lp = SparseSymbolic.eliminationTree(n, ap, ai, parent, lnz, flag);
        li = new int[lp[n]];
        lx = new double[lp[n]];
        ux = new double[lp[n]];
        diag = new double[n];
        yc = new double[n];
        yr = new double[n];
        work = new double[n];
    }

    @Override
    public void factor(double[] csrValues) {
        for (int k = 0; k < n; k++) {
            yc[k] = 0;
            yr[k] = 0;
            int top = n;
            flag[k] = k;
            lnz[k] = 0;
            double scale = 0;
            for (int p = ap[k]; p < ap[k + 1]; p++) {
                int i = ai[p];
                double upper = gatherUpper[p] >= 0 ? csrValues[gatherUpper[p]] : 0;
                double lower = gatherLower[p] >= 0 ? csrValues[gatherLower[p]] : 0;
                scale = Math.max(scale, Math.max(Math.abs(upper), Math.abs(lower)));
                yc[i] += upper;
                if (i != k) {
                    yr[i] += lower;
                }
                top = SparseSymbolic.pushRowPath(i, k, top, parent, flag, pattern);
            }
            double dk = yc[k];
            yc[k] = 0;
            for (; top < n; top++) {
                int i = pattern[top];
                double uik = yc[i];
                double lki = yr[i] / diag[i];
                yc[i] = 0;
                yr[i] = 0;
                int p2 = lp[i] + lnz[i];
                for (int p = lp[i]; p < p2; p++) {
                    yc[li[p]] -= lx[p] * uik;
                    yr[li[p]] -= ux[p] * lki;
                }
                dk -= lki * uik;
                li[p2] = k;
                lx[p2] = lki;
                ux[p2] = uik;
                lnz[i]++;
            }
            if (!(Math.abs(dk) > PIVOT_TOLERANCE * scale) || !Double.isFinite(dk)) {
                throw new SmallPivotException(perm[k]);
            }
            diag[k] = dk;
        }
    }

    @Override
    public void solve(double[] b, double[] x) {
        for (int k = 0; k < n; k++) {
            work[k] = b[rowPerm[perm[k]]];
        }
        SparseSymbolic.solveUnitLower(n, lp, li, lx, work);
        for (int j = n - 1; j >= 0; j--) {
            double s = work[j];
            for (int p = lp[j]; p < lp[j + 1]; p++) {
                s -= ux[p] * work[li[p]];
            }
            work[j] = s / diag[j];
        }
        for (int k = 0; k < n; k++) {
            x[perm[k]] = work[k];
        }
    }

    @Override
    public void solveTransposed(double[] b, double[] x) {
        for (int k = 0; k < n; k++) {
            work[k] = b[perm[k]];
        }
        for (int j = 0; j < n; j++) {
            double zj = work[j] / diag[j];
            work[j] = zj;
            if (zj != 0) {
                for (int p = lp[j]; p < lp[j + 1]; p++) {
                    work[li[p]] -= ux[p] * zj;
                }
            }
        }
        SparseSymbolic.solveUnitLowerTransposed(n, lp, li, lx, work);
        for (int k = 0; k < n; k++) {
            x[rowPerm[perm[k]]] = work[k];
        }
    }
}
