package org.spicelearn.circuit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable electrical circuit: named nodes (dense indices, ground is node 0 named {@code "0"})
 * and named elements.
 *
 * <p>A circuit is validated when it is built: every problem (no ground connection, a node without a
 * DC path to ground, a non-positive value, a duplicate name, a dangling node index) is reported at
 * once in a {@link CircuitValidationException}. Node names and element names are lower case.
 */
public final class Circuit {
    /** The index of the ground node. */
    public static final int GROUND = 0;

    private final String title;
    private final List<String> nodeNames;
    private final Map<String, Integer> nodeIndex;
    private final List<Element> elements;
    private final Map<String, Element> byName;
    private final List<Resistor> trainables;

    private Circuit(String title, List<String> nodeNames, List<Element> elements) {
        this.title = title;
        this.nodeNames = List.copyOf(nodeNames);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodeNames.size(); i++) {
            index.put(nodeNames.get(i), i);
        }
        this.nodeIndex = Collections.unmodifiableMap(index);
        this.elements = List.copyOf(elements);
        Map<String, Element> names = new LinkedHashMap<>();
        List<Resistor> train = new ArrayList<>();
        for (Element e : elements) {
            names.putIfAbsent(e.name(), e);
            if (e instanceof Resistor r && r.trainable()) {
                train.add(r);
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.trainables = List.copyOf(train);
    }

    /** Starts a circuit with the given title; node 0 ({@code "0"}, ground) exists already. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** A builder holding this circuit's title, nodes and elements, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(title);
        for (int i = 1; i < nodeNames.size(); i++) {
            b.node(nodeNames.get(i));
        }
        elements.forEach(b::add);
        return b;
    }

    /** The title line. */
    public String title() {
        return title;
    }

    /** The number of nodes, ground included. */
    public int nodeCount() {
        return nodeNames.size();
    }

    /** The name of node {@code index}. */
    public String nodeName(int index) {
        return nodeNames.get(index);
    }

    /** All node names by index (index 0 is {@code "0"}). */
    public List<String> nodeNames() {
        return nodeNames;
    }

    /** The index of the named node (case-insensitive). */
    public int nodeIndex(String name) {
        Integer i = nodeIndex.get(name.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new IllegalArgumentException("no node named " + name);
        }
        return i;
    }

    /** Whether a node of that name exists (case-insensitive). */
    public boolean hasNode(String name) {
        return nodeIndex.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Every element in insertion order. */
    public List<Element> elements() {
        return elements;
    }

    /** The named element (case-insensitive). */
    public Element element(String name) {
        Element e = byName.get(name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("no element named " + name);
        }
        return e;
    }

    /** Whether an element of that name exists (case-insensitive). */
    public boolean hasElement(String name) {
        return byName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The elements of one kind, in insertion order. */
    public <T extends Element> List<T> elements(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (Element e : elements) {
            if (kind.isInstance(e)) {
                out.add(kind.cast(e));
            }
        }
        return out;
    }

    /**
     * The trainable resistors in insertion order; this order indexes every {@link Conductances}
     * vector exchanged with a {@link Substrate}.
     */
    public List<Resistor> trainables() {
        return trainables;
    }

    /** A copy with the trainable conductances replaced, in {@link #trainables()} order. */
    public Circuit withConductances(Conductances siemens) {
        if (siemens.size() != trainables.size()) {
            throw new IllegalArgumentException("expected " + trainables.size() + " conductances, got " + siemens.size());
        }
        List<Element> out = new ArrayList<>(elements.size());
        int k = 0;
        for (Element e : elements) {
            if (e instanceof Resistor r && r.trainable()) {
                out.add(r.withSiemens(siemens.siemens(k++)));
            } else {
                out.add(e);
            }
        }
        return new Circuit(title, nodeNames, out);
    }

    /** A copy with one element replaced by another of the same name. */
    public Circuit withElement(Element replacement) {
        List<Element> out = new ArrayList<>(elements.size());
        boolean found = false;
        for (Element e : elements) {
            if (e.name().equals(replacement.name())) {
                out.add(replacement);
                found = true;
            } else {
                out.add(e);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no element named " + replacement.name());
        }
        return new Builder(title, nodeNames, out).build();
    }

    /** The trainable conductances, in {@link #trainables()} order. */
    public Conductances conductances() {
        double[] g = new double[trainables.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = trainables.get(i).siemens();
        }
        return Conductances.of(g);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Circuit c && title.equals(c.title) && nodeNames.equals(c.nodeNames)
                && elements.equals(c.elements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, nodeNames, elements);
    }

    @Override
    public String toString() {
        return "Circuit[" + title + ", " + nodeNames.size() + " nodes, " + elements.size() + " elements]";
    }

    /** Collects nodes and elements, then validates everything at once in {@link #build()}. */
    public static final class Builder {
        private final String title;
        private final List<String> nodeNames = new ArrayList<>();
        private final Map<String, Integer> nodeIndex = new HashMap<>();
        private final List<Element> elements = new ArrayList<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
            node("0");
        }

        private Builder(String title, List<String> nodes, List<Element> elements) {
            this(title);
            nodes.forEach(this::node);
            this.elements.addAll(elements);
        }

        /** Returns the index of the named node, creating it when new; {@code "0"} and {@code "gnd"} are ground. */
        public int node(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("gnd")) {
                key = "0";
            }
            Integer i = nodeIndex.get(key);
            if (i == null) {
                i = nodeNames.size();
                nodeNames.add(key);
                nodeIndex.put(key, i);
            }
            return i;
        }

        /** Adds an element; its node indices must come from {@link #node(String)}. */
        public Builder add(Element element) {
            elements.add(Objects.requireNonNull(element, "element"));
            return this;
        }

        /** The number of nodes so far, ground included. */
        public int nodeCount() {
            return nodeNames.size();
        }

        /** Validates and builds the circuit. */
        public Circuit build() {
            List<String> problems = validate();
            if (!problems.isEmpty()) {
                throw new CircuitValidationException(problems);
            }
            return new Circuit(title, nodeNames, elements);
        }

        private List<String> validate() {
            List<String> problems = new ArrayList<>();
            int n = nodeNames.size();
            Map<String, Integer> seen = new HashMap<>();
            boolean groundUsed = false;
            for (Element e : elements) {
                if (e.name() == null || e.name().isEmpty()) {
                    problems.add("an element has no name");
                    continue;
                }
                if (!e.name().equals(e.name().toLowerCase(Locale.ROOT))) {
                    problems.add("element name " + e.name() + " is not lower case");
                }
                if (seen.merge(e.name(), 1, Integer::sum) == 2) {
                    problems.add("duplicate element name " + e.name());
                }
                for (int node : e.nodes()) {
                    if (node < 0 || node >= n) {
                        problems.add(e.name() + " refers to node index " + node + ", which does not exist");
                    } else if (node == GROUND) {
                        groundUsed = true;
                    }
                }
                valueProblem(e, problems);
            }
            if (!elements.isEmpty() && !groundUsed) {
                problems.add("no element connects to ground (node 0)");
            }
            if (problems.isEmpty()) {
                floatingNodes(problems);
            }
            return problems;
        }

        private static void valueProblem(Element e, List<String> problems) {
            if (e instanceof Resistor r) {
                if (!(r.ohms() > 0) || Double.isInfinite(r.ohms())) {
                    problems.add(r.name() + " has non-positive or non-finite resistance " + r.ohms() + " ohms");
                } else if (r.trainable() && !r.bounds().contains(r.siemens())) {
                    problems.add(r.name() + " conductance " + r.siemens() + " S lies outside its bounds ["
                            + r.bounds().minSiemens() + ", " + r.bounds().maxSiemens() + "] S");
                }
            } else if (e instanceof Capacitor c) {
                if (!(c.farads() > 0) || Double.isInfinite(c.farads())) {
                    problems.add(c.name() + " has non-positive or non-finite capacitance " + c.farads() + " F");
                }
            } else if (e instanceof VoltageSource v && !Double.isFinite(v.dcVolts())
                    || e instanceof CurrentSource i && !Double.isFinite(i.dcAmps())
                    || e instanceof Vcvs x && !Double.isFinite(x.gain())
                    || e instanceof Vccs g && !Double.isFinite(g.transconductanceSiemens())) {
                problems.add(e.name() + " has a non-finite value");
            } else if (e instanceof Diode d && d.model() == null) {
                problems.add(d.name() + " has no diode model");
            } else if (e instanceof BehaviouralSource b && (b.expression() == null || b.expression().isBlank())) {
                problems.add(b.name() + " has no expression");
            }
        }

        /** Every node needs a DC path (through anything but capacitors and current sources) to ground. */
        private void floatingNodes(List<String> problems) {
            int n = nodeNames.size();
            List<List<Integer>> adjacency = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                adjacency.add(new ArrayList<>());
            }
            for (Element e : elements) {
                if (e instanceof Capacitor || e instanceof CurrentSource || e instanceof Vccs) {
                    continue; // no DC conduction between their output terminals
                }
                int a = e.nodes().get(0);
                int b = e.nodes().get(1);
                adjacency.get(a).add(b);
                adjacency.get(b).add(a);
            }
            boolean[] reached = new boolean[n];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(GROUND);
            reached[GROUND] = true;
            while (!queue.isEmpty()) {
                int u = queue.poll();
                for (int v : adjacency.get(u)) {
                    if (!reached[v]) {
                        reached[v] = true;
                        queue.add(v);
                    }
                }
            }
            for (int i = 1; i < n; i++) {
                if (!reached[i]) {
                    problems.add("node " + nodeNames.get(i) + " has no DC path to ground");
                }
            }
        }
    }
}
