package org.spicelearn.circuit.ideal;

/**
 * The steps shared by the up-looking sparse factorisations {@link SparseLdl} and {@link SparseLu}:
 * the permuted upper pattern, the elimination tree with its column counts, the row pattern of one
 * step of the numeric factorisation, and the unit-triangular solves with {@code L} and {@code L^T}.
 * All arrays follow T. Davis's LDL layout ({@code ap}/{@code ai} the permuted upper pattern by
 * column, {@code lp}/{@code li}/{@code lx} the strict lower factor by column).
 */
final class SparseSymbolic {
    private SparseSymbolic() {
    }

    /** The inverse of a permutation: {@code inverse[perm[k]] = k}. */
    static int[] inverse(int[] perm) {
        int[] pinv = new int[perm.length];
        for (int k = 0; k < perm.length; k++) {
            pinv[perm[k]] = k;
        }
        return pinv;
    }

    /**
     * The column pointers of the upper triangle (diagonal included) of the symmetric permutation
     * {@code P A P^T} of a CSR pattern, where {@code pinv} is the inverse of {@code P}'s ordering.
     */
    static int[] upperColumnPointers(int n, int[] rowPtr, int[] colIdx, int[] pinv) {
        int[] ap = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int r = pinv[i];
                int c = pinv[colIdx[p]];
                if (r <= c) {
                    ap[c + 1]++;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            ap[k + 1] += ap[k];
        }
        return ap;
    }

    /**
     * Computes the elimination tree and the column counts of {@code L} from the upper pattern
     * {@code ap}/{@code ai}; fills {@code parent} (-1 at a root), {@code lnz} (non-zeros per column)
     * and {@code flag} (scratch), and returns the column pointers {@code lp} of {@code L}.
     */
    static int[] eliminationTree(int n, int[] ap, int[] ai, int[] parent, int[] lnz, int[] flag) {
        for (int k = 0; k < n; k++) {
            parent[k] = -1;
            flag[k] = k;
            lnz[k] = 0;
            for (int p = ap[k]; p < ap[k + 1]; p++) {
                int i = ai[p];
                if (i < k) {
                    for (; flag[i] != k; i = parent[i]) {
                        if (parent[i] == -1) {
                            parent[i] = k;
                        }
                        lnz[i]++;
                        flag[i] = k;
                    }
                }
            }
        }
        int[] lp = new int[n + 1];
        for (int k = 0; k < n; k++) {
            lp[k + 1] = lp[k] + lnz[k];
        }
        return lp;
    }

    /**
     * Walks the elimination tree from {@code i} up to the first node already flagged for row
     * {@code k}, flagging the path and pushing it onto the stack {@code pattern[top..n)} in
     * topological order; returns the new top of the stack.
     */
    static int pushRowPath(int i, int k, int top, int[] parent, int[] flag, int[] pattern) {
        int len = 0;
        for (; flag[i] != k; i = parent[i]) {
            pattern[len++] = i;
            flag[i] = k;
        }
        while (len > 0) {
            pattern[--top] = pattern[--len];
        }
        return top;
    }

    /** Solves {@code L z = work} in place for the unit lower factor {@code L}. */
    static void solveUnitLower(int n, int[] lp, int[] li, double[] lx, double[] work) {
        for (int j = 0; j < n; j++) {
            double wj = work[j];
            if (wj != 0) {
                for (int p = lp[j]; p < lp[j + 1]; p++) {
                    work[li[p]] -= lx[p] * wj;
                }
            }
        }
    }

    /** Solves {@code L^T z = work} in place for the unit lower factor {@code L}. */
    static void solveUnitLowerTransposed(int n, int[] lp, int[] li, double[] lx, double[] work) {
        for (int j = n - 1; j >= 0; j--) {
            double s = work[j];
            for (int p = lp[j]; p < lp[j + 1]; p++) {
                s -= lx[p] * work[li[p]];
            }
            work[j] = s;
        }
    }
}
