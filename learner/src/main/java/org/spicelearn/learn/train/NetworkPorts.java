package org.spicelearn.learn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.rule.EdgeSense;

/**
 * Where data meet a circuit: the input sources, the output nodes, and the two terminals of every
 * trainable edge (so each edge can read its own voltage drop).
 */
public final class NetworkPorts {
    private final List<String> sourceNames;
    private final int[] outputNodes;
    private final int[] edgeA;
    private final int[] edgeB;
    private final List<ConductanceBounds> bounds;

    /**
     * Resolves names against a circuit.
     *
     * @throws IllegalArgumentException listing every unknown source or node, or a circuit without trainables
     */
    public NetworkPorts(Circuit circuit, List<String> sourceNames, List<String> outputNodeNames) {
        List<String> problems = new ArrayList<>();
        this.sourceNames = sourceNames.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        for (String s : this.sourceNames) {
            if (!circuit.hasElement(s) || !(circuit.element(s) instanceof VoltageSource)) {
                problems.add("input " + s + " is not a voltage source of circuit '" + circuit.title() + "'");
            }
        }
        outputNodes = new int[outputNodeNames.size()];
        for (int o = 0; o < outputNodes.length; o++) {
            String n = outputNodeNames.get(o);
            if (circuit.hasNode(n)) {
                outputNodes[o] = circuit.nodeIndex(n);
            } else {
                problems.add("output node " + n + " is not a node of circuit '" + circuit.title() + "'");
            }
        }
        List<Resistor> trainables = circuit.trainables();
        if (trainables.isEmpty()) {
            problems.add("circuit '" + circuit.title() + "' has no trainable resistors");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        edgeA = trainables.stream().mapToInt(Resistor::a).toArray();
        edgeB = trainables.stream().mapToInt(Resistor::b).toArray();
        bounds = trainables.stream().map(Resistor::bounds).toList();
    }

    /** The output node indices. */
    public int[] outputNodes() {
        return outputNodes.clone();
    }

    /** The number of trainable edges. */
    public int edgeCount() {
        return edgeA.length;
    }

    /** The bounds of edge {@code e}. */
    public ConductanceBounds bounds(int e) {
        return bounds.get(e);
    }

    /** The boundary conditions presenting {@code example} with the given output boundary. */
    public BoundaryConditions boundary(Example example, OutputBoundary output) {
        Map<String, Double> volts = new LinkedHashMap<>();
        for (int i = 0; i < sourceNames.size(); i++) {
            volts.put(sourceNames.get(i), example.inputVolts(i));
        }
        return new BoundaryConditions(volts, output);
    }

    /** What edge {@code e} senses in state {@code v} at conductance {@code siemens}. */
    public EdgeSense sense(NodeVoltages v, int e, double siemens) {
        return new EdgeSense(v.dropVolts(edgeA[e], edgeB[e]), siemens);
    }

    /** The output voltages of a state. */
    public double[] outputVolts(NodeVoltages v) {
        double[] out = new double[outputNodes.length];
        for (int o = 0; o < out.length; o++) {
            out[o] = v.volts(outputNodes[o]);
        }
        return out;
    }

    /** The cost {@code C = 1/2 sum (V_o - y_o)^2} of a state, in volts squared. */
    public double cost(NodeVoltages v, Example example) {
        double c = 0;
        for (int o = 0; o < outputNodes.length; o++) {
            double d = v.volts(outputNodes[o]) - example.targetVolts(o);
            c += 0.5 * d * d;
        }
        return c;
    }

    /** The class predicted by a state: the output node with the highest voltage (first on ties). */
    public int predictedClass(NodeVoltages v) {
        int best = 0;
        for (int o = 1; o < outputNodes.length; o++) {
            if (v.volts(outputNodes[o]) > v.volts(outputNodes[best])) {
                best = o;
            }
        }
        return best;
    }
}
