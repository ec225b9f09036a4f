package org.spicelearn.netlist;

import java.util.Locale;

/**
 * The one naming authority for SPICE names: the canonical form of element and node names, the
 * hierarchical names ngspice gives to flattened subcircuit instances, how an element or node is
 * addressed in ngspice commands and vectors, the number format shared by every writer, and the
 * reserved names of auxiliary elements that a substrate adds (nudge and clamp sources).
 *
 * <p>Facts verified against ngspice 39.3 ({@code ngspice -b}):
 * <ul>
 *   <li>names are case-insensitive; ngspice prints them in lower case, so the canonical form is
 *       lower case ({@link #canonical(String)});</li>
 *   <li>{@code gnd} is a second name of ground {@code 0};</li>
 *   <li>an element {@code r2} inside instance {@code x1} (itself inside {@code xa}) becomes
 *       {@code r.xa.x1.r2}: its kind letter, a dot, the instance path, a dot, its local name
 *       ({@link #flattenedElement(String, String)}); a local node {@code n2} becomes {@code xa.x1.n2}
 *       ({@link #flattenedNode(String, String)}); such names are accepted unchanged in a flat netlist,
 *       in {@code alter} and in vector names ({@code v(x1.n2)}, {@code i(r.x1.v3)});</li>
 *   <li>after {@code op}, the plot holds one vector per node named by the bare node name
 *       ({@code x1.mid}) and one per voltage source or VCVS named {@code NAME#branch}.</li>
 * </ul>
 *
 * <p>Auxiliary elements: every name containing {@link #RESERVED_MARKER} ({@code __sl_}) belongs to
 * spicelearn. The parser refuses such names in user netlists and {@link NetlistWriter} refuses them
 * in circuits, so the names returned by {@link #auxiliaryElement(char, AuxiliaryRole, int)} and
 * {@link #auxiliaryNode(AuxiliaryRole, int)} never collide with user names.
 */
public final class SpiceNames {
    /** The marker that every auxiliary (spicelearn-owned) element and node name contains. */
    public static final String RESERVED_MARKER = "__sl_";
    /** The canonical name of the ground node. */
    public static final String GROUND = "0";

    /** Characters, besides lower-case ASCII letters and digits, allowed in addressable names. */
    private static final String ADDRESSABLE_EXTRA_CHARS = "_.:/-+&%|#";
    /** Printable ASCII characters no name may hold. */
    private static final String FORBIDDEN_CHARS = "=(),{}'\";$@*?\\`";

    private SpiceNames() {
    }

    /** What an auxiliary element or node added by a substrate is for. */
    public enum AuxiliaryRole {
        /** A source or conductance that nudges an output node toward its target. */
        NUDGE,
        /** A source that clamps an output node. */
        CLAMP,
        /** A source that drives an input. */
        INPUT;

        private String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The canonical (lower-case, {@code gnd} mapped to {@code 0}) form of a node name. */
    public static String canonicalNode(String name) {
        String c = canonical(name);
        return c.equals("gnd") ? GROUND : c;
    }

