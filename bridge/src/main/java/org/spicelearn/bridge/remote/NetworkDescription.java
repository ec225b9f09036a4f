package org.spicelearn.bridge.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;

/**
 * What a HIL server says about its network in reply to {@code DESCRIBE}: the nodes (ground
 * excluded, in the order of every {@code MEASURE} reply), the programmable devices (in the order
 * of device indices), the voltage sources a client may set, and the output nodes.
 *
 * @param nodes   node names, ground excluded, in measurement order
 * @param devices programmable devices, in device-index order
 * @param inputs  settable voltage sources
 * @param outputs output node names (may be empty)
 */
public record NetworkDescription(List<String> nodes, List<Device> devices, List<Input> inputs, List<String> outputs) {

    /**
     * A programmable two-terminal device.
     *
     * @param name   device name
     * @param nodeA  first terminal (node name, {@code 0} for ground)
     * @param nodeB  second terminal
     * @param bounds the nominal programmable range
     */
    public record Device(String name, String nodeA, String nodeB, ConductanceBounds bounds) {
        /** Validates. */
        public Device {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(nodeA, "nodeA");
            Objects.requireNonNull(nodeB, "nodeB");
            Objects.requireNonNull(bounds, "bounds");
        }
    }

    /**
     * A settable voltage source.
     *
     * @param name         source name
     * @param plus         positive node
     * @param minus        negative node
     * @param defaultVolts the value it has until set
     */
    public record Input(String name, String plus, String minus, double defaultVolts) {
    }

    /** Copies the lists. */
    public NetworkDescription {
        nodes = List.copyOf(nodes);
        devices = List.copyOf(devices);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * The description of a circuit: every non-ground node, every trainable resistor (with {@code
     * bounds} replacing its own when not null), every voltage source, and the given outputs.
     */
    public static NetworkDescription of(Circuit circuit, List<String> outputNodes, ConductanceBounds bounds) {
        List<String> nodes = circuit.nodeNames().subList(1, circuit.nodeCount());
        List<Device> devices = new ArrayList<>();
        for (Resistor r : circuit.trainables()) {
            devices.add(new Device(r.name(), circuit.nodeName(r.a()), circuit.nodeName(r.b()),
                    bounds != null ? bounds : r.bounds()));
        }
        List<Input> inputs = new ArrayList<>();
        for (VoltageSource v : circuit.elements(VoltageSource.class)) {
            inputs.add(new Input(v.name(), circuit.nodeName(v.plus()), circuit.nodeName(v.minus()), v.dcVolts()));
        }
        return new NetworkDescription(nodes, devices, inputs, outputNodes);
    }

    /** The reply lines: the {@code OK DESCRIBE} header, one line per entry, {@code END}. */
    public List<String> toLines() {
        List<String> lines = new ArrayList<>();
        lines.add(HilProtocol.OK + " DESCRIBE nodes=" + nodes.size() + " devices=" + devices.size() + " inputs="
                + inputs.size() + " outputs=" + outputs.size());
        for (int i = 0; i < nodes.size(); i++) {
            lines.add("NODE " + (i + 1) + " " + nodes.get(i));
        }
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            lines.add("DEVICE " + i + " " + d.name() + " " + d.nodeA() + " " + d.nodeB() + " "
                    + HilProtocol.format(d.bounds().minSiemens()) + " " + HilProtocol.format(d.bounds().maxSiemens()));
        }
        for (Input in : inputs) {
            lines.add("INPUT " + in.name() + " " + in.plus() + " " + in.minus() + " " + HilProtocol.format(in.defaultVolts()));
        }
        for (String o : outputs) {
            lines.add("OUTPUT " + o);
        }
        lines.add("END");
        return lines;
    }

    /** The source of further reply lines, as a client reads them. */
    @FunctionalInterface
    public interface LineSource {
        /** The next line (never null). */
        String next() throws java.io.IOException;
    }

