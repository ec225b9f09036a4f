package org.spicelearn.circuit.ideal;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.SubstrateException;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.Units;
import org.spicelearn.circuit.VoltageSource;

/**
 * The exact digital physics of a circuit: a {@link Substrate} that solves the nodal equations
 * directly, the reference every other substrate and every learning-rule estimate is checked against.
 *
 * <p>DC: modified nodal analysis with the independent voltage sources substituted away; the reduced
 * matrix is factorised by a sparse {@code L D L^T} whose minimum-degree ordering and elimination
 * tree are computed once per circuit and reused for every solve (only values change between solves:
 * conductances, inputs, nudges, clamps, capacitor companions). Controlled sources (VCVS, VCCS) make
 * the matrix non-symmetric; it is then factorised by a sparse LU with a static row order (each VCVS
 * constraint row on its output node's diagonal) under the same kind of reused symbolic analysis,
 * falling back to a dense LU with partial pivoting if a pivot turns out too small.
 * Shockley diodes: Newton's method with SPICE junction-voltage limiting; when it fails, and always
 * under a negative nudge (which can make the co-content non-convex, so that Newton's stationary
 * point may be a saddle and source stepping may end at a fold), the co-content is minimised by
 * {@link CoContentMinimiser} (Newton with a line search on the co-content, globally convergent, and
 * returning a stable equilibrium); circuits with controlled sources have no co-content and fall back
 * to source stepping. Ideal diodes: the co-content is then minimised subject to the diode limits (a convex
 * quadratic programme) by exact coordinate descent (Scellier 2024: each node set to the
 * conductance-weighted mean of its neighbours clipped to its diode limits; whole-layer block updates
 * when the unknowns form two independent classes, as in layered networks), followed by a primal-dual
 * active-set polish that makes the result exact to rounding. Ideal diodes cannot be mixed with
 * Shockley diodes or with controlled sources in one circuit (a clear {@link SubstrateException}).
 *
 * <p>Transient: capacitor companion models, fixed step, backward Euler or trapezoidal, sources
 * evaluated at the end of each step; the first step after {@link #settle()} or
 * {@link #setBoundary(BoundaryConditions)} or after a conductance change is backward Euler (as SPICE
 * restarts at breakpoints and after {@code alter}), since capacitor currents jump there. {@link #settle()} resets the transient state to the DC equilibrium at
 * time 0.
 *
 * <p>{@link #costGradient(int[], double[])} returns the exact gradient of the output cost by the
 * adjoint method. Not thread-safe; one owner thread.
 */
public final class IdealSubstrate implements Substrate {

    private final Circuit circuit;
    private final TransientSettings transientSettings;
    private final NodalSystem system;
    private final LinearFactor factor;
    private final double[] resistorSiemens;
    private final ConductanceBounds[] bounds;
    private final IdealDiodeSolver idealSolver;
    private final CoContentMinimiser minimiser;

    private final double[] linVals;
    private final double[] linRhs;
    private final double[] vals;
    private final double[] rhs;
    private final boolean[] fixed;
    private final double[] fixedValues;

    private BoundaryConditions boundary = BoundaryConditions.free();
    private final double[] sourceOverride;
    private final Map<String, Integer> sourceIndex = new java.util.HashMap<>();

    // the drive of the solve in progress
    private double[] known;
    private double[] knownScaled;
    private double[] currentAmps;
    private double capSiemensPerFarad;
    private double[] capEquivalentAmps;
    private OutputBoundary output = OutputBoundary.FREE;

    // the state
    private double[] stateUnknowns;
    private double[] stateVolts;
    private double[] capAmps;
    private double timeSeconds;
    private boolean closed;
    private boolean restartIntegration = true;
    private int sourceSteppingRuns;
    private int maxNewtonIterations = 150;

    /** A substrate for DC work only ({@link #advance(double)} is unsupported). */
    public IdealSubstrate(Circuit circuit) {
        this(circuit, null);
    }

