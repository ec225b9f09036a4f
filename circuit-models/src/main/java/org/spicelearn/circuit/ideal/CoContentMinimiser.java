package org.spicelearn.circuit.ideal;

import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.SubstrateException;
import org.spicelearn.circuit.Units;

/**
 * A globally convergent solver for the DC (or one implicit time step) operating point of a
 * symmetric network with Shockley diodes: it minimises the circuit's co-content
 * {@code F(u) = 1/2 u^T A u - b^T u + sum_d Is (n Vt expm1(v_d / n Vt) - v_d)} by Newton's method
 * with an Armijo backtracking line search on {@code F} itself.
 *
 * <p>{@code A} and {@code b} are the assembled linear part (resistors, capacitor companions, current
 * sources, nudges); clamped unknowns are held at their values. The line search uses the change
 * {@code F(u + t d) - F(u)} in closed form ({@code t g_lin.d + t^2/2 d^T A d} plus each diode's
 * {@code Is (n Vt exp(v_d / n Vt) expm1(t dv_d / n Vt) - t dv_d)}), free of the cancellation of a
 * difference of two co-contents, so the test stays meaningful down to the last Newton step.
 *
 * <p>With positive conductances and a non-negative nudge {@code F} is strictly convex, so the
 * iteration converges to the unique operating point from any start. A negative nudge
 * ({@code beta < 0}, the second phase of centred equilibrium propagation) subtracts
 * {@code |beta|/2 (V_o - y_o)^2}: when {@code |beta|} exceeds the smallest Thevenin conductance seen
 * by the outputs, {@code F} is not convex and the operating point that Newton's method and source
 * stepping follow can be a saddle, or end at a fold. There the Hessian's {@code L D L^T}
 * factorisation has negative pivots; the Newton matrix is then made positive definite by adding
 * {@code mu} times its rows' absolute sums to its diagonal (mu grown tenfold until no pivot is
 * negative), and at a saddle, where the gradient vanishes, the step follows the factorisation's
 * direction of negative curvature. The result is a local minimum of {@code F}: the stable equilibrium
 * that the circuit relaxes to from the starting state. When {@code F} is unbounded below (a negative
 * nudge larger than the conductance holding an output) the voltages run away and a
 * {@link SubstrateException} says so.
 */
final class CoContentMinimiser {
    /** Iterations before giving up; convex problems need a few tens even from a cold start. */
    static final int MAX_ITERATIONS = 500;
    /** Voltages beyond this mean the co-content is unbounded below: the circuit has no equilibrium. */
    static final double RUNAWAY_VOLTS = 1e6;
    /** Armijo's sufficient-decrease fraction of the predicted first-order change. */
    private static final double ARMIJO = 1e-4;
    /** Beyond this shift a singular Newton matrix is not the shift's fault (at 2 it is diagonally dominant). */
    private static final double MAX_SHIFT = 1e3;
    /** A Newton step below this fraction of the voltages (plus 1 V) is at rounding level: no line search. */
    private static final double RESOLVED = 1e-11;
    /** A Newton step below this fraction of the voltages (plus 1 V) that finds no descent is rounding noise. */
    private static final double NOISE = 1e-8;
    /** A shifted Newton step below this fraction of the voltages (plus 1 V) means a stationary point. */
    private static final double STATIONARY = 1e-10;

    private final NodalSystem system;
    private final SparseLdl factor;
    private final double[] hessian;
    private final double[] shifted;
    private final double[] gradient;
    private final double[] linearGradient;
    private final double[] direction;
    private final double[] product;
    private final double[] diodeExp;
    private final double[] diodeStep;
    private final double[] noKnown;
    private final double[] noRhs;
    private final double[] zeros;
    private int runs;

    CoContentMinimiser(NodalSystem system, SparseLdl factor) {
        this.system = system;
        this.factor = factor;
        hessian = new double[system.colIdx.length];
        shifted = new double[system.colIdx.length];
        gradient = new double[system.size];
        linearGradient = new double[system.size];
        direction = new double[system.size];
        product = new double[system.size];
        diodeExp = new double[system.shockley.count];
        diodeStep = new double[system.shockley.count];
        noKnown = new double[system.nodeCount];
        noRhs = new double[system.size];
        zeros = new double[system.size];
    }

