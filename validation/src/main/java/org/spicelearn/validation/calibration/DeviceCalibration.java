package org.spicelearn.validation.calibration;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.spicelearn.bridge.remote.PulseResponse;
import org.spicelearn.bridge.remote.PulseResponseFile;
import org.spicelearn.bridge.remote.RemoteSubstrate;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Conductances;

/**
 * Device calibration: drives every device through a programmed pulse sequence, reads it after every
 * pulse, and fits each device's {@link PulseResponse}: bounds from the saturation plateaus, pulse
 * fractions by least squares (Levenberg-Marquardt, commons-math3) on one-step-ahead predictions.
 *
 * <p>The sequence is {@code cycles} times: {@code rampPulses} depression pulses, then
 * {@code rampPulses} potentiation pulses, all devices in parallel (one {@code PULSE} round trip per
 * step); the ramps must be long enough to saturate. See {@link #fit} for the estimator. Afterwards
 * every device is programmed back to the conductance it had.
 */
public final class DeviceCalibration {

    /**
     * The programmed sequence.
     *
     * @param rampPulses pulses per ramp (enough to saturate: (1 - fraction)^n small), >= 2
     * @param cycles     depression-then-potentiation cycles, >= 1
     */
    public record PulseSweep(int rampPulses, int cycles) {
        /** Validates. */
        public PulseSweep {
            if (rampPulses < 2 || cycles < 1) {
                throw new IllegalArgumentException("a pulse sweep needs >= 2 pulses per ramp and >= 1 cycle");
            }
        }

        /** The direction of every pulse (+1 potentiation, -1 depression), in order. */
        public int[] directions() {
            int[] d = new int[2 * rampPulses * cycles];
            for (int k = 0; k < d.length; k++) {
                d[k] = (k / rampPulses) % 2 == 0 ? -1 : 1;
            }
            return d;
        }
    }

    /**
     * One device's fit.
     *
     * @param response           the fitted response
     * @param initialSiemens     the read before the first pulse
     * @param rmsResidualSiemens root-mean-square one-step prediction residual
     * @param points             steps used
     */
    public record Fit(PulseResponse response, double initialSiemens, double rmsResidualSiemens, int points) {
    }

    /** Steps nearer their bound than this many relative read-noise widths are not used for the fractions. */
    public static final double MIN_DISTANCE_IN_NOISE = 10;

    private DeviceCalibration() {
    }

