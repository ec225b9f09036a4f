package org.spicelearn.bridge.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.SubstrateException;

/**
 * Simulated programmable hardware: a network solved by a {@link Substrate} (ngspice in {@code hil
 * serve}) whose trainable resistors are {@link SimulatedDevices} with variation, quantisation,
 * asymmetric soft-bounded pulse response, programming noise, drift, series resistance and read
 * noise. It is what a {@link HilServer} drives; one owner thread, the one that created it.
 */
public final class ReferenceHardware implements AutoCloseable {
    /** The widest conductance the underlying substrate lets a device take, siemens. */
    private static final ConductanceBounds OPEN_BOUNDS = new ConductanceBounds(1e-18, 1e9);

    /** The weakest pulse program-and-verify uses, relative to a full pulse. */
    public static final double MIN_PULSE_STRENGTH = 0x1p-30;

    private final NetworkDescription description;
    private final Substrate substrate;
    private final SimulatedDevices devices;
    private final DeviceNonIdealities settings;
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final Map<String, Integer> deviceIndex;
    private final Map<String, Double> inputs = new LinkedHashMap<>();
    private final int maxPulsesPerWrite;
    private OutputBoundary output = OutputBoundary.FREE;
    private NodeVoltages last;
    private boolean conductancesDirty = true;
    private double deviceSeconds;

    /**
     * Builds the hardware.
     *
     * @param circuit          the network (its trainable resistors become the programmable devices)
     * @param outputNodes      output node names the description announces
     * @param settings         the device non-idealities
     * @param substrateFactory makes the solver for a circuit (e.g. {@code NgspiceSubstrate::new})
     */
    public ReferenceHardware(Circuit circuit, List<String> outputNodes, DeviceNonIdealities settings,
                             Function<Circuit, Substrate> substrateFactory) {
        this.settings = settings;
        this.description = NetworkDescription.of(circuit, outputNodes, settings.deviceRange());
        List<ConductanceBounds> bounds = new ArrayList<>();
        for (Resistor r : circuit.trainables()) {
            bounds.add(r.bounds());
        }
        this.devices = new SimulatedDevices(settings, bounds, circuit.conductances().toArray());
        Circuit open = circuit;
        for (Resistor r : circuit.trainables()) {
            open = open.withElement(r.withBounds(OPEN_BOUNDS));
        }
        for (int i = 1; i < circuit.nodeCount(); i++) {
            nodeIndex.put(circuit.nodeName(i), i);
        }
        this.deviceIndex = description.deviceIndex();
        this.maxPulsesPerWrite = 4 * Math.max(settings.levels(), 250) + 100;
        this.substrate = substrateFactory.apply(open.withConductances(effective()));
    }

    /** The network as {@code DESCRIBE} reports it. */
    public NetworkDescription description() {
        return description;
    }

    /** The simulated devices (their true parameters, for tests and acceptance figures). */
    public SimulatedDevices devices() {
        return devices;
    }

    /** Node index (of the underlying circuit) by name, or null. */
    Integer node(String name) {
        return nodeIndex.get(name);
    }

    /** Device index by name, or null. */
    Integer device(String name) {
        return deviceIndex.get(name);
    }

    /** Sets input sources (names already validated). */
    public void setInputs(Map<String, Double> volts) {
        inputs.putAll(volts);
        substrate.setBoundary(new BoundaryConditions(inputs, output));
    }

    /** Sets the output boundary (nodes already validated). */
    public void setOutput(OutputBoundary boundary) {
        output = boundary;
        substrate.setBoundary(new BoundaryConditions(inputs, output));
    }

    /** Settles to DC after the device time of one settle has passed. */
    public void settle() {
        deviceSeconds += settings.settleSeconds();
        devices.drift(settings.settleSeconds());
        conductancesDirty |= settings.driftPerSecond() > 0;
        pushConductances();
        last = substrate.settle();
    }

    /**
     * Advances the transient state.
     *
     * @throws HilException {@link HilErrorCode#UNSUPPORTED} when the solver has no time dynamics
     */
    public double advance(double seconds) {
        deviceSeconds += seconds;
        devices.drift(seconds);
        conductancesDirty |= settings.driftPerSecond() > 0;
        pushConductances();
        try {
            last = substrate.advance(seconds);
        } catch (UnsupportedOperationException e) {
            throw new HilException(HilErrorCode.UNSUPPORTED, "this server settles only (DC); WAIT needs --transient-step");
        }
        return last.timeSeconds();
    }

    /**
     * A noisy measurement of every non-ground node of the last settled or advanced state.
     *
     * @throws HilException {@link HilErrorCode#CONFLICT} before the first settle
     */
    public double[] measure() {
        if (last == null) {
            throw new HilException(HilErrorCode.CONFLICT, "nothing to measure: SETTLE or WAIT first");
        }
        double[] v = new double[last.size() - 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = devices.measureVolts(last.volts(i + 1));
        }
        return v;
    }

    /** The time of the last state, seconds (0 for DC). */
    public double stateSeconds() {
        return last == null ? 0 : last.timeSeconds();
    }

    /** The device time that has passed (settles and waits), seconds. */
    public double deviceSeconds() {
        return deviceSeconds;
    }

    /** A noisy read of device {@code e}. */
    public double read(int e) {
        return devices.read(e);
    }

    /** Applies pulses to device {@code e} and returns a read of the result. */
    public double pulse(int e, int pulses) {
        devices.pulse(e, pulses);
        conductancesDirty = true;
        return devices.read(e);
    }

    /**
     * Program-and-verify of device {@code e} to {@code targetSiemens}: read, pulse toward the target,
     * and halve the pulse strength each time the direction reverses (a decreasing pulse train),
     * until the read is within half a nominal level (or twice the read noise) of the target, the
     * strength falls below {@value #MIN_PULSE_STRENGTH}, or the pulse budget is spent.
     *
     * @return {the final read, the pulses used}
     */
    public double[] write(int e, double targetSiemens) {
        ConductanceBounds b = description.devices().get(e).bounds();
        double levelSiemens = settings.levels() == 0 ? 0 : (b.maxSiemens() - b.minSiemens()) / (settings.levels() - 1);
        double tol = Math.max(Math.max(0.5 * levelSiemens, 2 * settings.readNoise() * targetSiemens),
                1e-9 * targetSiemens);
        int used = 0;
        int lastDirection = 0;
        double strength = 1;
        double g = devices.read(e);
        while (used < maxPulsesPerWrite && Math.abs(g - targetSiemens) > tol) {
            int direction = g < targetSiemens ? 1 : -1;
            if (lastDirection != 0 && direction != lastDirection) {
                strength *= 0.5;
                if (strength < MIN_PULSE_STRENGTH) {
                    break;
                }
            }
            devices.pulse(e, direction, strength);
            used++;
            lastDirection = direction;
            g = devices.read(e);
        }
        conductancesDirty = true;
        return new double[] {g, used};
    }

    private Conductances effective() {
        double[] g = new double[devices.size()];
        for (int e = 0; e < g.length; e++) {
            g[e] = devices.effectiveSiemens(e);
        }
        return Conductances.of(g);
    }

    private void pushConductances() {
        if (conductancesDirty) {
            substrate.setConductances(effective());
            conductancesDirty = false;
        }
    }

    @Override
    public void close() {
        try {
            substrate.close();
        } catch (SubstrateException e) {
            // closing is best effort
        }
    }
}
