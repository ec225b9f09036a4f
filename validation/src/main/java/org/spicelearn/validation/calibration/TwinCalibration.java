package org.spicelearn.validation.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.ideal.IdealSubstrate;

/**
 * Twin calibration: fits the digital twin of a network (the circuit on {@link IdealSubstrate}) to
 * measured responses of the hardware.
 *
 * <p>Measurement: for each of {@code patterns} random input vectors (every input source uniform in
 * {@code [-amplitude, amplitude]} volts) the hardware settles with free outputs and is measured twice;
 * the observed nodes are every node not held by a grounded voltage source. The two measurements give
 * the noise estimate {@code sigma = sqrt(mean((m1 - m2)^2) / 2)}; the first is fitted.
 *
 * <p>Fit: Levenberg-Marquardt (commons-math3) on the residuals {@code V_twin(p, o) - m1(p, o)}, with
 * each Jacobian row {@code dV_o/dg} computed by the adjoint method ({@link
 * IdealSubstrate#costGradient} of {@code 1/2 (V_o - (V_o - 1))^2} is exactly {@code dV_o/dg}). The
 * parameters are either the log effective conductances of the trainable devices (kept within a
 * factor {@value #RANGE_FACTOR} of the device bounds), or, given their intrinsic (read)
 * conductances, their series resistances as {@code rho = R g_read >= 0} ({@code g_eff = g_read /
 * (1 + rho)}). A weak prior ({@value #PRIOR_VOLTS} V per unit of parameter, far below any
 * measurement noise) pulls directions the measurements cannot see (a diode that never conducts
 * leaves a node's conductances free to scale together) toward the starting point. A quarter of the
 * patterns is held out and its residual reported too; the reported residuals exclude the prior.
 * The fit stops after {@value #MAX_ITERATIONS} iterations or when the cost settles.
 */
public final class TwinCalibration {
    /** The widest conductance the twin lets a device take while fitting, siemens. */
    private static final ConductanceBounds OPEN = new ConductanceBounds(1e-15, 1e6);
    /** How far outside the device bounds a fitted effective conductance may go (factor). */
    public static final double RANGE_FACTOR = 2;
    /** Levenberg-Marquardt iterations at most (the fit stops earlier when the cost changes by less than 1e-6 relative). */
    public static final int MAX_ITERATIONS = 60;
    /** Weight of the prior residual per unit of parameter, volts. */
    public static final double PRIOR_VOLTS = 1e-4;

    /** What the fit adjusts. */
    public enum Parameters {
        /** One effective conductance per device (starting from the hardware's reads). */
        CONDUCTANCES,
        /** One series resistance per device, the intrinsic conductances fixed at the hardware's reads. */
        SERIES_RESISTANCES
    }

    /**
     * Measured responses.
     *
     * @param inputs        the input volts of each pattern, by source name
     * @param observedNodes node indices measured
     * @param first         first measurement per pattern and observed node, volts
     * @param noiseVolts    noise estimate from the repeated measurement, volts
     */
    public record Measurements(List<Map<String, Double>> inputs, int[] observedNodes, double[][] first, double noiseVolts) {
    }

    /**
     * The fitted twin.
     *
     * @param twin                 the model circuit with the fitted effective conductances (original bounds)
     * @param effective            fitted effective conductances, siemens
     * @param seriesOhms           fitted series resistances (SERIES_RESISTANCES), or null
     * @param rmsResidualVolts     root-mean-square residual on the fitted patterns, volts
     * @param heldOutResidualVolts root-mean-square residual on the held-out patterns, volts
     * @param noiseVolts           the measurement noise estimate, volts
     * @param evaluations          model evaluations of the fit
     */
    public record Fit(Circuit twin, Conductances effective, double[] seriesOhms, double rmsResidualVolts,
                      double heldOutResidualVolts, double noiseVolts, int evaluations) {
    }

    private TwinCalibration() {
    }

