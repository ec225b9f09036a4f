package org.spicelearn.circuit.ideal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spicelearn.circuit.SubstrateException;

/**
 * The exact equilibrium of a network with ideal diodes: the minimiser of the co-content subject to
 * {@code V_anode - V_cathode <= threshold} for every ideal diode (a convex quadratic programme).
 *
 * <p>A diode with one terminal held by sources bounds a single unknown (a box constraint); a diode
 * between two free nodes couples two unknowns (an internal constraint). First, exact coordinate
 * descent (Scellier 2024): each unknown in turn becomes the minimiser of the co-content with the
 * others fixed, i.e. the conductance-weighted mean of its neighbours clipped to its diode limits;
 * when the unknowns form two independent classes (a layered network's alternate layers) each class
 * is a block updated at once. Then a primal-dual active-set polish makes the result exact: box-active
 * unknowns are held at their limits (identity rows in the same sparse pattern), active internal
 * diodes become equality constraints solved through a small dense Schur complement, and the sets
 * are updated until the Karush-Kuhn-Tucker conditions hold to rounding.
 */
final class IdealDiodeSolver {
    private static final int MAX_ACTIVE_SET_ITERATIONS = 500;
    private static final int MAX_COORDINATE_SWEEPS = 200;

    private final NodalSystem system;
    private final LinearFactor factor;
    private final int[] sweepOrder;
    private final boolean blockUpdates;
    private final int[] internal;
    private final int[] constraintsOfPtr;
    private final int[] constraintsOf;

    private final double[] lower;
    private final double[] upper;
    private final boolean[] boxActive;
    private final double[] holdValues;
    private final boolean[] internalActive;
    private final double[] limitVolts;
    private final double[] multiplierAmps;
    private final boolean[] dominated;

