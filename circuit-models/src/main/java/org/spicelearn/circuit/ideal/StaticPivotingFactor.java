package org.spicelearn.circuit.ideal;

/**
 * The factorisation of non-symmetric nodal systems: the sparse LU with static pivoting
 * ({@link SparseLu}) while its pivots are sound, and the dense LU with partial pivoting
 * ({@link DenseLu}) from the first factorisation whose pivots are not (a circuit whose controlled
 * sources defeat the static row order).
 */
final class StaticPivotingFactor implements LinearFactor {
    private final int n;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final SparseLu sparse;
    private DenseLu dense;

    StaticPivotingFactor(int n, int[] rowPtr, int[] colIdx, int[] rowPerm) {
        this.n = n;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.sparse = new SparseLu(n, rowPtr, colIdx, rowPerm);
    }

    /** Whether the dense fallback has taken over. */
    boolean dense() {
        return dense != null;
    }

    @Override
    public void factor(double[] csrValues) {
        if (dense == null) {
            try {
                sparse.factor(csrValues);
                return;
            } catch (SparseLu.SmallPivotException e) {
                dense = new DenseLu(n, rowPtr, colIdx);
            }
        }
        dense.factor(csrValues);
    }

    @Override
    public void solve(double[] b, double[] x) {
        if (dense != null) {
            dense.solve(b, x);
        } else {
            sparse.solve(b, x);
        }
    }

    @Override
    public void solveTransposed(double[] b, double[] x) {
        if (dense != null) {
            dense.solveTransposed(b, x);
        } else {
            sparse.solveTransposed(b, x);
        }
    }
}