    /**
     * The minimiser of the co-content, starting from {@code start}.
     *
     * @param linVals     the linear part's matrix (CSR values, clamps not applied)
     * @param linRhs      the linear part's right-hand side
     * @param fixed       which unknowns are clamped
     * @param fixedValues the clamped values
     * @param known       the known parts of the node voltages
     * @param start       the starting unknowns (left unchanged)
     * @param title       the circuit's title, for messages
     * @throws SubstrateException when the voltages run away (no equilibrium) or the iteration limit is hit
     */
    double[] minimise(double[] linVals, double[] linRhs, boolean[] fixed, double[] fixedValues, double[] known,
                      double[] start, String title) {
        runs++;
        double[] u = start.clone();
        for (int k = 0; k < u.length; k++) {
            if (fixed[k]) {
                u[k] = fixedValues[k];
            }
        }
        double mu = 0;
        double lastStep = Double.POSITIVE_INFINITY;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            assembleNewton(linVals, linRhs, fixed, known, u);
            mu = factorPositiveDefinite(fixed, mu);
            for (int k = 0; k < gradient.length; k++) {
                product[k] = -gradient[k];
            }
            factor.solve(product, direction);
            if (mu > 0 && largest(direction) <= STATIONARY * (1 + largest(u))) {
                factor.factor(hessian);
                if (factor.negativePivots() > 0) {
                    // a stationary point that is not a minimum: leave it along negative curvature
                    factor.negativeCurvatureDirection(direction);
                    orientDownhill(fixed);
                } else {
                    // a shift left over from earlier iterations, at a minimum: the plain Newton step
                    mu = 0;
                    factor.solve(product, direction);
                }
            }
            // a Newton step this small changes the co-content by less than its rounding: taken whole
            boolean resolved = mu == 0 && largest(direction) <= RESOLVED * (1 + largest(u));
            double t = resolved ? 1 : lineSearch(linVals);
            if (t == 0) {
                if (mu == 0 && largest(direction) <= NOISE * (1 + largest(u))) {
                    return u; // the gradient's rounding noise sets the step: converged as far as doubles resolve
                }
                throw new SubstrateException("the co-content minimisation stalled for the diodes of " + title
                        + " (no descent along the Newton direction; the equilibrium is not resolved in double precision)");
            }
            double step = 0;
            for (int k = 0; k < u.length; k++) {
                step = Math.max(step, Math.abs(t * direction[k]));
                u[k] += t * direction[k];
            }
            double size = largest(u);
            if (size > RUNAWAY_VOLTS) {
                throw new SubstrateException("the operating point of " + title + " runs away (|V| > " + RUNAWAY_VOLTS
                        + " V): its co-content is unbounded below, so it has no equilibrium (a negative nudge larger"
                        + " than the conductance that holds an output node does this; use a smaller |beta|)");
            }
            boolean newton = mu == 0 && t == 1;
            if (newton && (step <= 1e-13 * (1 + size) || step < 1e-11 * (1 + size) && step >= 0.5 * lastStep)) {
                return u;
            }
            lastStep = newton ? step : Double.POSITIVE_INFINITY;
            mu = mu / 100 < 1e-8 ? 0 : mu / 100;
        }
        throw new SubstrateException("the co-content minimisation did not converge for the diodes of " + title
                + " in " + MAX_ITERATIONS + " Newton iterations");
    }

    /** How many solves this minimiser has run. */
    int runs() {
        return runs;
    }

    /**
     * Backtracks from {@code t = 1} along {@link #direction} until the co-content decreases by
     * Armijo's rule, {@code F(u + t d) - F(u) <= 1e-4 t g.d} (and strictly), using the closed-form change;
     * returns 0 when no step above 1e-30 decreases it.
     */
    private double lineSearch(double[] linVals) {
        double slope = dot(gradient, direction);
        double linearSlope = dot(linearGradient, direction);
        system.multiply(linVals, direction, product);
        double curvature = dot(direction, product);
        NodalSystem.Branches d = system.shockley;
        for (int k = 0; k < d.count; k++) {
            diodeStep[k] = (d.ua[k] >= 0 ? direction[d.ua[k]] : 0) - (d.ub[k] >= 0 ? direction[d.ub[k]] : 0);
        }
        double t = 1;
        while (true) {
            double change = t * linearSlope + 0.5 * t * t * curvature;
            for (int k = 0; k < d.count; k++) {
                DiodeModel.Shockley m = system.shockleyModels[k];
                double nvt = m.emissionCoefficient() * Units.THERMAL_VOLTAGE_VOLTS;
                double dv = t * diodeStep[k];
                change += m.saturationCurrentAmps() * (nvt * diodeExp[k] * Math.expm1(dv / nvt) - dv);
            }
            if (change < 0 && change <= ARMIJO * t * slope) {
                return t;
            }
            if (t < 1e-30) {
                return 0;
            }
            double quadratic = slope < 0 && Double.isFinite(change)
                    ? -slope * t * t / (2 * (change - slope * t)) : 0.1 * t;
            t = Math.max(0.1 * t, Math.min(0.5 * t, quadratic));
        }
    }

    /**
     * Factorises the Newton matrix in {@link #hessian} (clamps applied), or when that has a negative
     * (or zero) pivot, the shifted matrix {@code hessian + mu S} in {@link #shifted}, where {@code S} is
     * the diagonal of the rows' absolute sums; {@code mu} is raised tenfold from the given value until
     * the factorisation has no such pivot (at {@code mu >= 2} the matrix is diagonally dominant, so
     * positive definite, by Gershgorin's theorem). Returns the {@code mu} used; {@link #hessian} stays
     * unshifted.
     */
    private double factorPositiveDefinite(boolean[] fixed, double mu) {
        applyFixed(fixed);
        while (true) {
            try {
                if (mu > 0) {
                    shift(fixed, mu);
                }
                factor.factor(mu > 0 ? shifted : hessian);
                if (factor.negativePivots() == 0) {
                    return mu;
                }
            } catch (SubstrateException singular) {
                if (mu > MAX_SHIFT) {
                    throw singular; // a row without any conductance: a node without a DC path
                }
            }
            mu = Math.max(1e-6, mu * 10);
        }
    }

    /** {@link #shifted} = {@link #hessian} + {@code mu} times its rows' absolute sums on the diagonal (free rows). */
    private void shift(boolean[] fixed, double mu) {
        System.arraycopy(hessian, 0, shifted, 0, shifted.length);
        for (int k = 0; k < system.size; k++) {
            if (fixed[k]) {
                continue;
            }
            double rowSum = 0;
            for (int p = system.rowPtr[k]; p < system.rowPtr[k + 1]; p++) {
                rowSum += Math.abs(hessian[p]);
            }
            shifted[system.diagPos[k]] += mu * rowSum;
        }
    }

    /** The co-content's gradient into {@link #gradient} and its Hessian into {@link #hessian} at {@code u}. */
    private void assembleNewton(double[] linVals, double[] linRhs, boolean[] fixed, double[] known, double[] u) {
        System.arraycopy(linVals, 0, hessian, 0, hessian.length);
        system.multiply(linVals, u, gradient);
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] -= linRhs[k];
            linearGradient[k] = fixed[k] ? 0 : gradient[k];
        }
        NodalSystem.Branches d = system.shockley;
        double[] volts = system.nodeVolts(u, known);
        for (int k = 0; k < d.count; k++) {
            DiodeModel.Shockley m = system.shockleyModels[k];
            double vd = volts[d.a[k]] - volts[d.b[k]];
            double nvt = m.emissionCoefficient() * Units.THERMAL_VOLTAGE_VOLTS;
            diodeExp[k] = Math.exp(vd / nvt);
            if (d.ua[k] < 0 && d.ub[k] < 0) {
                continue;
            }
            system.stampConductance(d, k, m.saturationCurrentAmps() / nvt * diodeExp[k], noKnown, hessian, noRhs);
            // the diode current leaves the anode's unknown and enters the cathode's
            NodalSystem.addCurrent(d.ub[k], d.ua[k], m.currentAmps(vd), gradient);
        }
        for (int k = 0; k < gradient.length; k++) {
            if (fixed[k]) {
                gradient[k] = 0;
            }
        }
    }

    /** Turns the clamped unknowns' rows and columns of {@link #hessian} into identity rows (their steps are 0). */
    private void applyFixed(boolean[] fixed) {
        system.applyFixed(fixed, zeros, hessian, noRhs);
    }

    /** Scales the negative-curvature direction to 0.1 V at most and turns it downhill (clamped parts zeroed). */
    private void orientDownhill(boolean[] fixed) {
        double largest = 0;
        for (int k = 0; k < direction.length; k++) {
            if (fixed[k]) {
                direction[k] = 0;
            }
            largest = Math.max(largest, Math.abs(direction[k]));
        }
        double sign = dot(gradient, direction) > 0 ? -1 : 1;
        for (int k = 0; k < direction.length; k++) {
            direction[k] *= sign * 0.1 / largest;
        }
    }

    /** The largest magnitude in {@code v}. */
    private static double largest(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