    /** The nodes a twin fit observes: every node except ground and nodes held by a grounded voltage source. */
    public static int[] observableNodes(Circuit c) {
        boolean[] held = new boolean[c.nodeCount()];
        held[Circuit.GROUND] = true;
        for (VoltageSource v : c.elements(VoltageSource.class)) {
            if (v.minus() == Circuit.GROUND) {
                held[v.plus()] = true;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n < held.length; n++) {
            if (!held[n]) {
                out.add(n);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Measures {@code patterns} random input vectors on {@code sources}, each twice. */
    public static Measurements measure(Substrate hardware, List<String> sources, int patterns, double amplitudeVolts,
                                       long seed) {
        Random random = new Random(seed);
        int[] nodes = observableNodes(hardware.circuit());
        List<Map<String, Double>> inputs = new ArrayList<>();
        double[][] first = new double[patterns][nodes.length];
        double sumSq = 0;
        for (int p = 0; p < patterns; p++) {
            Map<String, Double> in = new LinkedHashMap<>();
            for (String s : sources) {
                in.put(s, amplitudeVolts * (2 * random.nextDouble() - 1));
            }
            inputs.add(in);
            hardware.setBoundary(new BoundaryConditions(in, OutputBoundary.FREE));
            NodeVoltages a = hardware.settle();
            NodeVoltages b = hardware.settle();
            for (int i = 0; i < nodes.length; i++) {
                first[p][i] = a.volts(nodes[i]);
                double d = a.volts(nodes[i]) - b.volts(nodes[i]);
                sumSq += d * d;
            }
        }
        return new Measurements(inputs, nodes, first, Math.sqrt(sumSq / (2.0 * patterns * nodes.length)));
    }

    /**
     * Fits the twin.
     *
     * @param model     the network (its trainables are the devices)
     * @param m         the measurements
     * @param what      what to fit
     * @param readSiemens the hardware's reads of its devices: the starting point (CONDUCTANCES) or the
     *                  fixed intrinsic conductances (SERIES_RESISTANCES)
     */
    public static Fit fit(Circuit model, Measurements m, Parameters what, Conductances readSiemens) {
        int patterns = m.inputs().size();
        int heldOut = patterns >= 4 ? patterns / 4 : 0;
        int fitted = patterns - heldOut;
        int nDev = model.trainables().size();
        int nObs = m.observedNodes().length;
        Circuit open = model;
        for (Resistor r : model.trainables()) {
            open = open.withElement(r.withBounds(OPEN));
        }
        double[] read = readSiemens.toArray();
        double[] target = new double[fitted * nObs + nDev];
        for (int p = 0; p < fitted; p++) {
            System.arraycopy(m.first()[p], 0, target, p * nObs, nObs);
        }
        double[] start = new double[nDev];
        double[] lo = new double[nDev];
        double[] hi = new double[nDev];
        for (int e = 0; e < nDev; e++) {
            ConductanceBounds b = model.trainables().get(e).bounds();
            if (what == Parameters.CONDUCTANCES) {
                lo[e] = Math.log(b.minSiemens() / RANGE_FACTOR / read[e]);
                hi[e] = Math.log(b.maxSiemens() * RANGE_FACTOR / read[e]);
            } else {
                lo[e] = 0;
                hi[e] = 1e3;
                start[e] = 0.01;
            }
        }
        try (IdealSubstrate twin = new IdealSubstrate(open)) {
            LeastSquaresProblem problem = new LeastSquaresBuilder()
                    .start(start)
                    .target(target)
                    .model(x -> evaluate(twin, m, fitted, effective(what, read, x.toArray()), what, read, x.toArray()))
                    .parameterValidator(x -> clamp(x, lo, hi))
                    .maxEvaluations(10 * MAX_ITERATIONS)
                    .maxIterations(MAX_ITERATIONS + 1)
                    .checker((iteration, previous, current) -> iteration >= MAX_ITERATIONS
                            || Math.abs(previous.getCost() - current.getCost()) <= 1e-6 * current.getCost())
                    .build();
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(problem);
            double[] x = opt.getPoint().toArray();
            double[] g = effective(what, read, x);
            double fitRms = residual(twin, m, 0, fitted, g);
            double heldRms = residual(twin, m, fitted, patterns, g);
            double[] series = null;
            if (what == Parameters.SERIES_RESISTANCES) {
                series = new double[nDev];
                for (int e = 0; e < nDev; e++) {
                    series[e] = x[e] / read[e];
                }
            }
            Circuit fittedTwin = model;
            List<Resistor> tr = model.trainables();
            for (int e = 0; e < nDev; e++) {
                fittedTwin = fittedTwin.withElement(tr.get(e).withSiemens(tr.get(e).bounds().clip(g[e])));
            }
            return new Fit(fittedTwin, Conductances.of(g), series, fitRms, heldRms, m.noiseVolts(),
                    opt.getEvaluations());
        }
    }

    private static double[] effective(Parameters what, double[] read, double[] x) {
        double[] g = new double[read.length];
        for (int e = 0; e < g.length; e++) {
            g[e] = what == Parameters.CONDUCTANCES ? read[e] * Math.exp(x[e]) : read[e] / (1 + x[e]);
        }
        return g;
    }

    private static RealVector clamp(RealVector v, double[] lo, double[] hi) {
        double[] x = v.toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(lo[i], Math.min(hi[i], x[i]));
        }
        return new ArrayRealVector(x, false);
    }

    /** Twin responses and their Jacobian with respect to the parameters (adjoint rows). */
    private static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> evaluate(
            IdealSubstrate twin, Measurements m, int patterns, double[] g, Parameters what, double[] read, double[] x) {
        int nObs = m.observedNodes().length;
        twin.setConductances(Conductances.of(g));
        double[] value = new double[patterns * nObs + g.length];
        double[][] jac = new double[patterns * nObs + g.length][];
        double[] chain = new double[g.length];
        for (int e = 0; e < g.length; e++) {
            chain[e] = what == Parameters.CONDUCTANCES ? g[e] : -read[e] / ((1 + x[e]) * (1 + x[e]));
        }
        for (int p = 0; p < patterns; p++) {
            twin.setBoundary(new BoundaryConditions(m.inputs().get(p), OutputBoundary.FREE));
            NodeVoltages v = twin.settle();
            for (int i = 0; i < nObs; i++) {
                int node = m.observedNodes()[i];
                double vo = v.volts(node);
                value[p * nObs + i] = vo;
                double[] dVdg = twin.costGradient(new int[] {node}, new double[] {vo - 1}).toArray();
                for (int e = 0; e < dVdg.length; e++) {
                    dVdg[e] *= chain[e];
                }
                jac[p * nObs + i] = dVdg;
            }
        }
        for (int e = 0; e < g.length; e++) {
            value[patterns * nObs + e] = PRIOR_VOLTS * x[e];
            jac[patterns * nObs + e] = new double[g.length];
            jac[patterns * nObs + e][e] = PRIOR_VOLTS;
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jac, false));
    }

    /** The rms residual of patterns {@code from..to-1} (NaN when empty). */
    private static double residual(IdealSubstrate twin, Measurements m, int from, int to, double[] g) {
        if (from == to) {
            return Double.NaN;
        }
        twin.setConductances(Conductances.of(g));
        double sumSq = 0;
        int count = 0;
        for (int p = from; p < to; p++) {
            twin.setBoundary(new BoundaryConditions(m.inputs().get(p), OutputBoundary.FREE));
            NodeVoltages v = twin.settle();
            for (int i = 0; i < m.observedNodes().length; i++) {
                double d = v.volts(m.observedNodes()[i]) - m.first()[p][i];
                sumSq += d * d;
                count++;
            }
        }
        return Math.sqrt(sumSq / count);
    }
}
