package org.spicelearn.netlist;

import java.util.List;
import java.util.Objects;
import org.spicelearn.circuit.ConductanceBounds;

/**
 * The training roles a netlist declares in its {@code *@spicelearn} comment lines: which resistors
 * are trainable (glob patterns with conductance bounds), which voltage sources take which data
 * column, which nodes are outputs, and the task. Immutable. The syntax is documented in
 * {@code netlists/README.md}; {@link NetlistParser} reads it and {@link NetlistWriter} writes it.
 *
 * @param trainables trainable patterns in file order
 * @param inputs     input sources in file order
 * @param outputs    output nodes in file order
 * @param task       what the network learns, or {@code null} when not declared
 */
public record NetworkRoles(List<Trainable> trainables, List<Input> inputs, List<Output> outputs, Task task) {
    /** No roles at all. */
    public static final NetworkRoles NONE = new NetworkRoles(List.of(), List.of(), List.of(), null);

    /** Copies the lists. */
    public NetworkRoles {
        trainables = List.copyOf(trainables);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** A copy without trainable patterns (inputs, outputs and task kept). */
    public NetworkRoles withoutTrainables() {
        return new NetworkRoles(List.of(), inputs, outputs, task);
    }

    /** Whether nothing at all is declared. */
    public boolean isEmpty() {
        return trainables.isEmpty() && inputs.isEmpty() && outputs.isEmpty() && task == null;
    }

    /**
     * Resistors whose names match {@code pattern} are trainable within {@code bounds}.
     *
     * @param pattern lower-case glob over resistor names: {@code *} matches any run of characters,
     *                {@code ?} one character, everything else itself (e.g. {@code r1_*}, {@code r.x1.*})
     * @param bounds  conductance range, in siemens
     */
    public record Trainable(String pattern, ConductanceBounds bounds) {
        /** Validates. */
        public Trainable {
            Objects.requireNonNull(bounds, "bounds");
            if (pattern == null || pattern.isEmpty()) {
                throw new IllegalArgumentException("trainable pattern must not be empty");
            }
            pattern = SpiceNames.canonical(pattern);
        }

        /** Whether the (canonical) element name matches this pattern. */
        public boolean matches(String name) {
            return globMatches(pattern, SpiceNames.canonical(name));
        }
    }

    /**
     * Voltage source {@code source} takes data column {@code column}: its DC value is
     * {@code offsetVolts + scaleVoltsPerUnit * value}.
     *
     * @param source            lower-case name of an independent voltage source
     * @param column            the data column (a name or a zero-based index, as the data set names it)
     * @param scaleVoltsPerUnit volts per unit of the data value
     * @param offsetVolts       volts at data value 0
     */
    public record Input(String source, String column, double scaleVoltsPerUnit, double offsetVolts) {
        /** Validates. */
        public Input {
            source = SpiceNames.canonical(Objects.requireNonNull(source, "source"));
            requireWord("column", column);
            if (!Double.isFinite(scaleVoltsPerUnit) || !Double.isFinite(offsetVolts)) {
                throw new IllegalArgumentException("input " + source + " needs a finite scale and offset");
            }
        }
    }

    /** What an output node stands for. */
    public enum OutputKind {
        /** The node votes for one class of a classification task; the label is the class name. */
        CLASS,
        /** The node predicts one data column of a regression task; the label is the column. */
        COLUMN
    }

    /**
     * Node {@code node} is an output.
     *
     * @param node  lower-case node name
     * @param kind  class vote or regression column
     * @param label the class name or the column name
     */
    public record Output(String node, OutputKind kind, String label) {
        /** Validates. */
        public Output {
            node = SpiceNames.canonicalNode(Objects.requireNonNull(node, "node"));
            Objects.requireNonNull(kind, "kind");
            requireWord("label", label);
        }
    }

    /** The kind of learning task. */
    public enum TaskKind {
        /** One output node per class; the highest (or nearest to its target) wins. */
        CLASSIFICATION,
        /** Output voltages predict data columns. */
        REGRESSION
    }

    /**
     * What the network is for.
     *
     * @param kind    classification or regression
     * @param dataset the data set's name (e.g. {@code iris}), empty when not given
     */
    public record Task(TaskKind kind, String dataset) {
        /** Validates. */
        public Task {
            Objects.requireNonNull(kind, "kind");
            if (!Objects.requireNonNull(dataset, "dataset").isEmpty()) {
                requireWord("dataset", dataset);
            }
        }
    }

    /**
     * Whether {@code text} can be a role value (column, class label, data set name): one word of
     * printable ASCII without {@code =}, so that a comment line holds it unchanged.
     */
    public static boolean isWord(String text) {
        return text != null && !text.isEmpty() && text.chars().allMatch(ch -> ch > ' ' && ch <= '~' && ch != '=');
    }

    private static void requireWord(String what, String text) {
        if (!isWord(text)) {
            throw new IllegalArgumentException(what + " '" + text + "' must be one word of printable ASCII without '='");
        }
    }

    /** Whether {@code text} matches the glob {@code pattern} ({@code *} any run, {@code ?} any one character). */
    static boolean globMatches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
