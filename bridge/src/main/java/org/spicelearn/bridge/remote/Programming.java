package org.spicelearn.bridge.remote;

import java.util.List;

/**
 * How a {@link RemoteSubstrate} turns a requested conductance change into programming commands.
 */
public sealed interface Programming permits Programming.WriteVerify, Programming.Pulses {

    /**
     * Ask the server to program each changed device to {@code g + delta} ({@code WRITE}, the server's
     * program-and-verify). Simple, but a change smaller than the server's write tolerance is lost.
     */
    record WriteVerify() implements Programming {
    }

    /**
     * Send pulse counts ({@code PULSE}) computed from calibrated device responses: the fractional
     * count {@link PulseResponse#pulsesFor} becomes whole pulses per {@code rounding}, so the
     * expected change equals the request however small it is.
     *
     * @param responses     one calibrated response per device, in device order
     * @param maxPulses     the most pulses one request sends to one device
     * @param rounding      how fractional counts become pulses
     * @param seed          seed of the stochastic rounding
     */
    record Pulses(List<PulseResponse> responses, int maxPulses, Rounding rounding, long seed) implements Programming {
        /** Copies and validates. */
        public Pulses {
            responses = List.copyOf(responses);
            java.util.Objects.requireNonNull(rounding, "rounding");
            if (maxPulses < 1 || maxPulses > HilServer.MAX_PULSES) {
                throw new IllegalArgumentException("max pulses must be in 1.." + HilServer.MAX_PULSES);
            }
        }

        /** Stochastic rounding with at most {@code maxPulses} pulses per request. */
        public Pulses(List<PulseResponse> responses, int maxPulses, long seed) {
            this(responses, maxPulses, Rounding.STOCHASTIC, seed);
        }
    }

    /** How a fractional pulse count becomes whole pulses. */
    enum Rounding {
        /** Up with probability equal to the fraction: unbiased per request, one pulse's variance. */
        STOCHASTIC,
        /**
         * Accumulate-and-fire (mixed precision): each device keeps the requested change it has not
         * sent yet, in siemens, and fires the whole number of pulses nearest to it once that is at
         * least one (deducting what the calibrated response says they change); deterministic,
         * unbiased over time, no added rounding noise.
         */
        ACCUMULATED
    }
}
