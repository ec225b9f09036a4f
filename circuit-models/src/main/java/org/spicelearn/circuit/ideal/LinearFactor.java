package org.spicelearn.circuit.ideal;

/**
 * A factorisation of a square matrix with a fixed sparsity pattern (given as CSR positions), refreshed
 * whenever only the values change.
 */
interface LinearFactor {

    /**
     * Factorises the matrix whose values are {@code csrValues} (indexed like the pattern's CSR arrays).
     *
     * @throws org.spicelearn.circuit.SubstrateException when the matrix is singular
     */
    void factor(double[] csrValues);

    /** Solves {@code A x = b}; {@code b} is left unchanged. */
    void solve(double[] b, double[] x);

    /** Solves {@code A^T x = b}; {@code b} is left unchanged. */
    void solveTransposed(double[] b, double[] x);
}