    IdealDiodeSolver(NodalSystem system, LinearFactor factor) {
        this.system = system;
        this.factor = factor;
        NodalSystem.Branches d = system.ideal;
        List<Integer> coupled = new ArrayList<>();
        for (int k = 0; k < d.count; k++) {
            if (d.ua[k] >= 0 && d.ub[k] >= 0) {
                coupled.add(k);
            }
        }
        internal = coupled.stream().mapToInt(Integer::intValue).toArray();
        int n = system.size;
        constraintsOfPtr = new int[n + 1];
        for (int k : internal) {
            constraintsOfPtr[d.ua[k] + 1]++;
            constraintsOfPtr[d.ub[k] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            constraintsOfPtr[i + 1] += constraintsOfPtr[i];
        }
        constraintsOf = new int[constraintsOfPtr[n]];
        int[] next = Arrays.copyOf(constraintsOfPtr, n);
        for (int j = 0; j < internal.length; j++) {
            constraintsOf[next[d.ua[internal[j]]]++] = j;
            constraintsOf[next[d.ub[internal[j]]]++] = j;
        }
        int[] order = twoColourOrder();
        blockUpdates = order != null;
        sweepOrder = order != null ? order : naturalOrder(system.nodeUnknowns);
        lower = new double[n];
        upper = new double[n];
        boxActive = new boolean[n];
        holdValues = new double[n];
        internalActive = new boolean[internal.length];
        limitVolts = new double[internal.length];
        multiplierAmps = new double[internal.length];
        dominated = new boolean[internal.length];
    }

    /** Whether coordinate descent updates two independent blocks (layers) at once. */
    boolean blockUpdates() {
        return blockUpdates;
    }

    /**
     * Solves the programme.
     *
     * @param linVals     the linear part's matrix values (resistors, capacitor companions, nudges)
     * @param linRhs      its right-hand side
     * @param fixed       unknowns held by clamps
     * @param fixedValues their values
     * @param known       known parts of the node voltages
     * @param thresholds  diode thresholds, in volts, indexed like {@code system.ideal}
     * @param start       the starting unknowns (overwritten with the solution)
     * @return the unknowns at the optimum
     */
    double[] solve(double[] linVals, double[] linRhs, boolean[] fixed, double[] fixedValues, double[] known,
                   double[] thresholds, double[] start) {
        limits(fixed, known, thresholds);
        double[] baseVals = linVals.clone();
        double[] baseRhs = linRhs.clone();
        system.applyFixed(fixed, fixedValues, baseVals, baseRhs);
        double[] u = start;
        for (int k = 0; k < u.length; k++) {
            u[k] = fixed[k] ? fixedValues[k] : Math.max(lower[k], Math.min(upper[k], u[k]));
        }
        coordinateDescent(baseVals, baseRhs, fixed, u);
        Arrays.fill(boxActive, false);
        Arrays.fill(internalActive, false);
        Arrays.fill(multiplierAmps, 0);
        double[] vals = new double[baseVals.length];
        double[] rhs = new double[baseRhs.length];
        double[] force = new double[system.size];
        boolean[] hold = new boolean[system.size];
        for (int it = 0; it < MAX_ACTIVE_SET_ITERATIONS; it++) {
            forces(baseVals, baseRhs, u, force);
            boolean changed = updateBoxSet(baseVals, fixed, u, force, it == 0);
            changed |= updateInternalSet(u, it == 0);
            if (!changed) {
                return u;
            }
            System.arraycopy(baseVals, 0, vals, 0, vals.length);
            System.arraycopy(baseRhs, 0, rhs, 0, rhs.length);
            for (int k = 0; k < system.size; k++) {
                hold[k] = boxActive[k];
            }
            system.applyFixed(hold, holdValues, vals, rhs);
            factor.factor(vals);
            factor.solve(rhs, u);
            for (int k = 0; k < system.size; k++) {
                hold[k] = boxActive[k] || fixed[k];
            }
            double[] w = enforceActive(hold, u, limitVolts);
            System.arraycopy(w, 0, multiplierAmps, 0, w.length);
        }
        throw new SubstrateException("the ideal-diode active set did not settle after " + MAX_ACTIVE_SET_ITERATIONS
                + " iterations");
    }

    /** The box limits of every unknown and the right-hand sides of the internal constraints. */
    private void limits(boolean[] fixed, double[] known, double[] thresholds) {
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        NodalSystem.Branches d = system.ideal;
        for (int k = 0; k < d.count; k++) {
            double slack = thresholds[k] - (known[d.a[k]] - known[d.b[k]]);
            if (d.ua[k] >= 0 && d.ub[k] < 0) {
                upper[d.ua[k]] = Math.min(upper[d.ua[k]], slack);
            } else if (d.ub[k] >= 0 && d.ua[k] < 0) {
                lower[d.ub[k]] = Math.max(lower[d.ub[k]], -slack);
            }
        }
        for (int j = 0; j < internal.length; j++) {
            int k = internal[j];
            limitVolts[j] = thresholds[k] - (known[d.a[k]] - known[d.b[k]]);
        }
        markDominated();
        for (int k = 0; k < system.size; k++) {
            if (fixed[k]) {
                lower[k] = Double.NEGATIVE_INFINITY;
                upper[k] = Double.POSITIVE_INFINITY;
            } else if (lower[k] > upper[k]) {
                throw new SubstrateException("the ideal diodes at unknown " + k + " leave no feasible voltage (lower limit "
                        + lower[k] + " V above upper limit " + upper[k] + " V)");
            }
        }
    }

    /**
     * Among diodes in parallel (the same pair of unknowns, the same direction) only the tightest can
     * conduct; the others are marked dominated and never enter the active set (their constraints
     * follow from the tightest one). Opposite diodes whose limits leave no voltage are infeasible.
     */
    private void markDominated() {
        NodalSystem.Branches d = system.ideal;
        java.util.Map<Long, Integer> tightest = new java.util.HashMap<>();
        long n = system.size;
        for (int j = 0; j < internal.length; j++) {
            int k = internal[j];
            long key = d.ua[k] * n + d.ub[k];
            Integer best = tightest.get(key);
            if (best == null || limitVolts[j] < limitVolts[best]) {
                tightest.put(key, j);
            }
        }
        for (int j = 0; j < internal.length; j++) {
            int k = internal[j];
            dominated[j] = tightest.get(d.ua[k] * n + d.ub[k]) != j;
            Integer opposite = tightest.get(d.ub[k] * n + d.ua[k]);
            if (opposite != null && limitVolts[j] + limitVolts[opposite] < 0) {
                throw new SubstrateException("ideal diodes " + system.idealNames[k] + " and "
                        + system.idealNames[internal[opposite]] + " in anti-parallel leave no feasible voltage");
            }
        }
    }

    /** {@code force = rhs - K u - A^T mu}: the net current the linear part and active diodes leave unbalanced. */
    private void forces(double[] vals, double[] rhs, double[] u, double[] force) {
        system.multiply(vals, u, force);
        for (int k = 0; k < force.length; k++) {
            force[k] = rhs[k] - force[k];
        }
        NodalSystem.Branches d = system.ideal;
        for (int j = 0; j < internal.length; j++) {
            force[d.ua[internal[j]]] -= multiplierAmps[j];
            force[d.ub[internal[j]]] += multiplierAmps[j];
        }
    }

    private boolean updateBoxSet(double[] vals, boolean[] fixed, double[] u, double[] force, boolean first) {
        boolean changed = first;
        for (int k = 0; k < system.size; k++) {
            if (fixed[k]) {
                continue;
            }
            double minimiser = u[k] + force[k] / vals[system.diagPos[k]];
            double tol = 1e-12 * (1 + Math.abs(minimiser));
            boolean was = boxActive[k] && !first;
            boolean hi = minimiser > upper[k] + tol || was && holdValues[k] == upper[k] && minimiser >= upper[k] - tol;
            boolean lo = !hi && (minimiser < lower[k] - tol || was && holdValues[k] == lower[k] && minimiser <= lower[k] + tol);
            boolean active = hi || lo;
            double value = hi ? upper[k] : lo ? lower[k] : 0;
            if (active != was || active && value != holdValues[k]) {
                changed = true;
            }
            boxActive[k] = active;
            holdValues[k] = value;
        }
        return changed;
    }

    private boolean updateInternalSet(double[] u, boolean first) {
        boolean changed = false;
        NodalSystem.Branches d = system.ideal;
        double scale = 0;
        for (double m : multiplierAmps) {
            scale = Math.max(scale, Math.abs(m));
        }
        for (int j = 0; j < internal.length; j++) {
            int k = internal[j];
            double violation = u[d.ua[k]] - u[d.ub[k]] - limitVolts[j];
            boolean active = !dominated[j] && (internalActive[j] && !first
                    ? multiplierAmps[j] >= -1e-12 * scale
                    : violation > 1e-12 * (1 + Math.abs(limitVolts[j])));
            changed |= active != internalActive[j];
            internalActive[j] = active;
        }
        return changed;
    }

    /**
     * Makes the active internal constraints hold: with {@code K} factorised (held rows identity),
     * {@code x <- x - Z w} where {@code Z = K^-1 A^T} and {@code (A Z) w = A x - target}; returns
     * {@code w} indexed like the internal constraints (0 where inactive). Constraints with both ends
     * held, or dependent on the others, are dropped from the active set. With {@code target} the limits this
     * turns the unconstrained solution into the constrained one ({@code w} are the diode currents);
     * with a zero target it projects an adjoint solution.
     */
    double[] enforceActive(boolean[] hold, double[] x, double[] target) {
        NodalSystem.Branches d = system.ideal;
        int m = 0;
        int[] active = new int[internal.length];
        for (int j = 0; j < internal.length; j++) {
            int k = internal[j];
            if (internalActive[j] && !(hold[d.ua[k]] && hold[d.ub[k]])) {
                active[m++] = j;
            } else {
                internalActive[j] = false;
            }
        }
        double[] byConstraint = new double[internal.length];
        if (m == 0) {
            return byConstraint;
        }
        int n = system.size;
        double[][] z = new double[m][n];
        double[] column = new double[n];
        for (int a = 0; a < m; a++) {
            int k = internal[active[a]];
            Arrays.fill(column, 0);
            if (!hold[d.ua[k]]) {
                column[d.ua[k]] = 1;
            }
            if (!hold[d.ub[k]]) {
                column[d.ub[k]] = -1;
            }
            factor.solve(column, z[a]);
        }
        double[] schur = new double[m * m];
        double[] right = new double[m];
        for (int a = 0; a < m; a++) {
            int k = internal[active[a]];
            for (int b = 0; b < m; b++) {
                schur[a * m + b] = z[b][d.ua[k]] - z[b][d.ub[k]];
            }
            right[a] = x[d.ua[k]] - x[d.ub[k]] - target[active[a]];
        }
        double[] w = solveSemidefinite(m, schur, right);
        for (int a = 0; a < m; a++) {
            if (Double.isNaN(w[a])) {
                // dependent on the constraints kept (parallel diodes, a loop): not active this round
                internalActive[active[a]] = false;
                w[a] = 0;
                continue;
            }
            for (int i = 0; i < n; i++) {
                x[i] -= z[a][i] * w[a];
            }
            byConstraint[active[a]] = w[a];
        }
        return byConstraint;
    }

    /**
     * Solves {@code s w = r} for a symmetric positive semi-definite {@code s} by Cholesky with
     * diagonal pivoting; the unknowns whose pivots vanish (dependent rows) come back as NaN and the
     * rest solve the leading independent system.
     */
    private static double[] solveSemidefinite(int m, double[] s, double[] r) {
        int[] perm = new int[m];
        double maxDiag = 0;
        for (int i = 0; i < m; i++) {
            perm[i] = i;
            maxDiag = Math.max(maxDiag, s[i * m + i]);
        }
        int rank = 0;
        for (int k = 0; k < m; k++) {
            int p = k;
            for (int i = k + 1; i < m; i++) {
                if (s[i * m + i] > s[p * m + p]) {
                    p = i;
                }
            }
            if (!(s[p * m + p] > 1e-12 * maxDiag)) {
                break;
            }
            swapSymmetric(s, m, k, p);
            int t = perm[k];
            perm[k] = perm[p];
            perm[p] = t;
            double pivot = Math.sqrt(s[k * m + k]);
            s[k * m + k] = pivot;
            for (int i = k + 1; i < m; i++) {
                s[i * m + k] /= pivot;
            }
            for (int i = k + 1; i < m; i++) {
                for (int j = k + 1; j <= i; j++) {
                    s[i * m + j] -= s[i * m + k] * s[j * m + k];
                    s[j * m + i] = s[i * m + j];
                }
            }
            rank++;
        }
        double[] y = new double[rank];
        for (int i = 0; i < rank; i++) {
            double v = r[perm[i]];
            for (int j = 0; j < i; j++) {
                v -= s[i * m + j] * y[j];
            }
            y[i] = v / s[i * m + i];
        }
        for (int i = rank - 1; i >= 0; i--) {
            double v = y[i];
            for (int j = i + 1; j < rank; j++) {
                v -= s[j * m + i] * y[j];
            }
            y[i] = v / s[i * m + i];
        }
        double[] w = new double[m];
        Arrays.fill(w, Double.NaN);
        for (int i = 0; i < rank; i++) {
            w[perm[i]] = y[i];
        }
        return w;
    }

    private static void swapSymmetric(double[] s, int m, int a, int b) {
        if (a == b) {
            return;
        }
        for (int j = 0; j < m; j++) {
            double t = s[a * m + j];
            s[a * m + j] = s[b * m + j];
            s[b * m + j] = t;
        }
        for (int i = 0; i < m; i++) {
            double t = s[i * m + a];
            s[i * m + a] = s[i * m + b];
            s[i * m + b] = t;
        }
    }

    /** Whether unknown {@code k} is held at a diode limit in the last solution. */
    boolean boxActive(int k) {
        return boxActive[k];
    }

    /** Projected Gauss-Seidel sweeps in block order; a warm start for the active-set polish. */
    private void coordinateDescent(double[] matrix, double[] right, boolean[] fixed, double[] u) {
        int[] rowPtr = system.rowPtr;
        int[] colIdx = system.colIdx;
        NodalSystem.Branches d = system.ideal;
        for (int sweep = 0; sweep < MAX_COORDINATE_SWEEPS; sweep++) {
            double change = 0;
            double scale = 0;
            for (int k : sweepOrder) {
                if (fixed[k]) {
                    continue;
                }
                double s = right[k];
                double diag = 0;
                for (int p = rowPtr[k]; p < rowPtr[k + 1]; p++) {
                    int j = colIdx[p];
                    if (j == k) {
                        diag = matrix[p];
                    } else {
                        s -= matrix[p] * u[j];
                    }
                }
                if (!(diag > 0)) {
                    throw new SubstrateException("unknown " + k + " has a non-positive total conductance " + diag
                            + " S (a negative nudge larger than the node's own conductance?)");
                }
                double lo = lower[k];
                double hi = upper[k];
                for (int p = constraintsOfPtr[k]; p < constraintsOfPtr[k + 1]; p++) {
                    int j = constraintsOf[p];
                    int diode = internal[j];
                    if (d.ua[diode] == k) {
                        hi = Math.min(hi, u[d.ub[diode]] + limitVolts[j]);
                    } else {
                        lo = Math.max(lo, u[d.ua[diode]] - limitVolts[j]);
                    }
                }
                double v = Math.min(hi, Math.max(lo, s / diag));
                change = Math.max(change, Math.abs(v - u[k]));
                scale = Math.max(scale, Math.abs(v));
                u[k] = v;
            }
            if (change <= 1e-10 * (1 + scale)) {
                return;
            }
        }
    }

    private static int[] naturalOrder(int n) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        return order;
    }

