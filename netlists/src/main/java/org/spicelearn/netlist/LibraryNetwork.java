package org.spicelearn.netlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.generate.CrossbarGenerator;
import org.spicelearn.circuit.generate.DisorderedNetworkGenerator;
import org.spicelearn.circuit.generate.DisorderedNetworkSpec;
import org.spicelearn.circuit.generate.LayeredNetworkGenerator;
import org.spicelearn.circuit.generate.LayeredNetworkSpec;

/**
 * The ready networks of {@code netlists/library/}: each is generated deterministically (fixed seed)
 * by the circuit-models generators and written, with its {@code *@spicelearn} roles, as a
 * self-contained netlist. Kendall's 1568-100-10 network is not shipped (157,800 resistors) but
 * generated on demand.
 *
 * <p>Regenerate the library (and its README table) with
 * {@code java -cp "cli/target/spicelearn.jar:cli/target/lib/*" org.spicelearn.netlist.LibraryNetwork netlists/library};
 * write Kendall's network with {@code ... org.spicelearn.netlist.LibraryNetwork DIR kendall-1568-100-10}.
 */
public enum LibraryNetwork {
    /** XOR: layered 2-4-1 (4 input nodes for +x and -x), Shockley diode pairs at the hidden nodes, bias pairs. */
    XOR("xor", true, "XOR of two inputs (regression on y in {0, 1})"),
    /** Iris: layered 4-10-3 with hidden diodes and bias, one output per species. */
    IRIS("iris-4-10-3", true, "Iris species, 3 classes"),
    /** Digits: layered 64-32-10 with hidden diodes and bias, one output per digit. */
    DIGITS("digits-64-32-10", true, "scikit-learn digits, 10 classes"),
    /** A 64-node disordered linear network: 3 inputs, 2 outputs, for linear regression. */
    DISORDERED_64("disordered-64", true, "linear regression, 3 inputs to 2 outputs"),
    /** An 8 x 8 resistive crossbar with loaded columns. */
    CROSSBAR_8X8("crossbar-8x8", true, "linear regression, 8 inputs to 8 outputs"),
    /** Kendall et al. 2020: layered 1568-100-10 (784 pixels as +x and -x) with hidden diodes; generated on demand. */
    KENDALL("kendall-1568-100-10", false, "MNIST-size images, 10 classes (generated on demand)");

    /** The seed every library network is generated with. */
    public static final long SEED = 1;

    private static final List<String> IRIS_COLUMNS = List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm");

    private final String fileStem;
    private final boolean shipped;
    private final String task;

    LibraryNetwork(String fileStem, boolean shipped, String task) {
        this.fileStem = fileStem;
        this.shipped = shipped;
        this.task = task;
    }

    /** The file name in the library, e.g. {@code iris-4-10-3.cir}. */
    public String fileName() {
        return fileStem + ".cir";
    }

    /** Whether the netlist is shipped in {@code netlists/library/} (false: generated on demand). */
    public boolean shipped() {
        return shipped;
    }

    /** One line saying what the network learns. */
    public String taskDescription() {
        return task;
    }

    /** The network with its roles, freshly generated. */
    public Generated generate() {
        switch (this) {
            case XOR:
                return layered(new int[] {4, 4, 1}, List.of("x1", "x2"), classes(0), "y",
                        NetworkRoles.TaskKind.REGRESSION, "xor");
            case IRIS:
                return layered(new int[] {8, 10, 3}, IRIS_COLUMNS, classes(3), null,
                        NetworkRoles.TaskKind.CLASSIFICATION, "iris");
            case DIGITS:
                return layered(new int[] {128, 32, 10}, numbered("p", 64), classes(10), null,
                        NetworkRoles.TaskKind.CLASSIFICATION, "digits");
            case KENDALL:
                return layered(new int[] {1568, 100, 10}, numbered("p", 784), classes(10), null,
                        NetworkRoles.TaskKind.CLASSIFICATION, "mnist");
            case DISORDERED_64: {
                DisorderedNetworkSpec spec = DisorderedNetworkSpec.of(64);
                Circuit c = DisorderedNetworkGenerator.generate(spec, SEED);
                return linear(c, spec.inputs(), spec.outputs());
            }
            default: {
                Circuit c = CrossbarGenerator.generate(8, 8, 1e4, SEED);
                return linear(c, 8, 8);
            }
        }
    }

    /**
     * A generated circuit and its roles, as the library writes them.
     *
     * @param circuit the circuit (title names the network)
     * @param roles   inputs, outputs and task
     */
    public record Generated(Circuit circuit, NetworkRoles roles) {
        /** The netlist text. */
        public String netlist() {
            return NetlistWriter.write(circuit, roles);
        }
    }

