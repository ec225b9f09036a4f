package org.spicelearn.netlist;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.spicelearn.circuit.Circuit;

/**
 * A netlist as the parser read it: the flattened circuit (trainable resistors already carrying
 * their bounds), the roles of its {@code *@spicelearn} lines, warnings, and the text it keeps
 * without interpreting it.
 *
 * @param circuit     the flattened, validated circuit (hierarchical names as ngspice gives them)
 * @param roles       roles declared in structured comments ({@link NetworkRoles#NONE} when none)
 * @param warnings    things read but ignored or approximated, each with file and line
 * @param directives  dot directives kept as text, in file order ({@code .options}, {@code .temp},
 *                    {@code .tran}, ...), lower case, continuation lines joined
 * @param controlText the lines of {@code .control} blocks (only when allowed), never run
 * @param sourceFile  the top netlist file, or {@code null} when parsed from text
 */
public record ParsedNetlist(Circuit circuit, NetworkRoles roles, List<NetlistProblem> warnings,
                            List<String> directives, List<String> controlText, Path sourceFile) {
    /** Copies the lists. */
    public ParsedNetlist {
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(roles, "roles");
        warnings = List.copyOf(warnings);
        directives = List.copyOf(directives);
        controlText = List.copyOf(controlText);
    }
}