    /**
     * The unknowns ordered by colour when their graph (conductive couplings and internal diodes) is
     * two-colourable, or null.
     */
    private int[] twoColourOrder() {
        int n = system.nodeUnknowns;
        int[] colour = new int[n];
        Arrays.fill(colour, -1);
        NodalSystem.Branches d = system.ideal;
        for (int s = 0; s < n; s++) {
            if (colour[s] >= 0) {
                continue;
            }
            colour[s] = 0;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(s);
            while (!queue.isEmpty()) {
                int k = queue.poll();
                List<Integer> neighbours = new ArrayList<>();
                for (int p = system.rowPtr[k]; p < system.rowPtr[k + 1]; p++) {
                    neighbours.add(system.colIdx[p]);
                }
                for (int p = constraintsOfPtr[k]; p < constraintsOfPtr[k + 1]; p++) {
                    int diode = internal[constraintsOf[p]];
                    neighbours.add(d.ua[diode] == k ? d.ub[diode] : d.ua[diode]);
                }
                for (int j : neighbours) {
                    if (j == k) {
                        continue;
                    }
                    if (colour[j] < 0) {
                        colour[j] = 1 - colour[k];
                        queue.add(j);
                    } else if (colour[j] == colour[k]) {
                        return null;
                    }
                }
            }
        }
        int[] order = new int[n];
        int len = 0;
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < n; k++) {
                if (colour[k] == c) {
                    order[len++] = k;
                }
            }
        }
        return order;
    }
}