    private Generated layered(int[] sizes, List<String> columns, List<String> classes, String regressionColumn,
                                       NetworkRoles.TaskKind kind, String dataset) {
        LayeredNetworkSpec spec = LayeredNetworkSpec.of(sizes).withHiddenDiodes(LayeredNetworkSpec.DEFAULT_SHOCKLEY)
                .withBias(true, 1.0);
        Circuit c = retitled(LayeredNetworkGenerator.generate(spec, SEED));
        List<NetworkRoles.Input> inputs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            inputs.add(new NetworkRoles.Input("vin" + i + "p", columns.get(i), 1.0, 0.0));
            inputs.add(new NetworkRoles.Input("vin" + i + "n", columns.get(i), -1.0, 0.0));
        }
        List<NetworkRoles.Output> outputs = new ArrayList<>();
        if (regressionColumn != null) {
            outputs.add(new NetworkRoles.Output("out0", NetworkRoles.OutputKind.COLUMN, regressionColumn));
        }
        for (int k = 0; k < classes.size(); k++) {
            outputs.add(new NetworkRoles.Output("out" + k, NetworkRoles.OutputKind.CLASS, classes.get(k)));
        }
        return new Generated(c, new NetworkRoles(List.of(), inputs, outputs, new NetworkRoles.Task(kind, dataset)));
    }

    private Generated linear(Circuit generated, int inputCount, int outputCount) {
        Circuit c = retitled(generated);
        List<NetworkRoles.Input> inputs = new ArrayList<>();
        for (int i = 0; i < inputCount; i++) {
            inputs.add(new NetworkRoles.Input("vin" + i, "x" + i, 1.0, 0.0));
        }
        List<NetworkRoles.Output> outputs = new ArrayList<>();
        for (int k = 0; k < outputCount; k++) {
            outputs.add(new NetworkRoles.Output("out" + k, NetworkRoles.OutputKind.COLUMN, "y" + k));
        }
        return new Generated(c, new NetworkRoles(List.of(), inputs, outputs,
                new NetworkRoles.Task(NetworkRoles.TaskKind.REGRESSION, "linear")));
    }

    /** The circuit with the library name in front of the generator's title. */
    private Circuit retitled(Circuit generated) {
        Circuit.Builder b = Circuit.builder(fileStem + ": " + generated.title() + " (spicelearn library)");
        for (int i = 1; i < generated.nodeCount(); i++) {
            b.node(generated.nodeName(i));
        }
        generated.elements().forEach(b::add);
        return b.build();
    }

    private static List<String> classes(int count) {
        return numbered("", count);
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** The README table row: file, nodes (ground included), elements by kind, trainables, task. */
    public String readmeRow(Circuit c) {
        long resistors = c.elements(Resistor.class).size();
        long diodes = c.elements(Diode.class).size();
        long sources = c.elements(VoltageSource.class).size();
        long other = c.elements().size() - resistors - diodes - sources;
        return "| `" + fileName() + "` | " + c.nodeCount() + " | " + c.elements().size() + " (" + resistors + " R, "
                + diodes + " D, " + sources + " V" + (other == 0 ? "" : ", " + other + " other") + ") | "
                + c.trainables().size() + " | " + task + " |";
    }

    /** The network named by its file stem (e.g. {@code iris-4-10-3}) or enum name, case-insensitive. */
    public static LibraryNetwork byName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceFirst("\\.cir$", "");
        for (LibraryNetwork l : values()) {
            if (l.fileStem.equals(n) || l.name().toLowerCase(Locale.ROOT).equals(n)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no library network named " + name);
    }

    /**
     * Writes the shipped networks and {@code README.md} into {@code args[0]}; with further arguments,
     * writes only the named networks (e.g. {@code kendall-1568-100-10}).
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: LibraryNetwork DIR [NAME ...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        if (args.length > 1) {
            for (int i = 1; i < args.length; i++) {
                LibraryNetwork l = byName(args[i]);
                Files.writeString(dir.resolve(l.fileName()), l.generate().netlist(), StandardCharsets.UTF_8);
                System.out.println("wrote " + dir.resolve(l.fileName()));
            }
            return;
        }
        StringBuilder table = new StringBuilder();
        for (LibraryNetwork l : values()) {
            Generated parts = l.generate();
            if (l.shipped()) {
                Files.writeString(dir.resolve(l.fileName()), parts.netlist(), StandardCharsets.UTF_8);
                System.out.println("wrote " + dir.resolve(l.fileName()));
            }
            table.append(l.readmeRow(parts.circuit())).append('\n');
        }
        Files.writeString(dir.resolve("README.md"), readme(table.toString()), StandardCharsets.UTF_8);
    }

    /** The library README around the generated table. */
    static String readme(String table) {
        return "# spicelearn network library\n\n"
                + "Ready netlists, each self-contained: valid SPICE for ngspice, with `*@spicelearn` lines naming\n"
                + "the trainable resistors (and their conductance bounds), the input sources (data column, scale)\n"
                + "and the output nodes (class or column). Generated, never edited by hand; regenerate with\n\n"
                + "    mvn -B -q -o -pl cli install -DskipTests   # builds cli/target/lib\n"
                + "    java -cp \"cli/target/spicelearn.jar:cli/target/lib/*\" org.spicelearn.netlist.LibraryNetwork netlists/library\n\n"
                + "(seed " + SEED + "; the same command always writes the same bytes, a test checks it). Kendall's\n"
                + "1568-100-10 network is generated on demand, not shipped:\n\n"
                + "    java -cp \"cli/target/spicelearn.jar:cli/target/lib/*\" org.spicelearn.netlist.LibraryNetwork /tmp kendall-1568-100-10\n\n"
                + "Layered networks: input variable `i` drives sources `vin{i}p` (+x) and `vin{i}n` (-x); hidden\n"
                + "nodes `h{l}_{j}` carry a Shockley diode pair to `dhi` (+0.5 V) and from `dlo` (-0.5 V); every\n"
                + "receiving layer has a bias pair `vb{l}p`/`vb{l}n` (+/-1 V); outputs are `out{k}`. Disordered\n"
                + "and crossbar networks: inputs `vin{i}`, outputs `out{k}`. Nodes count ground.\n\n"
                + "| file | nodes | elements | trainables | task |\n|---|---|---|---|---|\n" + table;
    }
}
