package org.spicelearn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.netlist.NetlistException;
import org.spicelearn.netlist.NetlistParser;
import org.spicelearn.netlist.NetworkRoles;
import org.spicelearn.netlist.ParseOptions;
import org.spicelearn.netlist.ParsedNetlist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spicelearn check FILE}: reads a netlist and prints a summary (nodes, elements by kind,
 * trainables, inputs, outputs, warnings); exit 0 when it is valid, 2 with every problem listed
 * ({@code FILE:LINE: message}) when it is not.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a SPICE netlist: print a summary, or every problem as FILE:LINE: message (exit 2).")
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    private NetlistFile netlist;

    @Spec
    private CommandSpec spec;

    /** The netlist argument and the options that allow more than plain data; shared by commands reading netlists. */
    public static final class NetlistFile {
        @Parameters(index = "0", paramLabel = "FILE", description = "the netlist (.cir) to read")
        Path file;

        @Option(names = "--allow-control",
                description = "keep .control blocks (as text, never run) instead of refusing the netlist")
        boolean allowControl;

        @Option(names = "--allow-outside-includes",
                description = "let .include/.lib reach files outside the netlist's directory tree")
        boolean allowOutsideIncludes;

        /** Parses the file; every problem becomes one {@link BadInputException} (exit 2). */
        public ParsedNetlist parse() {
            try {
                return NetlistParser.parse(file, new ParseOptions(allowControl, allowOutsideIncludes));
            } catch (NetlistException e) {
                int n = e.problems().size();
                throw new BadInputException(e.getMessage() + "\n" + file + ": " + n + (n == 1 ? " problem" : " problems"), e);
            }
        }
    }

    @Override
    public Integer call() {
        ParsedNetlist p = netlist.parse();
        PrintWriter out = spec.commandLine().getOut();
        summary(p, netlist.file).forEach(out::println);
        out.flush();
        return Main.EXIT_OK;
    }

    /** The summary lines of a valid netlist. */
    static List<String> summary(ParsedNetlist p, Path file) {
        Circuit c = p.circuit();
        NetworkRoles roles = p.roles();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Element e : c.elements()) {
            kinds.merge(kindName(e), 1, Integer::sum);
        }
        Map<ConductanceBounds, Integer> bounds = new LinkedHashMap<>();
        for (Resistor r : c.trainables()) {
            bounds.merge(r.bounds(), 1, Integer::sum);
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(file + ": valid");
        lines.add("title: " + c.title());
        lines.add("nodes: " + c.nodeCount() + " (ground included)");
        lines.add("elements: " + c.elements().size() + " (" + kinds.entrySet().stream()
                .map(k -> k.getValue() + " " + k.getKey()).collect(Collectors.joining(", ")) + ")");
        lines.add("trainables: " + c.trainables().size() + (bounds.isEmpty() ? "" : " (" + bounds.entrySet().stream()
                .map(b -> b.getValue() + " in [" + b.getKey().minSiemens() + ", " + b.getKey().maxSiemens() + "] S")
                .collect(Collectors.joining(", ")) + ")"));
        lines.add("inputs: " + roles.inputs().size() + (roles.inputs().isEmpty() ? "" : " (" + roles.inputs().stream()
                .map(i -> i.source() + "<-" + i.column()).collect(Collectors.joining(" ")) + ")"));
        lines.add("outputs: " + roles.outputs().size() + (roles.outputs().isEmpty() ? "" : " (" + roles.outputs().stream()
                .map(o -> o.node() + ":" + o.kind().name().toLowerCase(java.util.Locale.ROOT) + "=" + o.label())
                .collect(Collectors.joining(" ")) + ")"));
        if (roles.task() != null) {
            lines.add("task: " + roles.task().kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (roles.task().dataset().isEmpty() ? "" : " (" + roles.task().dataset() + ")"));
        }
        if (!p.controlText().isEmpty()) {
            lines.add("control block: " + p.controlText().size() + " lines kept as text, not run");
        }
        lines.add("warnings: " + p.warnings().size());
        p.warnings().forEach(w -> lines.add("  " + w));
        return lines;
    }

    private static String kindName(Element e) {
        String simple = e.getClass().getSimpleName();
        switch (simple) {
            case "Resistor": return "resistor";
            case "Diode": return "diode";
            case "VoltageSource": return "voltage source";
            case "CurrentSource": return "current source";
            case "Capacitor": return "capacitor";
            case "Vcvs": return "VCVS";
            case "Vccs": return "VCCS";
            default: return "behavioural source";
        }
    }
}