    /**
     * Reads a description from its header line and the lines that follow it.
     *
     * @throws HilException {@link HilErrorCode#BAD_REQUEST} when the lines are malformed
     */
    public static NetworkDescription parse(String header, LineSource more) throws java.io.IOException {
        List<String> h = HilProtocol.tokens(header);
        if (h.size() != 6 || !h.get(0).equals(HilProtocol.OK) || !h.get(1).equals("DESCRIBE")) {
            throw new HilException(HilErrorCode.BAD_REQUEST, "not a DESCRIBE reply: " + header);
        }
        int nNodes = count(h.get(2), "nodes");
        int nDevices = count(h.get(3), "devices");
        int nInputs = count(h.get(4), "inputs");
        int nOutputs = count(h.get(5), "outputs");
        List<String> nodes = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < nNodes; i++) {
            nodes.add(fields(more.next(), "NODE", 3).get(2));
        }
        for (int i = 0; i < nDevices; i++) {
            List<String> f = fields(more.next(), "DEVICE", 7);
            devices.add(new Device(f.get(2), f.get(3), f.get(4), bounds(f.get(5), f.get(6))));
        }
        for (int i = 0; i < nInputs; i++) {
            List<String> f = fields(more.next(), "INPUT", 5);
            inputs.add(new Input(f.get(1), f.get(2), f.get(3), HilProtocol.number(f.get(4), "default volts")));
        }
        for (int i = 0; i < nOutputs; i++) {
            outputs.add(fields(more.next(), "OUTPUT", 2).get(1));
        }
        fields(more.next(), "END", 1);
        return new NetworkDescription(nodes, devices, inputs, outputs);
    }

    private static ConductanceBounds bounds(String min, String max) {
        try {
            return new ConductanceBounds(HilProtocol.number(min, "gmin"), HilProtocol.number(max, "gmax"));
        } catch (IllegalArgumentException e) {
            throw new HilException(HilErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    private static int count(String token, String key) {
        String[] kv = HilProtocol.keyValue(token);
        if (!kv[0].equals(key)) {
            throw new HilException(HilErrorCode.BAD_REQUEST, "expected " + key + "=N, got " + token);
        }
        return (int) HilProtocol.integer(kv[1], key, 0, 10_000_000);
    }

    private static List<String> fields(String line, String keyword, int n) {
        List<String> f = HilProtocol.tokens(line);
        if (f.size() != n || !f.get(0).equals(keyword)) {
            throw new HilException(HilErrorCode.BAD_REQUEST, "expected a " + keyword + " line with " + n
                    + " fields, got: " + line);
        }
        return f;
    }

    /**
     * Checks that a local circuit model is this network: the same node names, and the same
     * trainable devices (names, terminals, order).
     *
     * @return the circuit with each trainable's bounds replaced by this description's bounds
     * @throws HilException {@link HilErrorCode#CONFLICT} listing every difference
     */
    public Circuit conform(Circuit model) {
        List<String> problems = new ArrayList<>();
        List<String> modelNodes = model.nodeNames().subList(1, model.nodeCount());
        if (!new java.util.HashSet<>(modelNodes).equals(new java.util.HashSet<>(nodes))) {
            problems.add("node names differ: model has " + modelNodes.size() + " nodes, server " + nodes.size());
        }
        List<Resistor> trainables = model.trainables();
        if (trainables.size() != devices.size()) {
            problems.add("model has " + trainables.size() + " trainable resistors, server " + devices.size() + " devices");
        }
        Circuit out = model;
        for (int i = 0; i < Math.min(trainables.size(), devices.size()); i++) {
            Resistor r = trainables.get(i);
            Device d = devices.get(i);
            String a = model.nodeName(r.a());
            String b = model.nodeName(r.b());
            if (!r.name().equals(d.name()) || !(a.equals(d.nodeA()) && b.equals(d.nodeB())
                    || a.equals(d.nodeB()) && b.equals(d.nodeA()))) {
                problems.add("device " + i + ": model " + r.name() + " " + a + " " + b + ", server " + d.name() + " "
                        + d.nodeA() + " " + d.nodeB());
            } else if (problems.isEmpty()) {
                out = out.withElement(r.withBounds(d.bounds()).withSiemens(d.bounds().clip(r.siemens())));
            }
        }
        if (!problems.isEmpty()) {
            throw new HilException(HilErrorCode.CONFLICT, "the server's network is not the model: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
        return out;
    }

    /** Device index by name. */
    public Map<String, Integer> deviceIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            m.put(devices.get(i).name(), i);
        }
        return m;
    }
}