    /**
     * A substrate that can also advance in time.
     *
     * @param circuit  the circuit; behavioural sources are refused
     * @param settings the integration rule and step, or {@code null} for DC only
     * @throws SubstrateException when the circuit holds something this substrate cannot simulate
     */
    public IdealSubstrate(Circuit circuit, TransientSettings settings) {
        this.circuit = Objects.requireNonNull(circuit, "circuit");
        this.transientSettings = settings;
        this.system = new NodalSystem(circuit);
        checkDiodes();
        this.factor = system.newFactor();
        int nnz = system.colIdx.length;
        linVals = new double[nnz];
        linRhs = new double[system.size];
        vals = new double[nnz];
        rhs = new double[system.size];
        fixed = new boolean[system.size];
        fixedValues = new double[system.size];
        resistorSiemens = system.fixedResistorSiemens.clone();
        bounds = new ConductanceBounds[circuit.trainables().size()];
        for (int t = 0; t < bounds.length; t++) {
            bounds[t] = circuit.trainables().get(t).bounds();
        }
        sourceOverride = new double[system.voltageSources.size()];
        Arrays.fill(sourceOverride, Double.NaN);
        for (int s = 0; s < sourceOverride.length; s++) {
            sourceIndex.put(system.voltageSources.get(s).name(), s);
        }
        idealSolver = system.ideal.count > 0 ? new IdealDiodeSolver(system, factor) : null;
        minimiser = system.shockley.count > 0 && factor instanceof SparseLdl ldl ? new CoContentMinimiser(system, ldl) : null;
    }

    private void checkDiodes() {
        if (system.ideal.count == 0) {
            return;
        }
        if (!system.symmetric) {
            throw new SubstrateException("the ideal substrate solves ideal diodes only without controlled sources "
                    + "(VCVS/VCCS); use Shockley diodes or the ngspice substrate");
        }
        if (system.shockley.count > 0) {
            throw new SubstrateException("the ideal substrate cannot mix ideal diodes (" + system.idealNames[0]
                    + ") with Shockley diodes (" + system.shockleyNames[0] + ")");
        }
    }

    @Override
    public Circuit circuit() {
        return circuit;
    }

    @Override
    public Conductances conductances() {
        double[] g = new double[bounds.length];
        for (int t = 0; t < g.length; t++) {
            g[t] = resistorSiemens[system.trainableRow[t]];
        }
        return Conductances.of(g);
    }

    @Override
    public void setBoundary(BoundaryConditions conditions) {
        Objects.requireNonNull(conditions, "conditions");
        double[] override = new double[sourceOverride.length];
        Arrays.fill(override, Double.NaN);
        for (Map.Entry<String, Double> e : conditions.sourceVolts().entrySet()) {
            override[voltageSourceIndex(e.getKey())] = e.getValue();
        }
        int[] nodes = conditions.output() instanceof OutputBoundary.Nudge n ? n.nodes()
                : conditions.output() instanceof OutputBoundary.Clamp c ? c.nodes() : new int[0];
        for (int node : nodes) {
            if (node <= 0 || node >= circuit.nodeCount()) {
                throw new IllegalArgumentException("output node index " + node + " is ground or does not exist");
            }
            if (conditions.output() instanceof OutputBoundary.Clamp && system.unknownOf[node] < 0) {
                throw new SubstrateException("cannot clamp node " + circuit.nodeName(node)
                        + ": a voltage source already holds it");
            }
        }
        System.arraycopy(override, 0, sourceOverride, 0, override.length);
        boundary = conditions;
        restartIntegration = true;
    }