    /**
     * Runs the sweep on every device of {@code hardware}, fits each device, and restores the
     * conductances it found (program-and-verify).
     *
     * @return one entry per device, in device order
     */
    public static List<PulseResponseFile.Entry> calibrate(RemoteSubstrate hardware, PulseSweep sweep) {
        int n = hardware.conductances().size();
        Conductances original = hardware.read();
        int[] directions = sweep.directions();
        double[][] reads = new double[n][directions.length + 1];
        Conductances g = original;
        for (int k = 0; k <= directions.length; k++) {
            for (int e = 0; e < n; e++) {
                reads[e][k] = g.siemens(e);
            }
            if (k < directions.length) {
                long[] pulses = new long[n];
                java.util.Arrays.fill(pulses, directions[k]);
                g = hardware.pulse(pulses);
            }
        }
        List<PulseResponseFile.Entry> out = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            Fit f = fit(directions, reads[e], hardware.description().devices().get(e).bounds());
            out.add(new PulseResponseFile.Entry(hardware.description().devices().get(e).name(), f.response(),
                    f.rmsResidualSiemens(), f.points()));
        }
        hardware.setConductances(original);
        return out;
    }

    /**
     * Fits one device.
     *
     * <p>The bounds are first estimated from the plateaus: a device at its lowest level stays there
     * under depression and at its highest under potentiation, so the median of the reads in the last
     * eighth of every ramp, over all cycles, estimates {@code gMin} (depression ramps) and
     * {@code gMax} (potentiation ramps) with read noise only (a slow device may stop short of its
     * bound, so the ramps must be long enough: {@code (1 - fraction)^rampPulses} well below one level).
     * With the bounds fixed, the two fractions minimise the one-step-ahead residuals {@code read_{k+1} - after(read_k, direction_k)} by Levenberg-Marquardt:
     * quantisation and programming noise enter the state (process noise), so predicting each step
     * from the measured state is the consistent estimator, except that the read noise {@code n_k} of
     * the regressor also enters the residual, which biases a fraction by about
     * {@code sum var(n_k) / sum (distance to the bound)^2}. Steps whose distance to the bound they
     * move toward is below {@value #MIN_DISTANCE_IN_NOISE} relative read-noise widths (estimated from
     * the plateaus) are therefore left out, which keeps that bias near 1%.
     *
     * @param directions the pulses applied, +1 or -1 each, in ramps of equal length
     * @param reads      the reads before the first pulse and after each pulse ({@code directions.length + 1})
     * @param nominal    the device's nominal range (sets the scale)
     */
    public static Fit fit(int[] directions, double[] reads, ConductanceBounds nominal) {
        if (reads.length != directions.length + 1) {
            throw new IllegalArgumentException("need one read before and one after every pulse");
        }
        double scale = nominal.maxSiemens();
        double[] y = new double[reads.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = reads[k] / scale;
        }
        double[] bottom = plateau(directions, y, -1);
        double[] top = plateau(directions, y, 1);
        if (!(top[0] > bottom[0]) || !(bottom[0] > 0)) {
            throw new IllegalArgumentException("the reads show no range: gMin " + bottom[0] * scale + " S, gMax " + top[0] * scale
                    + " S (does the device respond to pulses?)");
        }
        double relativeNoise = Math.max(top[1] / top[0], bottom[1] / bottom[0]);
        List<Integer> steps = new ArrayList<>();
        for (int k = 0; k < directions.length; k++) {
            double distance = directions[k] > 0 ? top[0] - y[k] : y[k] - bottom[0];
            if (distance > MIN_DISTANCE_IN_NOISE * relativeNoise * y[k]) {
                steps.add(k);
            }
        }
        int n = steps.size();
        if (n < 4) {
            throw new IllegalArgumentException("only " + n + " pulses moved the device measurably");
        }
        int[] used = steps.stream().mapToInt(Integer::intValue).toArray();
        double[] next = new double[n];
        for (int i = 0; i < n; i++) {
            next[i] = y[used[i] + 1];
        }
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(new double[] {0.05, 0.05})
                .target(next)
                .model(p -> oneStep(directions, used, y, bottom[0], top[0], p.toArray()))
                .parameterValidator(DeviceCalibration::validate)
                .maxEvaluations(1000)
                .maxIterations(200)
                .build();
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(problem);
        double[] p = opt.getPoint().toArray();
        PulseResponse r = new PulseResponse(bottom[0] * scale, top[0] * scale, p[0], p[1]);
        return new Fit(r, reads[0], opt.getRMS() * scale, n);
    }

    /**
     * The median of the reads in the last eighth of every ramp of the given direction, and their
     * spread (1.4826 times the median absolute deviation).
     */
    private static double[] plateau(int[] directions, double[] y, int direction) {
        List<Double> tail = new ArrayList<>();
        int k = 0;
        while (k < directions.length) {
            int end = k;
            while (end < directions.length && directions[end] == directions[k]) {
                end++;
            }
            if (directions[k] == direction) {
                int len = end - k;
                for (int j = end - Math.max(1, len / 8); j < end; j++) {
                    tail.add(y[j + 1]);
                }
            }
            k = end;
        }
        if (tail.isEmpty()) {
            throw new IllegalArgumentException("the sequence has no " + (direction > 0 ? "potentiation" : "depression") + " ramp");
        }
        tail.sort(null);
        double median = tail.get(tail.size() / 2);
        List<Double> dev = new ArrayList<>();
        for (double t : tail) {
            dev.add(Math.abs(t - median));
        }
        dev.sort(null);
        return new double[] {median, 1.4826 * dev.get(dev.size() / 2)};
    }

    /** One-step predictions {@code after(y_k, direction_k)} for the used steps, and their Jacobian in (up, down). */
    static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> oneStep(int[] directions, int[] used, double[] y,
                                                                             double gMin, double gMax, double[] p) {
        int n = used.length;
        double[] value = new double[n];
        double[][] jac = new double[n][2];
        for (int i = 0; i < n; i++) {
            int k = used[i];
            if (directions[k] > 0) {
                value[i] = y[k] + p[0] * (gMax - y[k]);
                jac[i][0] = gMax - y[k];
            } else {
                value[i] = y[k] - p[1] * (y[k] - gMin);
                jac[i][1] = -(y[k] - gMin);
            }
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jac, false));
    }

    private static RealVector validate(RealVector v) {
        double[] p = v.toArray();
        p[0] = Math.min(Math.max(p[0], 1e-6), 0.999);
        p[1] = Math.min(Math.max(p[1], 1e-6), 0.999);
        return new ArrayRealVector(p, false);
    }
}
