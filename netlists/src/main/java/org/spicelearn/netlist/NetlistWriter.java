package org.spicelearn.netlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spicelearn.circuit.BehaviouralSource;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.CurrentSource;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Units;
import org.spicelearn.circuit.Vccs;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.Waveform;

/**
 * Writes a circuit (with its present conductances) as a flat SPICE netlist that ngspice 39.3 loads
 * unchanged and that {@link NetlistParser} reads back to an equal circuit:
 * {@code parse(write(c)).circuit().equals(c)}.
 *
 * <p>Layout, always in this order so that equal circuits give equal text: the title; a comment
 * line; {@code *@spicelearn} role lines (node order when it differs from first use, trainable
 * resistors grouped by bounds, ideal diode models, task, inputs, outputs); one line per element
 * in circuit order; one {@code .model} line per diode model in order of first use; any extra
 * lines; {@code .end}. Numbers use {@link SpiceNames#number(double)} (exact round trip).
 *
 * <p>Ideal diodes have no SPICE form. They are written as a {@code .model NAME D(IS=.. N=..)}
 * Shockley approximation that ngspice can simulate, plus a {@code *@spicelearn ideal-diode NAME
 * threshold=V} line from which the parser restores the ideal law ({@link #idealApproximation}): a
 * knee as sharp as ngspice allows carrying {@value #IDEAL_APPROX_KNEE_AMPS} A at the threshold,
 * with reverse leakage at most {@value #IDEAL_APPROX_MAX_LEAK_AMPS} A; thresholds below about 5 mV
 * get their knee at about 5 mV. ngspice results for such circuits are close to, not equal to, the
 * ideal physics (measured in the oracle test). Negative thresholds are refused.
 *
 * <p>The writer never writes control blocks: whatever it writes is data. It refuses (with an
 * {@link IllegalArgumentException} naming the element) names that ngspice could not address or
 * that are reserved ({@link SpiceNames#isReserved(String)}), elements whose name does not start
 * with their SPICE letter, behavioural expressions holding comment or line-break characters,
 * titles that would turn the file into an ngspice script, a DC waveform whose value differs
 * from the source's DC value, and roles naming inputs that are not voltage sources or outputs that
 * are not nodes of the circuit.
 */
public final class NetlistWriter {
    /** Smallest emission coefficient of the Shockley approximation written for ideal diodes. */
    public static final double IDEAL_APPROX_MIN_EMISSION = 0.01;
    /** Current of the Shockley approximation at the ideal diode's threshold, in amps. */
    public static final double IDEAL_APPROX_KNEE_AMPS = 1e-4;
    /** Largest reverse (saturation) current of the Shockley approximation, in amps. */
    public static final double IDEAL_APPROX_MAX_LEAK_AMPS = 1e-12;
    /**
     * Smallest saturation current written, in amps: ngspice 39.3 treats any smaller IS as about
     * 1e-28 A (measured: IS = 1e-30 and 1e-100 give the same operating point as 1e-28).
     */
    public static final double IDEAL_APPROX_MIN_SATURATION_AMPS = 1e-27;
    /** The prefix of structured comment lines. */
    public static final String ROLE_PREFIX = "*@spicelearn";

    private static final int ROLE_LINE_CHARS = 200;

    private NetlistWriter() {
    }

    /** The netlist of {@code circuit}, with its trainable resistors and no other roles. */
    public static String write(Circuit circuit) {
        return write(circuit, NetworkRoles.NONE);
    }

    /**
     * The netlist of {@code circuit} with the inputs, outputs and task of {@code roles}; trainable
     * resistors are always written from the circuit itself (the patterns of {@code roles} are not
     * written, as they may disagree with the circuit).
     */
    public static String write(Circuit circuit, NetworkRoles roles) {
        return String.join("\n", lines(circuit, roles, List.of())) + "\n";
    }

