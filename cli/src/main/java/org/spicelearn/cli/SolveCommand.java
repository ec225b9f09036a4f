package org.spicelearn.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.spicelearn.bridge.NgspiceSubstrate;
import org.spicelearn.circuit.BehaviouralSource;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.SubstrateException;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.netlist.ParsedNetlist;
import org.spicelearn.netlist.SpiceNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code spicelearn solve FILE --substrate ideal|ngspice}: the DC operating point of a netlist as CSV, a
 * header {@code node,volts} then one line per node except ground, with ngspice's lower-case
 * hierarchical node names, sorted by name, values at full double precision (shortest decimal that
 * reads back as the same double).
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Print the DC operating point of a netlist as CSV lines node,volts (sorted, full precision).")
public final class SolveCommand implements Callable<Integer> {
    @Mixin
    private CheckCommand.NetlistFile netlist;

    @Option(names = "--substrate", defaultValue = "ideal", converter = SubstrateConverter.class,
            description = "which physics solves the circuit: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    private SubstrateKind substrate = SubstrateKind.IDEAL;

    @Spec
    private CommandSpec spec;

    /** The substrates {@code solve} can use. */
    public enum SubstrateKind {
        /** The exact digital physics of circuit-models ({@link IdealSubstrate}). */
        IDEAL,
        /** ngspice through its shared library ({@link NgspiceSubstrate}). */
        NGSPICE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reads {@code --substrate} values case-insensitively. */
    static final class SubstrateConverter implements ITypeConverter<SubstrateKind> {
        @Override
        public SubstrateKind convert(String value) {
            for (SubstrateKind k : SubstrateKind.values()) {
                if (k.name().equalsIgnoreCase(value)) {
                    return k;
                }
            }
            throw new TypeConversionException("unknown substrate '" + value + "' (expected one of "
                    + java.util.Arrays.toString(SubstrateKind.values()) + ")");
        }
    }

    @Override
    public Integer call() {
        ParsedNetlist p = netlist.parse();
        NodeVoltages volts = solve(p.circuit(), substrate);
        PrintWriter out = spec.commandLine().getOut();
        out.println("node,volts");
        csv(p.circuit(), volts).forEach((node, v) -> out.println(node + "," + SpiceNames.number(v)));
        out.flush();
        return Main.EXIT_OK;
    }

    /** The DC operating point on the chosen substrate; a circuit the substrate cannot hold is bad input. */
    static NodeVoltages solve(Circuit circuit, SubstrateKind kind) {
        if (kind == SubstrateKind.NGSPICE) {
            try (NgspiceSubstrate s = new NgspiceSubstrate(circuit)) {
                return s.settle();
            }
        }
        if (!circuit.elements(BehaviouralSource.class).isEmpty()) {
            throw new BadInputException("the " + kind + " substrate cannot simulate behavioural source "
                    + circuit.elements(BehaviouralSource.class).get(0).name() + " (B elements run only on ngspice)");
        }
        try (IdealSubstrate s = new IdealSubstrate(circuit)) {
            return s.settle();
        } catch (SubstrateException e) {
            throw new SubstrateException("the " + kind + " substrate could not solve " + circuit.title() + ": " + e.getMessage(), e);
        }
    }

    /** Node name to volts, sorted by name, ground left out. */
    static Map<String, Double> csv(Circuit circuit, NodeVoltages volts) {
        Map<String, Double> sorted = new TreeMap<>();
        for (int n = 1; n < circuit.nodeCount(); n++) {
            sorted.put(circuit.nodeName(n), volts.volts(n));
        }
        return sorted;
    }
}
