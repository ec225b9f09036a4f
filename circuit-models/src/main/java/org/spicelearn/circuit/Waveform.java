package org.spicelearn.circuit;

import java.util.Arrays;

/**
 * The time course of an independent source, as SPICE writes it; every waveform also has the DC
 * value used by operating-point analyses.
 */
public sealed interface Waveform permits Waveform.Dc, Waveform.Pulse, Waveform.Pwl, Waveform.Sin {

    /** The value at {@code seconds} (volts or amps, as the source). */
    double valueAt(double seconds);

    /** A constant value. */
    record Dc(double value) implements Waveform {
        @Override
        public double valueAt(double seconds) {
            return value;
        }
    }

    /** SPICE {@code PULSE(v1 v2 td tr tf pw per)}; a zero period means a single pulse. */
    record Pulse(double v1, double v2, double delaySeconds, double riseSeconds, double fallSeconds,
                 double widthSeconds, double periodSeconds) implements Waveform {
        @Override
        public double valueAt(double seconds) {
            double t = seconds - delaySeconds;
            if (t < 0) {
                return v1;
            }
            if (periodSeconds > 0) {
                t = t % periodSeconds;
            }
            if (t < riseSeconds) {
                return v1 + (v2 - v1) * t / riseSeconds;
            }
            t -= riseSeconds;
            if (t <= widthSeconds) {
                return v2;
            }
            t -= widthSeconds;
            if (t < fallSeconds) {
                return v2 + (v1 - v2) * t / fallSeconds;
            }
            return v1;
        }
    }

    /** SPICE {@code PWL(t1 v1 t2 v2 ...)}, held constant outside its points. */
    record Pwl(double[] timesSeconds, double[] values) implements Waveform {
        /** Copies and validates the points. */
        public Pwl {
            if (timesSeconds.length != values.length || timesSeconds.length == 0) {
                throw new IllegalArgumentException("PWL needs matching, non-empty time and value lists");
            }
            timesSeconds = timesSeconds.clone();
            values = values.clone();
        }

        @Override
        public double[] timesSeconds() {
            return timesSeconds.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public double valueAt(double seconds) {
            if (seconds <= timesSeconds[0]) {
                return values[0];
            }
            for (int i = 1; i < timesSeconds.length; i++) {
                if (seconds <= timesSeconds[i]) {
                    double f = (seconds - timesSeconds[i - 1]) / (timesSeconds[i] - timesSeconds[i - 1]);
                    return values[i - 1] + f * (values[i] - values[i - 1]);
                }
            }
            return values[values.length - 1];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pwl p && Arrays.equals(timesSeconds, p.timesSeconds) && Arrays.equals(values, p.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(timesSeconds) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Pwl" + Arrays.toString(timesSeconds) + Arrays.toString(values);
        }
    }

    /** SPICE {@code SIN(vo va freq td theta)}. */
    record Sin(double offset, double amplitude, double frequencyHertz, double delaySeconds, double dampingPerSecond)
            implements Waveform {
        @Override
        public double valueAt(double seconds) {
            if (seconds < delaySeconds) {
                return offset;
            }
            double t = seconds - delaySeconds;
            return offset + amplitude * Math.exp(-t * dampingPerSecond) * Math.sin(2 * Math.PI * frequencyHertz * t);
        }
    }
}