    /**
     * The netlist as lines (no line terminators), as {@code ngSpice_Circ} takes them; the
     * {@code extraLines} (e.g. a bridge's auxiliary sources or {@code .options}) go just before
     * {@code .end} and are not checked.
     */
    public static List<String> lines(Circuit circuit, NetworkRoles roles, List<String> extraLines) {
        checkTitle(circuit.title());
        List<String> out = new ArrayList<>();
        out.add(circuit.title());
        out.add("* written by spicelearn: " + (circuit.nodeCount() - 1) + " nodes besides ground, "
                + circuit.elements().size() + " elements, " + circuit.trainables().size() + " trainable");
        nodeOrderLine(circuit, out);
        trainableLines(circuit, out);
        Map<String, DiodeModel> models = diodeModels(circuit);
        for (DiodeModel m : models.values()) {
            if (m instanceof DiodeModel.Ideal ideal) {
                out.add(ROLE_PREFIX + " ideal-diode " + ideal.modelName() + " threshold=" + SpiceNames.number(ideal.thresholdVolts()));
            }
        }
        roleLines(circuit, roles, out);
        for (Element e : circuit.elements()) {
            out.add(elementLine(circuit, e));
        }
        for (DiodeModel m : models.values()) {
            modelLines(m, out);
        }
        out.addAll(extraLines);
        out.add(".end");
        return out;
    }

    /** The SPICE line of one element of {@code circuit} (node names from the circuit). */
    public static String elementLine(Circuit circuit, Element e) {
        checkName(e.name(), e);
        char letter = kindLetter(e);
        if (e.name().charAt(0) != letter) {
            throw new IllegalArgumentException("element " + e.name() + " must have a name starting with '" + letter + "'");
        }
        StringBuilder sb = new StringBuilder(e.name());
        for (int node : e.nodes()) {
            String name = circuit.nodeName(node);
            checkNode(name, e);
            sb.append(' ').append(name);
        }
        sb.append(' ');
        if (e instanceof Resistor r) {
            sb.append(SpiceNames.number(r.ohms()));
        } else if (e instanceof Capacitor c) {
            sb.append(SpiceNames.number(c.farads()));
        } else if (e instanceof VoltageSource v) {
            source(sb, v.name(), v.dcVolts(), v.waveform());
        } else if (e instanceof CurrentSource i) {
            source(sb, i.name(), i.dcAmps(), i.waveform());
        } else if (e instanceof Diode d) {
            sb.append(d.model().modelName());
        } else if (e instanceof Vcvs x) {
            sb.append(SpiceNames.number(x.gain()));
        } else if (e instanceof Vccs g) {
            sb.append(SpiceNames.number(g.transconductanceSiemens()));
        } else if (e instanceof BehaviouralSource b) {
            sb.append(checkExpression(b));
        }
        return sb.toString();
    }

    /** The SPICE letter of an element kind. */
    static char kindLetter(Element e) {
        if (e instanceof Resistor) {
            return 'r';
        } else if (e instanceof Capacitor) {
            return 'c';
        } else if (e instanceof VoltageSource) {
            return 'v';
        } else if (e instanceof CurrentSource) {
            return 'i';
        } else if (e instanceof Diode) {
            return 'd';
        } else if (e instanceof Vcvs) {
            return 'e';
        } else if (e instanceof Vccs) {
            return 'g';
        }
        return 'b';
    }

