package org.spicelearn.bridge.remote;

import java.util.List;
import java.util.Random;
import org.spicelearn.circuit.ConductanceBounds;

/**
 * The hidden physics of the reference server's programmable devices (see {@link DeviceNonIdealities}):
 * per-device responses, series resistances and quantised states. Not thread-safe.
 */
public final class SimulatedDevices {
    private final DeviceNonIdealities settings;
    private final PulseResponse[] responses;
    private final double[] seriesOhms;
    private final double[] state;
    private final Random noise;

    /**
     * Draws the devices and sets each state to the level nearest its initial conductance.
     *
     * @param nominalBounds   each device's nominal range (used when the settings name none)
     * @param initialSiemens  each device's initial conductance
     */
    public SimulatedDevices(DeviceNonIdealities settings, List<ConductanceBounds> nominalBounds, double[] initialSiemens) {
        this.settings = settings;
        int n = nominalBounds.size();
        responses = new PulseResponse[n];
        seriesOhms = new double[n];
        state = new double[n];
        Random draw = new Random(settings.seed());
        double v = settings.variation();
        for (int e = 0; e < n; e++) {
            ConductanceBounds b = settings.deviceRange() != null ? settings.deviceRange() : nominalBounds.get(e);
            double gMin = b.minSiemens() * Math.exp(v * draw.nextGaussian());
            double gMax = Math.max(b.maxSiemens() * Math.exp(v * draw.nextGaussian()), gMin * 1.01);
            double up = Math.min(0.99, settings.upFraction() * Math.exp(v * draw.nextGaussian()));
            double down = Math.min(0.99, settings.downFraction() * Math.exp(v * draw.nextGaussian()));
            responses[e] = new PulseResponse(gMin, gMax, up, down);
            seriesOhms[e] = settings.seriesOhms() * Math.exp(v * draw.nextGaussian());
            state[e] = nearestLevel(e, initialSiemens[e]);
        }
        noise = new Random(settings.seed() ^ 0x5DEECE66DL);
    }

    /** The number of devices. */
    public int size() {
        return responses.length;
    }

    /** The true response of device {@code e} (what calibration should recover). */
    public PulseResponse response(int e) {
        return responses[e];
    }

    /** The true series resistance of device {@code e}, ohms. */
    public double seriesOhms(int e) {
        return seriesOhms[e];
    }

    /** The true conductance of device {@code e} itself, siemens. */
    public double siemens(int e) {
        return state[e];
    }

    /** The conductance the network sees across device {@code e}: the device in series with its resistance. */
    public double effectiveSiemens(int e) {
        return 1.0 / (1.0 / siemens(e) + seriesOhms[e]);
    }

    /** A noisy read of device {@code e}'s conductance. */
    public double read(int e) {
        return siemens(e) * (1 + settings.readNoise() * noise.nextGaussian());
    }

    /** A noisy measurement of a node voltage. */
    public double measureVolts(double volts) {
        return volts + settings.readNoise() * settings.fullScaleVolts() * noise.nextGaussian();
    }

    /** Applies {@code pulses} full-strength pulses to device {@code e} (positive: potentiation), one at a time. */
    public void pulse(int e, int pulses) {
        for (int k = 0; k < Math.abs(pulses); k++) {
            pulse(e, Integer.signum(pulses), 1.0);
        }
    }

    /**
     * Applies one pulse of reduced strength (a shorter or lower pulse, as program-and-verify
     * controllers use): the step is {@code strength} times a full pulse's.
     *
     * @param direction +1 potentiation, -1 depression
     * @param strength  in (0, 1]
     */
    public void pulse(int e, int direction, double strength) {
        double g = siemens(e);
        double target = responses[e].after(g, direction);
        double step = strength * (target - g) * (1 + settings.programmingNoise() * noise.nextGaussian());
        setStochastic(e, g + step);
    }

    /** Lets device time pass: every state relaxes toward gMin by {@code exp(-drift * seconds)}. */
    public void drift(double seconds) {
        if (settings.driftPerSecond() == 0) {
            return;
        }
        double keep = Math.exp(-settings.driftPerSecond() * seconds);
        for (int e = 0; e < state.length; e++) {
            PulseResponse r = responses[e];
            setStochastic(e, r.gMinSiemens() + (siemens(e) - r.gMinSiemens()) * keep);
        }
    }

    /** Moves device {@code e} to {@code siemens}, rounded stochastically to a level (when quantised) and clipped. */
    private void setStochastic(int e, double siemens) {
        PulseResponse r = responses[e];
        if (settings.levels() == 0) {
            state[e] = Math.max(r.gMinSiemens(), Math.min(r.gMaxSiemens(), siemens));
            return;
        }
        double position = position(e, siemens);
        double lower = Math.floor(position);
        state[e] = level(e, noise.nextDouble() < position - lower ? lower + 1 : lower);
    }

    private double nearestLevel(int e, double siemens) {
        PulseResponse r = responses[e];
        if (settings.levels() == 0) {
            return Math.max(r.gMinSiemens(), Math.min(r.gMaxSiemens(), siemens));
        }
        return level(e, Math.round(position(e, siemens)));
    }

    private double level(int e, double index) {
        PulseResponse r = responses[e];
        double l = Math.max(0, Math.min(settings.levels() - 1, index));
        return r.gMinSiemens() + (r.gMaxSiemens() - r.gMinSiemens()) * l / (settings.levels() - 1);
    }

    private double position(int e, double siemens) {
        PulseResponse r = responses[e];
        return (siemens - r.gMinSiemens()) / (r.gMaxSiemens() - r.gMinSiemens()) * (settings.levels() - 1);
    }
}