    private int voltageSourceIndex(String name) {
        Integer s = sourceIndex.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no voltage source named " + name + " in circuit " + circuit.title());
        }
        return s;
    }

    @Override
    public NodeVoltages settle() {
        checkOpen();
        prepareDc(boundary.output());
        double[] u = solve(stateUnknowns);
        stateUnknowns = u;
        stateVolts = system.nodeVolts(u, known);
        capAmps = new double[system.capacitors.count];
        timeSeconds = 0;
        restartIntegration = true;
        return NodeVoltages.of(stateVolts, timeSeconds);
    }

    @Override
    public NodeVoltages advance(double durationSeconds) {
        checkOpen();
        if (transientSettings == null) {
            throw new UnsupportedOperationException(
                    "this IdealSubstrate was built without TransientSettings; use IdealSubstrate(circuit, settings)");
        }
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration must be positive and finite, got " + durationSeconds + " s");
        }
        if (stateVolts == null) {
            settle();
        }
        int steps = (int) Math.max(1, Math.ceil(durationSeconds / transientSettings.stepSeconds() - 1e-9));
        double h = durationSeconds / steps;
        NodalSystem.Branches caps = system.capacitors;
        double[] capEq = new double[caps.count];
        double start = timeSeconds;
        for (int s = 1; s <= steps; s++) {
            double tNew = s == steps ? start + durationSeconds : start + s * h;
            // SPICE-like order reset: the step after a settle or a boundary change is backward Euler,
            // because the capacitor currents jump there and the trapezoidal rule would carry the old ones
            boolean trapezoidal = transientSettings.method() == IntegrationMethod.TRAPEZOIDAL && !restartIntegration;
            restartIntegration = false;
            capSiemensPerFarad = (trapezoidal ? 2 : 1) / h;
            known = system.knownVolts(sourceVolts(false, tNew));
            knownScaled = known;
            currentAmps = currentAmps(false, tNew);
            output = boundary.output();
            for (int k = 0; k < caps.count; k++) {
                double vOld = stateVolts[caps.a[k]] - stateVolts[caps.b[k]];
                double gc = system.farads[k] * capSiemensPerFarad;
                capEq[k] = -gc * vOld - (trapezoidal ? capAmps[k] : 0);
            }
            capEquivalentAmps = capEq;
            double[] u = solve(stateUnknowns);
            double[] volts = system.nodeVolts(u, known);
            for (int k = 0; k < caps.count; k++) {
                double v = volts[caps.a[k]] - volts[caps.b[k]];
                capAmps[k] = system.farads[k] * capSiemensPerFarad * v + capEq[k];
            }
            stateUnknowns = u;
            stateVolts = volts;
            timeSeconds = tNew;
        }
        return NodeVoltages.of(stateVolts, timeSeconds);
    }

    @Override
    public Conductances adjust(Conductances requestedDeltas) {
        return change(requestedDeltas, true);
    }

    /** Sets the conductances to exactly {@code target}, clipped to the bounds; returns the applied change. */
    @Override
    public Conductances setConductances(Conductances target) {
        return change(target, false);
    }

    private Conductances change(Conductances values, boolean relative) {
        if (values.size() != bounds.length) {
            throw new IllegalArgumentException("expected " + bounds.length + " conductances, got " + values.size());
        }
        double[] applied = new double[bounds.length];
        for (int t = 0; t < bounds.length; t++) {
            int row = system.trainableRow[t];
            double old = resistorSiemens[row];
            double requested = relative ? old + values.siemens(t) : values.siemens(t);
            if (Double.isNaN(requested)) {
                throw new IllegalArgumentException("conductance " + t + " (" + circuit.trainables().get(t).name()
                        + ") would be NaN");
            }
            resistorSiemens[row] = bounds[t].clip(requested);
            applied[t] = resistorSiemens[row] - old;
            if (applied[t] != 0) {
                restartIntegration = true; // capacitor currents jump with the conductances, as in ngspice
            }
        }
        return Conductances.of(applied);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("substrate is closed");
        }
    }

    /**
     * The exact gradient, by the adjoint method, of the cost {@code L = 1/2 sum_o (V_o - y_o)^2} at the
     * free DC equilibrium under the present input values, with respect to every trainable conductance.
     *
     * <p>With {@code J} the Jacobian of the reduced nodal equations at the free equilibrium (active
     * ideal-diode limits held fixed) and {@code J^T lambda = dC/dV}, {@code dL/dg_e = -(lambda_a -
     * lambda_b)(V_a - V_b)}. Equilibrium propagation estimates the same quantity: {@code dL/dg_e =
     * lim (1/beta)[h_e(V_beta) - h_e(V_0)]} with {@code h_e = 1/2 dV_e^2}. The substrate's own state
     * is left unchanged.
     *
     * @param outputNodes node indices of the outputs
     * @param targetVolts target per output node
     * @return {@code dL/dg}, in volts squared per siemens, indexed like {@link Circuit#trainables()}
     */
    public Conductances costGradient(int[] outputNodes, double[] targetVolts) {
        checkOpen();
        if (outputNodes.length != targetVolts.length) {
            throw new IllegalArgumentException("one target per output node is needed");
        }
        prepareDc(OutputBoundary.FREE);
        double[] u = solve(stateUnknowns);
        double[] volts = system.nodeVolts(u, known);
        // the Jacobian at the equilibrium
        assemble(1);
        System.arraycopy(linVals, 0, vals, 0, vals.length);
        System.arraycopy(linRhs, 0, rhs, 0, rhs.length);
        stampShockleyJacobian(volts);
        boolean[] hold = fixed.clone();
        if (idealSolver != null) {
            for (int k = 0; k < system.size; k++) {
                hold[k] |= idealSolver.boxActive(k);
            }
        }
        system.applyFixed(hold, new double[system.size], vals, rhs);
        factor.factor(vals);
        double[] c = new double[system.size];
        for (int i = 0; i < outputNodes.length; i++) {
            int k = system.unknownOf[outputNodes[i]];
            if (k >= 0 && !hold[k]) {
                c[k] += volts[outputNodes[i]] - targetVolts[i];
            }
        }
        double[] lambda = new double[system.size];
        factor.solveTransposed(c, lambda);
        if (idealSolver != null) {
            idealSolver.enforceActive(hold, lambda, new double[system.ideal.count]);
        }
        double[] grad = new double[bounds.length];
        NodalSystem.Branches r = system.resistors;
        for (int t = 0; t < grad.length; t++) {
            int row = system.trainableRow[t];
            double la = r.ua[row] >= 0 ? lambda[r.ua[row]] : 0;
            double lb = r.ub[row] >= 0 ? lambda[r.ub[row]] : 0;
            grad[t] = -(la - lb) * (volts[r.a[row]] - volts[r.b[row]]);
        }
        return Conductances.of(grad);
    }

    private void stampShockleyJacobian(double[] volts) {
        NodalSystem.Branches d = system.shockley;
        double[] noKnown = new double[system.nodeCount];
        double[] noRhs = new double[system.size];
        for (int k = 0; k < d.count; k++) {
            double g = system.shockleyModels[k].conductanceSiemens(volts[d.a[k]] - volts[d.b[k]]);
            system.stampConductance(d, k, g, noKnown, vals, noRhs);
        }
    }

    // ------------------------------------------------------------------ drive and assembly

    private void prepareDc(OutputBoundary out) {
        known = system.knownVolts(sourceVolts(true, 0));
        knownScaled = known;
        currentAmps = currentAmps(true, 0);
        capSiemensPerFarad = 0;
        capEquivalentAmps = null;
        output = out;
    }

    private double[] sourceVolts(boolean dc, double t) {
        double[] v = new double[system.voltageSources.size()];
        for (int s = 0; s < v.length; s++) {
            VoltageSource src = system.voltageSources.get(s);
            v[s] = !Double.isNaN(sourceOverride[s]) ? sourceOverride[s] : dc ? src.dcVolts() : src.waveform().valueAt(t);
        }
        return v;
    }

    private double[] currentAmps(boolean dc, double t) {
        double[] a = new double[system.currentSources.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = dc ? system.currentSources.get(k).dcAmps() : system.currentSources.get(k).waveform().valueAt(t);
        }
        return a;
    }

    /** Assembles the linear part (everything but diodes) with every source scaled by {@code scale}. */
    private void assemble(double scale) {
        Arrays.fill(linVals, 0);
        Arrays.fill(linRhs, 0);
        if (scale == 1) {
            knownScaled = known;
        } else {
            knownScaled = new double[known.length];
            for (int i = 0; i < known.length; i++) {
                knownScaled[i] = known[i] * scale;
            }
        }
        system.stampBranches(system.resistors, resistorSiemens, 0, knownScaled, linVals, linRhs);
        NodalSystem.Branches caps = system.capacitors;
        if (capSiemensPerFarad > 0) {
            for (int k = 0; k < caps.count; k++) {
                system.stampConductance(caps, k, system.farads[k] * capSiemensPerFarad, knownScaled, linVals, linRhs);
                NodalSystem.addCurrent(caps.ua[k], caps.ub[k], capEquivalentAmps[k], linRhs);
            }
        }
        double[] amps = currentAmps;
        if (scale != 1) {
            amps = amps.clone();
            for (int k = 0; k < amps.length; k++) {
                amps[k] *= scale;
            }
        }
        system.stampCurrentSources(amps, linRhs);
        system.stampControlled(knownScaled, linVals, linRhs);
        Arrays.fill(fixed, false);
        if (output instanceof OutputBoundary.Nudge n) {
            int[] nodes = n.nodes();
            double[] y = n.targetVolts();
            for (int i = 0; i < nodes.length; i++) {
                int k = system.unknownOf[nodes[i]];
                if (k >= 0) {
                    linVals[system.diagPos[k]] += n.betaSiemens();
                    linRhs[k] += n.betaSiemens() * (y[i] * scale - knownScaled[nodes[i]]);
                }
            }
        } else if (output instanceof OutputBoundary.Clamp c) {
            int[] nodes = c.nodes();
            double[] v = c.volts();
            for (int i = 0; i < nodes.length; i++) {
                int k = system.unknownOf[nodes[i]];
                fixed[k] = true;
                fixedValues[k] = v[i] * scale - knownScaled[nodes[i]];
            }
        }
    }

    // ------------------------------------------------------------------ solvers

    /** Solves the present drive, starting from {@code start} when given. */
    private double[] solve(double[] start) {
        double[] u0 = start != null ? start.clone() : new double[system.size];
        if (system.ideal.count > 0) {
            assemble(1);
            return idealSolver.solve(linVals, linRhs, fixed, fixedValues, known, system.idealThresholdVolts, u0);
        }
        if (system.shockley.count == 0) {
            assemble(1);
            return solveLinear(linVals, linRhs, fixed);
        }
        assemble(1);
        if (minimiser != null && negativeNudge()) {
            // not convex: Newton's stationary point may be a saddle; descend to a stable equilibrium
            return minimiser.minimise(linVals, linRhs, fixed, fixedValues, known, u0, circuit.title());
        }
        double[] u = newton(u0);
        if (u != null) {
            return u;
        }
        if (minimiser != null) {
            return minimiser.minimise(linVals, linRhs, fixed, fixedValues, known, u0, circuit.title());
        }
        if (capEquivalentAmps != null) {
            throw new SubstrateException("Newton did not converge for the diodes of " + circuit.title()
                    + " at t = " + timeSeconds + " s; try a smaller time step");
        }
        return sourceStepping();
    }

    /** Whether the present drive nudges the outputs with a negative beta (the co-content may then not be convex). */
    private boolean negativeNudge() {
        return output instanceof OutputBoundary.Nudge n && n.betaSiemens() < 0;
    }

    private double[] solveLinear(double[] matrix, double[] right, boolean[] hold) {
        System.arraycopy(matrix, 0, vals, 0, vals.length);
        System.arraycopy(right, 0, rhs, 0, rhs.length);
        system.applyFixed(hold, fixedValues, vals, rhs);
        factor.factor(vals);
        double[] u = new double[system.size];
        factor.solve(rhs, u);
        return u;
    }

    private double[] sourceStepping() {
        sourceSteppingRuns++;
        double[] u = new double[system.size];
        double scale = 0;
        double step = 0.1;
        while (scale < 1) {
            double next = Math.min(1, scale + step);
            assemble(next);
            double[] trial = newton(u);
            if (trial != null) {
                u = trial;
                scale = next;
                step = Math.min(0.5, step * 2);
            } else {
                step /= 4;
                if (step < 1e-7) {
                    throw new SubstrateException("Newton with source stepping did not converge for the diodes of "
                            + circuit.title() + " (stuck at " + (100 * scale) + "% of the sources)");
                }
            }
        }
        return u;
    }

    /**
     * Newton's method for the Shockley diodes on the assembled linear part; returns null when it
     * does not converge.
     */
    private double[] newton(double[] start) {
        NodalSystem.Branches d = system.shockley;
        double[] u = start.clone();
        double[] previous = new double[d.count];
        double[] volts = system.nodeVolts(u, knownScaled);
        for (int k = 0; k < d.count; k++) {
            previous[k] = volts[d.a[k]] - volts[d.b[k]];
        }
        double[] uNew = new double[system.size];
        double lastDelta = Double.POSITIVE_INFINITY;
        for (int it = 0; it < maxNewtonIterations; it++) {
            System.arraycopy(linVals, 0, vals, 0, vals.length);
            System.arraycopy(linRhs, 0, rhs, 0, rhs.length);
            boolean limited = false;
            volts = system.nodeVolts(u, knownScaled);
            for (int k = 0; k < d.count; k++) {
                if (d.ua[k] < 0 && d.ub[k] < 0) {
                    continue;
                }
                DiodeModel.Shockley m = system.shockleyModels[k];
                double vd = volts[d.a[k]] - volts[d.b[k]];
                double limitedVd = limitJunction(vd, previous[k], it == 0, m);
                limited |= limitedVd != vd;
                previous[k] = limitedVd;
                double g = m.conductanceSiemens(limitedVd);
                double i = m.currentAmps(limitedVd);
                system.stampConductance(d, k, g, knownScaled, vals, rhs);
                NodalSystem.addCurrent(d.ua[k], d.ub[k], i - g * limitedVd, rhs);
            }
            system.applyFixed(fixed, fixedValues, vals, rhs);
            try {
                factor.factor(vals);
            } catch (SubstrateException e) {
                return null;
            }
            factor.solve(rhs, uNew);
            double delta = 0;
            double scale = 0;
            for (int k = 0; k < u.length; k++) {
                delta = Math.max(delta, Math.abs(uNew[k] - u[k]));
                scale = Math.max(scale, Math.abs(uNew[k]));
            }
            System.arraycopy(uNew, 0, u, 0, u.length);
            if (!Double.isFinite(delta)) {
                return null;
            }
            if (!limited && (delta <= 1e-13 * (1 + scale) || delta < 1e-11 * (1 + scale) && delta >= 0.5 * lastDelta)) {
                return u;
            }
            lastDelta = limited ? Double.POSITIVE_INFINITY : delta;
        }
        return null;
    }

    /** SPICE's junction-voltage limiting ({@code pnjlim}). */
    private static double limitJunction(double vNew, double vOld, boolean first, DiodeModel.Shockley m) {
        double nvt = m.emissionCoefficient() * Units.THERMAL_VOLTAGE_VOLTS;
        double vCrit = nvt * Math.log(nvt / (Math.sqrt(2) * m.saturationCurrentAmps()));
        if (first) {
            return Math.min(vNew, vCrit);
        }
        if (vNew > vCrit && Math.abs(vNew - vOld) > 2 * nvt) {
            if (vOld > 0) {
                double arg = 1 + (vNew - vOld) / nvt;
                return arg > 0 ? vOld + nvt * Math.log(arg) : vCrit;
            }
            return nvt * Math.log(vNew / nvt);
        }
        return vNew;
    }

    /** Whether the non-symmetric path has fallen back to the dense LU with partial pivoting. */
    boolean usesDenseFallback() {
        return factor instanceof StaticPivotingFactor f && f.dense();
    }

    /** Caps Newton's iterations per solve (tests use it to force the source-stepping fallback). */
    void limitNewtonIterations(int iterations) {
        maxNewtonIterations = iterations;
    }

    /** How many solves were handed to the co-content minimiser (negative nudge, or plain Newton failed). */
    int minimiserRuns() {
        return minimiser == null ? 0 : minimiser.runs();
    }

    /** How many DC solves needed source stepping because plain Newton failed. */
    int sourceSteppingRuns() {
        return sourceSteppingRuns;
    }

    /** Whether the ideal-diode coordinate descent updates whole independent blocks (layers) at once. */
    boolean blockUpdates() {
        return idealSolver != null && idealSolver.blockUpdates();
    }
}