    /** The canonical (lower-case) form of an element, model, subcircuit or node name. */
    public static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code name} is a valid canonical element, model or subcircuit name, one that ngspice
     * commands can address ({@code alter}, {@code v()}, {@code i()}): non-empty, lower-case ASCII
     * letters, digits and {@code _ . : / - + & % | #}, not starting with {@code +} or {@code -}
     * (which SPICE reads as a sign or a continuation), not containing {@code #branch}. Measured on
     * ngspice 39.3: its command line treats {@code < > !} as redirection and history and
     * {@code [ ] ~} as indexing and expansion, so names holding them cannot be addressed there.
     */
    public static boolean isValid(String name) {
        return isValidNode(name) && name.chars().allMatch(ch -> ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9'
                || ADDRESSABLE_EXTRA_CHARS.indexOf(ch) >= 0);
    }

    /**
     * Whether {@code name} is a valid canonical node name: what an ngspice netlist holds as one node
     * token and prints back unchanged. That is {@link #isValid(String)} plus {@code < > ! ~ [ ]}
     * (xschem buses such as {@code a[3]}, {@code net<2>}); no white space, control or non-ASCII
     * characters, none of {@code = ( ) , { } ' " ; $ @ * ? \ `} (ngspice reads {@code Net-(R1)} as
     * the node {@code net-(r1}), not starting with {@code +} or {@code -}, not containing
     * {@code #branch}. Such nodes are read through their plot vectors ({@link #nodeVectorName}); only
     * those that are also {@link #isValid(String)} have a {@link #voltageExpression(String)}.
     */
    public static boolean isValidNode(String name) {
        if (name == null || name.isEmpty() || name.charAt(0) == '+' || name.charAt(0) == '-' || name.contains("#branch")) {
            return false;
        }
        return name.chars().allMatch(ch -> ch > ' ' && ch <= '~' && !(ch >= 'A' && ch <= 'Z') && FORBIDDEN_CHARS.indexOf(ch) < 0);
    }

    /** Whether {@code name} is reserved for auxiliary elements and nodes (contains {@link #RESERVED_MARKER}). */
    public static boolean isReserved(String name) {
        return canonical(name).contains(RESERVED_MARKER);
    }

    /**
     * The flattened name ngspice gives element {@code localName} of subcircuit instance path
     * {@code instancePath}: {@code flattenedElement("x1.x2", "r3")} is {@code r.x1.x2.r3}.
     *
     * @param instancePath the dotted instance names from the top, e.g. {@code x1} or {@code xa.x1}
     * @param localName    the element's name inside the subcircuit definition
     */
    public static String flattenedElement(String instancePath, String localName) {
        String local = canonical(localName);
        return local.charAt(0) + "." + canonical(instancePath) + "." + local;
    }

    /**
     * The flattened name ngspice gives the internal node {@code localNode} of instance path
     * {@code instancePath}: {@code flattenedNode("x1", "n2")} is {@code x1.n2}. Ground and global
     * nodes keep their names; this method is only for nodes local to the subcircuit.
     */
    public static String flattenedNode(String instancePath, String localNode) {
        return canonical(instancePath) + "." + canonical(localNode);
    }

    /**
     * The ngspice expression for the voltage of a node, e.g. {@code v(x1.n2)} (for {@code print},
     * {@code let}).
     *
     * @throws IllegalArgumentException when the node name is not {@link #isValid(String) addressable}
     *                                  in commands (read its vector, {@link #nodeVectorName}, instead)
     */
    public static String voltageExpression(String node) {
        String n = canonicalNode(node);
        if (!isValid(n)) {
            throw new IllegalArgumentException("node " + n + " cannot be addressed in ngspice commands; read its vector "
                    + nodeVectorName(n) + " instead");
        }
        return "v(" + n + ")";
    }

    /**
     * The ngspice expression for the branch current of a voltage source or VCVS, e.g. {@code i(v1)};
     * as in SPICE it is the current flowing from the plus node through the source to the minus node.
     */
    public static String currentExpression(String sourceName) {
        return "i(" + canonical(sourceName) + ")";
    }

    /** The name of a node's vector in an ngspice plot (the bare node name, e.g. {@code x1.mid}). */
    public static String nodeVectorName(String node) {
        return canonicalNode(node);
    }

    /** The name of a voltage source's branch-current vector in an ngspice plot, e.g. {@code v1#branch}. */
    public static String branchVectorName(String sourceName) {
        return canonical(sourceName) + "#branch";
    }

    /**
     * The ngspice command that sets an element's principal value: {@code alter r1=1000.0}
     * (ohms of a resistor, DC volts or amps of a source, farads of a capacitor). The value is written
     * by {@link #number(double)}; a negative value gives a leading minus, which ngspice's front end
     * parses as an operator (see NGSPICE.md on signal handlers).
     *
     * <p>No spaces around {@code =}: ngspice's {@code alter} splits a word holding {@code =} into the
     * same three words, so the command means exactly what {@code alter r1 = 1000.0} means, but its
     * front end copies, substitutes and frees every word of a command several times, and two words
     * fewer made an {@code alter} about 10% cheaper (libngspice 39.3, measured by
     * {@code spicelearn bench ngspice}).
     */
    public static String alterCommand(String elementName, double value) {
        return alterPrefix(elementName, null) + number(value);
    }

    /**
     * The {@code alter} command of an element up to its value: {@code alter r1=} for the principal
     * value ({@code parameter} null), {@code alter g1 gain=} for a named parameter.
     */
    public static String alterPrefix(String elementName, String parameter) {
        return "alter " + canonical(elementName) + (parameter == null ? "" : " " + parameter) + "=";
    }

    /**
     * The reserved name of auxiliary element number {@code index} of a role, e.g.
     * {@code auxiliaryElement('v', AuxiliaryRole.CLAMP, 0)} is {@code v__sl_clamp0}; never equal to
     * the name of any element of a parsed or written netlist.
     *
     * @param kindLetter the SPICE letter of the element ({@code v}, {@code i}, {@code g}, {@code r}, ...)
     */
    public static String auxiliaryElement(char kindLetter, AuxiliaryRole role, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("auxiliary index must be >= 0, got " + index);
        }
        return Character.toLowerCase(kindLetter) + RESERVED_MARKER + role.tag() + index;
    }

    /** The reserved name of auxiliary node number {@code index} of a role, e.g. {@code __sl_nudge0}. */
    public static String auxiliaryNode(AuxiliaryRole role, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("auxiliary index must be >= 0, got " + index);
        }
        return RESERVED_MARKER + role.tag() + index;
    }

    /**
     * A number as every spicelearn writer writes it: the shortest decimal that
     * {@link Double#parseDouble(String)} turns back into exactly {@code value}, exponent in lower case
     * ({@code 1000.0}, {@code 1.0e-4}, {@code -2.5}). ngspice reads it as the same number (to its own
     * parser's rounding).
     *
     * @throws IllegalArgumentException for NaN and infinities, which SPICE cannot express
     */
    public static String number(double value) {
        return appendNumber(new StringBuilder(24), value).toString();
    }

    /**
     * Appends {@link #number(double)} to {@code out} (no string made: the bridge writes its alters
     * this way) and returns {@code out}. The digits come from a Schubfach formatter, the algorithm of
     * JDK 19's {@code Double.toString}: JDK 17's is slower and not always the shortest ({@code 1.0e23},
     * not {@code 9.999999999999999e22}).
     *
     * @throws IllegalArgumentException for NaN and infinities, which SPICE cannot express
     */
    public static StringBuilder appendNumber(StringBuilder out, double value) {
        return ShortestDecimal.append(out, value);
    }
}
