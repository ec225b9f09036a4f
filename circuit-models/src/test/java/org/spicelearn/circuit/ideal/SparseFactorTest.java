package org.spicelearn.circuit.ideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.ReferenceSolver;
import org.spicelearn.circuit.Vccs;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;

/** The sparse factorisations against residuals, and the controlled-source path against the dense reference. */
class SparseFactorTest {

    /** A random structurally symmetric CSR pattern of dimension n; returns {rowPtr, colIdx}. */
    private static int[][] randomPattern(int n, SplittableRandom random) {
        java.util.List<TreeSet<Integer>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            TreeSet<Integer> row = new TreeSet<>();
            row.add(i);
            rows.add(row);
        }
        for (int e = 0; e < 3 * n; e++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            rows.get(a).add(b);
            rows.get(b).add(a);
        }
        int[] rowPtr = new int[n + 1];
        for (int i = 0; i < n; i++) {
            rowPtr[i + 1] = rowPtr[i] + rows.get(i).size();
        }
        int[] colIdx = new int[rowPtr[n]];
        int p = 0;
        for (TreeSet<Integer> row : rows) {
            for (int c : row) {
                colIdx[p++] = c;
            }
        }
        return new int[][] {rowPtr, colIdx};
    }

    private static double residual(int n, int[] rowPtr, int[] colIdx, double[] vals, double[] x, double[] b,
                                   boolean transposed) {
        double[] ax = new double[n];
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                if (transposed) {
                    ax[colIdx[p]] += vals[p] * x[i];
                } else {
                    ax[i] += vals[p] * x[colIdx[p]];
                }
            }
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(ax[i] - b[i]));
        }
        return worst;
    }

    @Test
    void ldlAndLuSolveRandomSparseSystems() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 50; trial++) {
            int n = 5 + random.nextInt(200);
            int[][] pattern = randomPattern(n, random);
            int[] rowPtr = pattern[0];
            int[] colIdx = pattern[1];
            double[] sym = new double[colIdx.length];
            double[] unsym = new double[colIdx.length];
            NodalSystemFixture.fillSymmetricDominant(n, rowPtr, colIdx, sym, random);
            for (int i = 0; i < n; i++) {
                for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                    unsym[p] = sym[p] * (colIdx[p] == i ? 1 : 0.5 + random.nextDouble());
                }
            }
            double[] b = random.doubles(n, -1, 1).toArray();
            double[] x = new double[n];
            SparseLdl ldl = new SparseLdl(n, rowPtr, colIdx);
            ldl.factor(sym);
            ldl.solve(b, x);
            assertTrue(residual(n, rowPtr, colIdx, sym, x, b, false) < 1e-12, "LDL residual, trial " + trial);
            int[] rowPerm = new int[n];
            for (int i = 0; i < n; i++) {
                rowPerm[i] = i;
            }
            SparseLu lu = new SparseLu(n, rowPtr, colIdx, rowPerm);
            lu.factor(unsym);
            lu.solve(b, x);
            assertTrue(residual(n, rowPtr, colIdx, unsym, x, b, false) < 1e-12, "LU residual, trial " + trial);
            lu.solveTransposed(b, x);
            assertTrue(residual(n, rowPtr, colIdx, unsym, x, b, true) < 1e-12, "LU^T residual, trial " + trial);
        }
    }

    @Test
    void staticPivotingFallsBackToPartialPivotingOnAZeroPivot() {
        // [[0, 2], [3, 1]]: the static order meets a zero pivot at once
        int[] rowPtr = {0, 2, 4};
        int[] colIdx = {0, 1, 0, 1};
        double[] vals = {0, 2, 3, 1};
        assertThrows(SparseLu.SmallPivotException.class,
                () -> new SparseLu(2, rowPtr, colIdx, new int[] {0, 1}).factor(vals));
        StaticPivotingFactor f = new StaticPivotingFactor(2, rowPtr, colIdx, new int[] {0, 1});
        f.factor(vals);
        assertTrue(f.dense());
        double[] x = new double[2];
        f.solve(new double[] {4, 5}, x);
        assertEquals(1, x[0], 1e-15);
        assertEquals(2, x[1], 1e-15);
        f.solveTransposed(new double[] {3, 3}, x);
        assertEquals(1, x[0], 1e-15, "A^T x = b with x = (1, 1)");
        assertEquals(1, x[1], 1e-15);
    }

    /** Random networks with VCVS and VCCS: the sparse static-pivoting path agrees with the dense reference. */
    @Test
    void controlledSourceNetworksMatchTheDenseReference() {
        int sparse = 0;
        for (long seed = 0; seed < 200; seed++) {
            Circuit base = RandomCircuits.linear(seed, true);
            SplittableRandom random = new SplittableRandom(seed);
            int n = base.nodeCount();
            int a = 1 + random.nextInt(n - 1);
            int b = 1 + random.nextInt(n - 1);
            Circuit.Builder builder = base.toBuilder();
            builder.add(new Vccs("g1", a, Circuit.GROUND, b, Circuit.GROUND, 1e-4 * (2 * random.nextDouble() - 1)));
            int amp = builder.node("amp");
            builder.add(new Vcvs("e1", amp, Circuit.GROUND, b, Circuit.GROUND, 3 * random.nextDouble()));
            builder.add(org.spicelearn.circuit.Resistor.fixed("ramp", amp, base.nodeIndex("out0"), 5000));
            Circuit c = builder.build();
            NodeVoltages expected;
            try {
                expected = ReferenceSolver.solve(c, Map.of());
            } catch (RuntimeException singular) {
                continue;
            }
            IdealSubstrate s = new IdealSubstrate(c);
            NodeVoltages v = s.settle();
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(expected.volts(i)));
            }
            for (int i = 0; i < c.nodeCount(); i++) {
                assertEquals(expected.volts(i), v.volts(i), 1e-11 * scale, "seed " + seed + " node " + c.nodeName(i));
            }
            if (!s.usesDenseFallback()) {
                sparse++;
            }
        }
        assertTrue(sparse > 190, "the sparse path served only " + sparse + " networks");
    }

    @Test
    void layeredAmplifierNetworksStaySparse() {
        Circuit c = LayeredNetworkGenerator.generate(LayeredNetworkSpec.of(16, 8, 8, 4).withAmplifierGain(5)
                .withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY), 2);
        IdealSubstrate s = new IdealSubstrate(c);
        s.settle();
        assertFalse(s.usesDenseFallback());
    }
}