    /**
     * The Shockley law written for ngspice in place of an ideal diode: emission coefficient
     * {@code N = max(0.01, threshold / (Vt ln(1e-4 / 1e-27)))} and saturation current
     * {@code IS = 1e-4 * exp(-threshold / (N Vt))} kept within [1e-27, 1e-12] A, so that it carries
     * 1e-4 A at the threshold: the knee is as sharp as ngspice allows (about 0.6 mV per decade for
     * thresholds up to 14 mV, 4.2 % of the threshold per decade above).
     *
     * @throws IllegalArgumentException for a negative threshold, which no Shockley law approximates
     */
    public static DiodeModel.Shockley idealApproximation(DiodeModel.Ideal ideal) {
        double threshold = ideal.thresholdVolts();
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("ideal diode model " + ideal.modelName() + " has threshold " + threshold
                    + " V; only thresholds >= 0 have a Shockley approximation for ngspice");
        }
        double vt = Units.THERMAL_VOLTAGE_VOLTS;
        double n = Math.max(IDEAL_APPROX_MIN_EMISSION,
                threshold / (vt * Math.log(IDEAL_APPROX_KNEE_AMPS / IDEAL_APPROX_MIN_SATURATION_AMPS)));
        double is = Math.max(IDEAL_APPROX_MIN_SATURATION_AMPS,
                Math.min(IDEAL_APPROX_KNEE_AMPS * Math.exp(-threshold / (n * vt)), IDEAL_APPROX_MAX_LEAK_AMPS));
        return new DiodeModel.Shockley(ideal.modelName(), is, n);
    }

    private static void source(StringBuilder sb, String name, double dc, Waveform w) {
        sb.append("dc ").append(SpiceNames.number(dc));
        if (w instanceof Waveform.Dc d) {
            if (Double.compare(d.value(), dc) != 0) {
                throw new IllegalArgumentException("source " + name + " has DC value " + dc
                        + " but a constant waveform of " + d.value() + ", which SPICE cannot express");
            }
        } else if (w instanceof Waveform.Pulse p) {
            sb.append(" pulse(").append(numbers(p.v1(), p.v2(), p.delaySeconds(), p.riseSeconds(), p.fallSeconds(),
                    p.widthSeconds(), p.periodSeconds())).append(')');
        } else if (w instanceof Waveform.Pwl p) {
            double[] t = p.timesSeconds();
            double[] v = p.values();
            double[] pairs = new double[2 * t.length];
            for (int k = 0; k < t.length; k++) {
                pairs[2 * k] = t[k];
                pairs[2 * k + 1] = v[k];
            }
            sb.append(" pwl(").append(numbers(pairs)).append(')');
        } else if (w instanceof Waveform.Sin s) {
            sb.append(" sin(").append(numbers(s.offset(), s.amplitude(), s.frequencyHertz(), s.delaySeconds(),
                    s.dampingPerSecond())).append(')');
        }
    }

    private static String numbers(double... values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(SpiceNames.number(v));
        }
        return sb.toString();
    }

    /** Writes {@code *@spicelearn nodes ...} when node indices differ from the order of first use. */
    private static void nodeOrderLine(Circuit circuit, List<String> out) {
        List<String> firstUse = new ArrayList<>();
        boolean[] seen = new boolean[circuit.nodeCount()];
        seen[Circuit.GROUND] = true;
        for (Element e : circuit.elements()) {
            for (int n : e.nodes()) {
                if (!seen[n]) {
                    seen[n] = true;
                    firstUse.add(circuit.nodeName(n));
                }
            }
        }
        List<String> indexed = circuit.nodeNames().subList(1, circuit.nodeCount());
        if (!firstUse.equals(indexed)) {
            indexed.forEach(n -> checkNode(n, null));
            packed(ROLE_PREFIX + " nodes", indexed, "", out);
        }
    }

    private static void trainableLines(Circuit circuit, List<String> out) {
        Map<ConductanceBounds, List<String>> groups = new LinkedHashMap<>();
        for (Resistor r : circuit.trainables()) {
            groups.computeIfAbsent(r.bounds(), b -> new ArrayList<>()).add(r.name());
        }
        int resistors = circuit.elements(Resistor.class).size();
        for (Map.Entry<ConductanceBounds, List<String>> g : groups.entrySet()) {
            String bounds = " gmin=" + SpiceNames.number(g.getKey().minSiemens())
                    + " gmax=" + SpiceNames.number(g.getKey().maxSiemens());
            if (groups.size() == 1 && g.getValue().size() == resistors) {
                out.add(ROLE_PREFIX + " trainable *" + bounds);
            } else {
                packed(ROLE_PREFIX + " trainable", g.getValue(), bounds, out);
            }
        }
    }

    /** Writes {@code head name name ... tail} lines of at most about {@value #ROLE_LINE_CHARS} characters. */
    private static void packed(String head, List<String> names, String tail, List<String> out) {
        StringBuilder sb = new StringBuilder(head);
        for (String n : names) {
            if (sb.length() > head.length() && sb.length() + n.length() + tail.length() > ROLE_LINE_CHARS) {
                out.add(sb + tail);
                sb = new StringBuilder(head);
            }
            sb.append(' ').append(n);
        }
        out.add(sb + tail);
    }

    private static void roleLines(Circuit circuit, NetworkRoles roles, List<String> out) {
        if (roles.task() != null) {
            String dataset = roles.task().dataset().isEmpty() ? "" : " dataset=" + checkWord(roles.task().dataset());
            out.add(ROLE_PREFIX + " task " + roles.task().kind().name().toLowerCase(Locale.ROOT) + dataset);
        }
        for (NetworkRoles.Input in : roles.inputs()) {
            if (!circuit.hasElement(in.source()) || !(circuit.element(in.source()) instanceof VoltageSource)) {
                throw new IllegalArgumentException("input role names " + in.source() + ", which is not a voltage source of the circuit");
            }
            out.add(ROLE_PREFIX + " input " + in.source() + " column=" + checkWord(in.column())
                    + " scale=" + SpiceNames.number(in.scaleVoltsPerUnit()) + " offset=" + SpiceNames.number(in.offsetVolts()));
        }
        for (NetworkRoles.Output o : roles.outputs()) {
            if (!circuit.hasNode(o.node()) || o.node().equals(SpiceNames.GROUND)) {
                throw new IllegalArgumentException("output role names " + o.node() + ", which is not a node of the circuit");
            }
            out.add(ROLE_PREFIX + " output " + o.node() + " " + o.kind().name().toLowerCase(Locale.ROOT) + "=" + checkWord(o.label()));
        }
    }

    private static Map<String, DiodeModel> diodeModels(Circuit circuit) {
        Map<String, DiodeModel> models = new LinkedHashMap<>();
        for (Diode d : circuit.elements(Diode.class)) {
            DiodeModel m = d.model();
            checkName(m.modelName(), d);
            DiodeModel previous = models.putIfAbsent(m.modelName(), m);
            if (previous != null && !previous.equals(m)) {
                throw new IllegalArgumentException("diode model name " + m.modelName() + " is used for two different laws: "
                        + previous + " and " + m);
            }
        }
        return models;
    }

    private static void modelLines(DiodeModel m, List<String> out) {
        DiodeModel.Shockley law;
        if (m instanceof DiodeModel.Shockley s) {
            law = s;
        } else {
            DiodeModel.Ideal ideal = (DiodeModel.Ideal) m;
            law = idealApproximation(ideal);
            out.add("* " + m.modelName() + " is an ideal diode (threshold " + SpiceNames.number(ideal.thresholdVolts())
                    + " V); ngspice simulates this Shockley approximation of it");
        }
        out.add(".model " + m.modelName() + " D(IS=" + SpiceNames.number(law.saturationCurrentAmps())
                + " N=" + SpiceNames.number(law.emissionCoefficient()) + ")");
    }

    private static void checkTitle(String title) {
        if (title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the title must be one line");
        }
        if (title.strip().toLowerCase(Locale.ROOT).startsWith("*ng_script")) {
            throw new IllegalArgumentException("a title starting with *ng_script would make ngspice run the file as a script");
        }
    }

    private static void checkNode(String name, Element e) {
        if (!SpiceNames.isValidNode(name)) {
            throw new IllegalArgumentException("node name '" + name + "'" + (e == null ? "" : " (element " + e.name() + ")")
                    + " is not a valid SPICE node name");
        }
        checkReserved(name, e);
    }

    private static void checkName(String name, Element e) {
        if (!SpiceNames.isValid(name)) {
            throw new IllegalArgumentException("name '" + name + "'" + (e == null ? "" : " (element " + e.name() + ")")
                    + " is not a valid SPICE name");
        }
        checkReserved(name, e);
    }

    private static void checkReserved(String name, Element e) {
        String where = e == null ? "" : " (element " + e.name() + ")";
        if (SpiceNames.isReserved(name)) {
            throw new IllegalArgumentException("name '" + name + "'" + where + " is reserved for spicelearn's auxiliary elements");
        }
    }

    /** A role value (column, label, data set name): one word with no characters a comment line could not hold. */
    private static String checkWord(String word) {
        if (!NetworkRoles.isWord(word)) {
            throw new IllegalArgumentException("role value '" + word + "' must be one printable word without '='");
        }
        return word;
    }

    private static String checkExpression(BehaviouralSource b) {
        String x = b.expression();
        if (x.chars().anyMatch(ch -> ch < ' ' || ch == ';' || ch == '$' || ch > '~')) {
            throw new IllegalArgumentException("behavioural source " + b.name()
                    + " has an expression with line breaks, control or comment characters");
        }
        return x;
    }
}
