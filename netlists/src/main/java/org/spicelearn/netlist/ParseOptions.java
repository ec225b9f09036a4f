package org.spicelearn.netlist;

/**
 * What the parser may accept beyond plain data. A netlist is data: by default the parser refuses
 * {@code .control} blocks, {@code shell} lines and {@code *ng_script} files (anything that would
 * make ngspice run commands), and {@code .include}/{@code .lib} files outside the directory tree of
 * the top netlist.
 *
 * @param allowControl          keep {@code .control ... .endc} blocks (as text, never run) instead of refusing them
 * @param allowOutsideIncludes  allow {@code .include} and {@code .lib} to reach files outside the top netlist's tree
 */
public record ParseOptions(boolean allowControl, boolean allowOutsideIncludes) {
    /** The safe defaults: no control blocks, includes only inside the netlist's directory tree. */
    public static final ParseOptions DEFAULT = new ParseOptions(false, false);

    /** A copy with {@code allowControl} set. */
    public ParseOptions withAllowControl(boolean allow) {
        return new ParseOptions(allow, allowOutsideIncludes);
    }

    /** A copy with {@code allowOutsideIncludes} set. */
    public ParseOptions withAllowOutsideIncludes(boolean allow) {
        return new ParseOptions(allowControl, allow);
    }
}
