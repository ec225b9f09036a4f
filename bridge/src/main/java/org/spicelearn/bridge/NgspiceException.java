package org.spicelearn.bridge;

import java.util.List;
import java.util.Objects;
import org.spicelearn.circuit.SubstrateException;

/**
 * A failure reported by libngspice (as text on its error channel or through its exit callback), or
 * a command the bridge refused to send; carries the command and ngspice's own messages.
 */
public class NgspiceException extends SubstrateException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as ngspice's messages tell. */
    public enum Kind {
        /** No libngspice file could be found. */
        LIBRARY_NOT_FOUND,
        /** A libngspice file was found but could not be loaded or lacks functions. */
        LIBRARY_INVALID,
        /** The netlist was rejected ({@code Error on line}, {@code circuit not parsed}). */
        NETLIST_ERROR,
        /** The circuit matrix is singular (floating node, loop of voltage sources). */
        SINGULAR_MATRIX,
        /** Newton iteration failed ({@code doAnalyses: ...}, gmin or source stepping failed). */
        NO_CONVERGENCE,
        /** The transient time step collapsed ({@code Timestep too small}). */
        TIMESTEP_TOO_SMALL,
        /** Any other line ngspice reported as an error. */
        COMMAND_ERROR,
        /** An analysis was requested while no circuit is loaded. */
        NO_CIRCUIT,
        /** The bridge refused the command (too long, {@code quit}, wrong thread, closed session). */
        REFUSED,
        /** ngspice called its exit callback; the library instance was retired. */
        EXITED
    }

    private final Kind kind;
    private final String command;
    private final List<String> messages;

    /**
     * Creates the exception.
     *
     * @param kind     what went wrong
     * @param command  the command or netlist step that failed ({@code ""} when none)
     * @param messages ngspice's own lines about it
     */
    public NgspiceException(Kind kind, String command, List<String> messages) {
        super(describe(kind, command, messages));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.command = Objects.requireNonNull(command, "command");
        this.messages = List.copyOf(messages);
    }

    private static String describe(Kind kind, String command, List<String> messages) {
        StringBuilder sb = new StringBuilder("ngspice ").append(kind.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' '));
        if (!command.isEmpty()) {
            sb.append(" in '").append(command.length() > 200 ? command.substring(0, 200) + "..." : command).append('\'');
        }
        if (!messages.isEmpty()) {
            sb.append(": ").append(String.join(" | ", messages));
        }
        return sb.toString();
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The command or step that failed. */
    public String command() {
        return command;
    }

    /** ngspice's own messages about the failure. */
    public List<String> messages() {
        return messages;
    }
}
