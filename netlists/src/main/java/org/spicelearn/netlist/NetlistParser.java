package org.spicelearn.netlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spicelearn.circuit.BehaviouralSource;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.CircuitValidationException;
import org.spicelearn.circuit.CurrentSource;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Vccs;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.Waveform;

/**
 * Reads ngspice netlists into {@link ParsedNetlist}s: the flattened {@link Circuit} with ngspice's
 * hierarchical names, the {@code *@spicelearn} roles, warnings and kept text.
 *
 * <p>The dialect: title line; {@code *} comment lines, {@code ;} and {@code $} inline comments;
 * {@code +} continuations; case-insensitive names; numbers as {@link SpiceNumbers} reads them;
 * elements R, C, V, I (DC value; PULSE, PWL, SIN kept), D with {@code .model NAME D(IS= N=)} (other
 * model parameters ignored with a warning), linear E and G, B (kept verbatim for ngspice), X
 * instances of {@code .subckt}/{@code .ends} definitions (with {@code params:}), flattened as ngspice
 * names them ({@link SpiceNames}); {@code .param} with {@code {expressions}} or {@code 'expressions'}
 * ({@link Expression}); {@code .include} and {@code .lib FILE SECTION} relative to the including
 * file; {@code .model}, {@code .options}, {@code .temp}, analysis and output directives kept as text;
 * {@code .global}; {@code .end}; {@code .control} blocks kept as text (only when allowed), never run.
 * Models are global wherever they are defined.
 *
 * <p>Errors: every problem is collected, located by file and line, and thrown at the end as one
 * {@link NetlistException}. No other exception leaves this class: an unexpected failure while
 * reading a card becomes a problem located at that card. Limits that keep a hostile file from
 * hanging the parser: {@value #MAX_ELEMENTS} flattened elements, subcircuits nested
 * {@value #MAX_SUBCKT_DEPTH} deep, includes nested 32 deep, expressions nested 100 deep.
 */
public final class NetlistParser {
    /** The largest number of elements a flattened netlist may have. */
    public static final int MAX_ELEMENTS = 2_000_000;
    /** The deepest subcircuit nesting accepted. */
    public static final int MAX_SUBCKT_DEPTH = 50;

    /** Saturation currents below this behave in ngspice 39.3 as this value (measured). */
    private static final double NGSPICE_MIN_SATURATION_AMPS = 1e-28;
    private static final Pattern ASSIGNMENT = Pattern.compile("([a-z_][a-z0-9_]*)\\s*=(?!=)");
    private static final Pattern NODE_REFERENCE = Pattern.compile("\\b([vi])\\(\\s*([^,()\\s]+)\\s*(?:,\\s*([^,()\\s]+)\\s*)?\\)");
    private static final Set<String> KEPT_DIRECTIVES = Set.of(".op", ".dc", ".ac", ".tran", ".noise", ".tf", ".sens",
            ".disto", ".pz", ".save", ".print", ".plot", ".probe", ".meas", ".measure", ".four", ".ic", ".nodeset",
            ".width", ".title", ".options", ".option", ".opt", ".temp", ".csparam", ".func");
    private static final Set<String> NONLINEAR_FORMS = Set.of("value", "vol", "cur", "poly", "table", "laplace", "freq");
    private static final Map<Character, String> UNSUPPORTED = Map.ofEntries(
            Map.entry('l', "inductor"), Map.entry('k', "coupled inductors"), Map.entry('q', "bipolar transistor"),
            Map.entry('m', "MOSFET"), Map.entry('j', "JFET"), Map.entry('z', "MESFET"), Map.entry('s', "voltage switch"),
            Map.entry('w', "current switch"), Map.entry('t', "transmission line"), Map.entry('o', "lossy line"),
            Map.entry('u', "RC line"), Map.entry('y', "transmission line"), Map.entry('f', "current-controlled current source"),
            Map.entry('h', "current-controlled voltage source"), Map.entry('a', "XSPICE code model"),
            Map.entry('n', "OSDI device"), Map.entry('p', "coupled line"));

    private final ParseOptions options;
    private final String topName;
    private final List<NetlistProblem> errors = new ArrayList<>();
    private final List<NetlistProblem> warnings = new ArrayList<>();
    private final List<String> directives = new ArrayList<>();
    private final Map<String, Subckt> subckts = new HashMap<>();
    private final Map<String, ModelDef> models = new LinkedHashMap<>();
    private final Map<String, DiodeModel> diodeModels = new HashMap<>();
    private final Set<String> globalNodes = new HashSet<>();
    private final Map<String, Double> globalParams = new HashMap<>();
    private final RoleReader roles;
    private Circuit.Builder builder;
    private final Map<String, Card> elementCards = new HashMap<>();
    private final Map<String, Card> nodeCards = new HashMap<>();
    private final List<Element> elements = new ArrayList<>();
    private Card current;

    private NetlistParser(ParseOptions options, String topName) {
        this.options = options;
        this.topName = topName;
        this.roles = new RoleReader(errors);
    }

    /** Parses a netlist file with the safe {@link ParseOptions#DEFAULT} options. */
    public static ParsedNetlist parse(Path file) throws NetlistException {
        return parse(file, ParseOptions.DEFAULT);
    }

    /**
     * Parses a netlist file; includes resolve relative to the including file and, unless allowed,
     * stay inside the directory holding {@code file}.
     *
     * @throws NetlistException listing every problem, each with file and line
     */
    public static ParsedNetlist parse(Path file, ParseOptions options) throws NetlistException {
        String text;
        Path real;
        try {
            real = file.toRealPath();
            if (!Files.isRegularFile(real)) {
                throw new NetlistException(List.of(new NetlistProblem(file.toString(), 0, "not a regular file")));
            }
            text = new String(Files.readAllBytes(real), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException | java.nio.file.InvalidPathException e) {
            throw new NetlistException(List.of(new NetlistProblem(file.toString(), 0, "cannot read the netlist: " + e)));
        }
        return run(text, file.toString(), real.getParent(), real.toString(), options, file);
    }

    /** Parses netlist text that has no file; includes are refused. */
    public static ParsedNetlist parse(String text) throws NetlistException {
        return parse(text, "<string>", null, ParseOptions.DEFAULT);
    }

    /**
     * Parses netlist text.
     *
     * @param text        the netlist; its first line is the title
     * @param displayName the name problems are reported under
     * @param directory   the directory includes resolve against (and may not leave unless allowed),
     *                    or {@code null} to refuse includes
     * @param options     what is allowed beyond plain data
     * @throws NetlistException listing every problem, each with file and line
     */
    public static ParsedNetlist parse(String text, String displayName, Path directory, ParseOptions options)
            throws NetlistException {
        return run(text, displayName, directory, "<text>" + displayName, options, null);
    }

    private static ParsedNetlist run(String text, String displayName, Path directory, String identity,
                                     ParseOptions options, Path file) throws NetlistException {
        NetlistParser p = new NetlistParser(options, displayName);
        ParsedNetlist result = null;
        try {
            result = p.parseText(text, directory, identity, file);
        } catch (RuntimeException | StackOverflowError e) {
            Card at = p.current == null ? new Card(displayName, 0, "") : p.current;
            p.errors.add(at.problem("internal error while reading this line: " + e));
        }
        if (!p.errors.isEmpty()) {
            throw new NetlistException(sorted(p.errors, displayName));
        }
        return new ParsedNetlist(result.circuit(), result.roles(), sorted(result.warnings(), displayName),
                result.directives(), result.controlText(), result.sourceFile());
    }

    /** Problems of the top file first, then by file name and line, keeping the order of equal places. */
    private static List<NetlistProblem> sorted(List<NetlistProblem> problems, String top) {
        List<NetlistProblem> out = new ArrayList<>(problems);
        out.sort((a, b) -> {
            int fa = a.file().equals(top) ? 0 : 1;
            int fb = b.file().equals(top) ? 0 : 1;
            if (fa != fb) {
                return Integer.compare(fa, fb);
            }
            int f = a.file().compareTo(b.file());
            return f != 0 ? f : Integer.compare(a.line(), b.line());
        });
        return out;
    }

    private ParsedNetlist parseText(String text, Path directory, String identity, Path file) {
        SourceReader reader = new SourceReader(options, directory, errors);
        reader.readTop(topName, text, identity);
        roles.read(reader.roleCards);
        List<Card> top = collectDefinitions(reader.cards);
        evaluateParams(top, globalParams);
        readModels();
        builder = Circuit.builder(reader.title);
        for (Card n : roles.nodeOrder) {
            current = n;
            for (String name : n.text().split("\\s+")) {
                try {
                    node(n, name, "", Map.of());
                } catch (LineError e) {
                    errors.add(n.problem(e.getMessage()));
                }
            }
        }
        elaborate(top, "", Map.of(), globalParams, new ArrayList<>());
        if (elements.isEmpty() && errors.isEmpty()) {
            errors.add(new NetlistProblem(topName, 1, "the netlist has no elements"));
        }
        roles.checkUnused();
        NetworkRoles networkRoles = roles.networkRoles(elements, nodeCards.keySet());
        if (!errors.isEmpty()) {
            return null;
        }
        elements.forEach(builder::add);
        try {
            return new ParsedNetlist(builder.build(), networkRoles, warnings, directives, reader.controlText, file);
        } catch (CircuitValidationException e) {
            e.problems().forEach(this::locate);
            return null;
        }
    }

    /** Locates a circuit validation problem at the card of the element or node it names. */
    private void locate(String message) {
        String[] words = message.split(" ");
        Card card = null;
        if (words.length > 1 && words[0].equals("node")) {
            card = nodeCards.get(words[1]);
        } else if (words.length > 0) {
            card = elementCards.get(words[0]);
        }
        errors.add(card == null ? new NetlistProblem(topName, 1, message) : card.problem(message));
    }

    // ---------------------------------------------------------------- definitions and directives

    /** A subcircuit definition. */
    private record Subckt(String name, List<String> ports, Map<String, String> defaults, List<Card> body, Card header) {
    }

    /** A {@code .model} line. */
    private record ModelDef(String name, String type, Map<String, String> params, Card card) {
    }

    /** Takes {@code .subckt}, {@code .model}, {@code .global} and directives out; returns the top-level cards. */
    private List<Card> collectDefinitions(List<Card> cards) {
        List<Card> top = new ArrayList<>();
        List<List<Card>> bodies = new ArrayList<>();
        List<Card> headers = new ArrayList<>();
        for (Card card : cards) {
            current = card;
            String lower = card.text().toLowerCase(Locale.ROOT);
            String word = lower.split("[\\s(]+", 2)[0];
            List<Card> target = bodies.isEmpty() ? top : bodies.get(bodies.size() - 1);
            switch (word) {
                case ".subckt":
                    headers.add(card);
                    bodies.add(new ArrayList<>());
                    break;
                case ".ends":
                    if (bodies.isEmpty()) {
                        errors.add(card.problem(".ends without .subckt"));
                    } else {
                        defineSubckt(headers.remove(headers.size() - 1), bodies.remove(bodies.size() - 1));
                    }
                    break;
                case ".model":
                    defineModel(card);
                    break;
                case ".global":
                    for (String n : lower.split("\\s+")) {
                        if (!n.equals(".global")) {
                            globalNodes.add(SpiceNames.canonicalNode(n));
                        }
                    }
                    break;
                case ".param":
                    target.add(card);
                    break;
                default:
                    if (word.startsWith(".")) {
                        directive(card, word, lower);
                    } else {
                        target.add(card);
                    }
            }
        }
        for (Card h : headers) {
            errors.add(h.problem("missing .ends for " + h.text().strip()));
        }
        return top;
    }

    private void directive(Card card, String word, String lower) {
        directives.add(lower);
        if (!KEPT_DIRECTIVES.contains(word)) {
            warnings.add(card.problem("unknown directive " + word + " kept as text and not interpreted"));
        } else if (word.equals(".func")) {
            warnings.add(card.problem(".func is kept for ngspice; spicelearn does not evaluate functions it defines"));
        } else if (word.equals(".temp")) {
            String[] w = lower.split("\\s+");
            if (w.length > 1 && (!SpiceNumbers.isNumber(w[1]) || SpiceNumbers.parse(w[1]) != 27.0)) {
                warnings.add(card.problem(".temp " + w[1] + ": the ideal substrate computes at 27 degC"));
            }
        }
    }

    private void defineSubckt(Card header, List<Card> body) {
        String text = header.text().toLowerCase(Locale.ROOT);
        int paramStart = paramStart(text);
        String[] words = text.substring(0, paramStart).strip().split("\\s+");
        if (words.length < 2) {
            errors.add(header.problem(".subckt needs a name"));
            return;
        }
        String name = words[1];
        List<String> ports = new ArrayList<>();
        for (int i = 2; i < words.length; i++) {
            if (!words[i].equals("params:")) {
                ports.add(SpiceNames.canonicalNode(words[i]));
            }
        }
        Map<String, String> defaults = assignments(text.substring(paramStart), header);
        if (subckts.containsKey(name)) {
            Card first = subckts.get(name).header();
            errors.add(header.problem("duplicate subcircuit " + name + " (first defined at " + first.file() + ":" + first.line() + ")"));
            return;
        }
        subckts.put(name, new Subckt(name, ports, defaults, body, header));
    }

    private void defineModel(Card card) {
        List<String> t = tokens(card.text());
        if (t.size() < 3) {
            errors.add(card.problem(".model needs a name and a type"));
            return;
        }
        String name = t.get(1);
        String type = t.get(2);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 3; i < t.size(); i++) {
            String tok = t.get(i);
            if (tok.equals("(") || tok.equals(")")) {
                continue;
            }
            if (i + 2 < t.size() && t.get(i + 1).equals("=")) {
                params.put(tok, t.get(i + 2));
                i += 2;
            } else {
                errors.add(card.problem("model parameter '" + tok + "' needs a value (NAME=VALUE)"));
            }
        }
        if (models.containsKey(name)) {
            Card first = models.get(name).card();
            errors.add(card.problem("duplicate model " + name + " (first defined at " + first.file() + ":" + first.line() + ")"));
            return;
        }
        if (!SpiceNames.isValid(name) || SpiceNames.isReserved(name)) {
            errors.add(card.problem("invalid model name '" + name + "'"));
            return;
        }
        models.put(name, new ModelDef(name, type, params, card));
    }

    /** Builds the law of every diode model (Shockley, or ideal where a role says so). */
    private void readModels() {
        for (ModelDef m : models.values()) {
            current = m.card();
            if (!m.type().equals("d")) {
                continue;
            }
            double is = 1e-14;
            double n = 1.0;
            try {
                for (Map.Entry<String, String> p : m.params().entrySet()) {
                    switch (p.getKey()) {
                        case "is":
                            is = value(p.getValue(), globalParams);
                            break;
                        case "n":
                            n = value(p.getValue(), globalParams);
                            break;
                        default:
                            warnings.add(m.card().problem("diode model parameter " + p.getKey() + " of " + m.name()
                                    + " is ignored by spicelearn (ngspice uses it)"));
                    }
                }
                Double threshold = roles.idealThreshold(m.name());
                if (threshold != null) {
                    diodeModels.put(m.name(), new DiodeModel.Ideal(m.name(), threshold));
                } else if (!(is > 0) || !(n > 0)) {
                    errors.add(m.card().problem("diode model " + m.name() + " needs IS > 0 and N > 0"));
                } else {
                    if (is < NGSPICE_MIN_SATURATION_AMPS) {
                        warnings.add(m.card().problem("diode model " + m.name() + ": IS=" + is
                                + " A is below what ngspice 39.3 resolves (it behaves as about 1e-28 A there)"));
                    }
                    diodeModels.put(m.name(), new DiodeModel.Shockley(m.name(), is, n));
                }
            } catch (LineError e) {
                errors.add(m.card().problem(e.getMessage()));
            }
        }
        roles.checkIdealModels(models.keySet(), m -> models.get(m).type().equals("d"));
    }

    /** Evaluates the {@code .param} cards among {@code cards} into {@code scope}, in order. */
    private void evaluateParams(List<Card> cards, Map<String, Double> scope) {
        for (Card card : cards) {
            String lower = card.text().toLowerCase(Locale.ROOT);
            if (!lower.startsWith(".param")) {
                continue;
            }
            current = card;
            Map<String, String> a = assignments(lower.substring(".param".length()), card);
            if (a.isEmpty()) {
                errors.add(card.problem(".param needs NAME=VALUE"));
            }
            for (Map.Entry<String, String> e : a.entrySet()) {
                try {
                    scope.put(e.getKey(), value(e.getValue(), scope));
                } catch (LineError err) {
                    errors.add(card.problem("parameter " + e.getKey() + ": " + err.getMessage()));
                }
            }
        }
    }

    /** Where {@code NAME=} assignments start in {@code text} (its length when there are none). */
    private static int paramStart(String text) {
        Matcher m = ASSIGNMENT.matcher(text);
        int start = text.length();
        if (m.find()) {
            start = m.start();
        }
        int params = text.indexOf("params:");
        return params >= 0 ? Math.min(params, start) : start;
    }

    /** {@code a=1 b={a*2} c='a+b'} as name to expression text, in order. */
    private Map<String, String> assignments(String text, Card card) {
        String t = text.replace("params:", " ").strip();
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ASSIGNMENT.matcher(t);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (!t.isEmpty() && (spans.isEmpty() || spans.get(0)[0] != 0)) {
            errors.add(card.problem("expected NAME=VALUE, got '" + t + "'"));
            return out;
        }
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : t.length();
            String name = t.substring(spans.get(i)[0], spans.get(i)[1] - 1).strip();
            String value = t.substring(spans.get(i)[1], end).strip();
            if (value.isEmpty()) {
                errors.add(card.problem("parameter " + name + " has no value"));
            } else {
                out.put(name, value);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- values

    /** A value: a SPICE number, {@code {expression}}, {@code 'expression'}, or a bare expression. */
    private static double value(String token, Map<String, Double> scope) throws LineError {
        String t = token.strip();
        if (t.length() >= 2 && (t.charAt(0) == '{' && t.endsWith("}") || t.charAt(0) == '\'' && t.endsWith("'"))) {
            return Expression.evaluate(t.substring(1, t.length() - 1), scope);
        }
        try {
            return SpiceNumbers.parse(t);
        } catch (NumberFormatException e) {
            if (scope.containsKey(t.toLowerCase(Locale.ROOT))) {
                throw new LineError("bad value '" + t + "' (write {" + t + "} to use the parameter)");
            }
            if (t.indexOf('{') >= 0 || t.indexOf('}') >= 0 || t.indexOf('\'') >= 0) {
                throw new LineError("bad value '" + t + "'");
            }
            if (t.matches(".*[-+*/^()].*")) {
                return Expression.evaluate(t, scope);
            }
            throw new LineError(e.getMessage());
        }
    }

    /**
     * Splits a card into lower-case tokens: white space, commas, {@code (}, {@code )} and {@code =}
     * separate (the last three are tokens themselves); {@code {...}} and {@code '...'} stay whole.
     */
    static List<String> tokens(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch) || ch == ',') {
                i++;
            } else if (ch == '(' || ch == ')' || ch == '=') {
                out.add(String.valueOf(ch));
                i++;
            } else {
                int start = i;
                int braces = 0;
                boolean quoted = false;
                while (i < s.length()) {
                    char c = s.charAt(i);
                    if (c == '{') {
                        braces++;
                    } else if (c == '}') {
                        braces--;
                    } else if (c == '\'') {
                        quoted = !quoted;
                    } else if (braces <= 0 && !quoted
                            && (Character.isWhitespace(c) || c == ',' || c == '(' || c == ')' || c == '=')) {
                        break;
                    }
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- elaboration

    /** Element cards of one scope, read with an instance path, port map and parameter scope. */
    private void elaborate(List<Card> cards, String path, Map<String, String> ports, Map<String, Double> scope,
                           List<String> stack) {
        for (Card card : cards) {
            if (card.text().toLowerCase(Locale.ROOT).startsWith(".param")) {
                continue;
            }
            current = card;
            if (elements.size() >= MAX_ELEMENTS) {
                errors.add(card.problem("more than " + MAX_ELEMENTS + " elements after flattening subcircuits"));
                return;
            }
            try {
                element(card, path, ports, scope, stack);
            } catch (LineError e) {
                errors.add(card.problem(e.getMessage()));
            }
        }
    }

    private void element(Card card, String path, Map<String, String> ports, Map<String, Double> scope,
                         List<String> stack) throws LineError {
        String lower = card.text().toLowerCase(Locale.ROOT);
        char letter = lower.charAt(0);
        if (letter == 'x') {
            instance(card, lower, path, ports, scope, stack);
            return;
        }
        if (letter == 'b') {
            behavioural(card, lower, path, ports);
            return;
        }
        String local = lower.strip().split("\\s+")[0];
        if ("rcvideg".indexOf(letter) < 0) {
            String kind = UNSUPPORTED.get(letter);
            throw new LineError(kind == null
                    ? "unknown element letter '" + letter + "' in '" + local + "'"
                    : "element " + local + ": " + kind + " (letter '" + letter + "') is not supported by spicelearn");
        }
        List<String> t = tokens(lower);
        int nodeCount = letter == 'e' || letter == 'g' ? 4 : 2;
        if (nodeCount == 4 && t.size() > 3 && NONLINEAR_FORMS.contains(t.get(3))) {
            throw new LineError(linearOnly(letter, local) + " ('" + t.get(3) + "' is not; use a B source)");
        }
        if (t.size() < nodeCount + 1) {
            throw new LineError("element " + local + " needs " + nodeCount + " nodes");
        }
        String name = elementName(card, local, path);
        String[] words = lower.strip().split("\\s+");
        int[] nodes = new int[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            nodes[i] = node(card, 1 + i < words.length ? words[1 + i] : "", path, ports);
        }
        Args args = Args.of(t.subList(1 + nodeCount, t.size()));
        Element e;
        switch (letter) {
            case 'r':
                e = resistor(card, name, nodes, args, scope);
                break;
            case 'c':
                e = new Capacitor(name, nodes[0], nodes[1], positive(name, "capacitance", principal(name, args, "c", scope)));
                ignoreExtras(card, name, args, "c");
                break;
            case 'v':
            case 'i':
                e = source(card, letter, name, nodes, args.all, scope);
                break;
            case 'd':
                e = diode(card, name, nodes, args, scope);
                break;
            default:
                e = controlled(letter, name, nodes, args, scope);
        }
        elements.add(e);
    }

    /** Positional values and {@code key=value} parameters of the rest of a card. */
    private static final class Args {
        final List<String> all;
        final List<String> positional = new ArrayList<>();
        final Map<String, String> named = new LinkedHashMap<>();

        private Args(List<String> all) {
            this.all = all;
        }

        static Args of(List<String> rest) throws LineError {
            Args a = new Args(rest);
            for (int i = 0; i < rest.size(); i++) {
                if (i + 1 < rest.size() && rest.get(i + 1).equals("=")) {
                    if (i + 2 >= rest.size()) {
                        throw new LineError("parameter " + rest.get(i) + " has no value");
                    }
                    a.named.put(rest.get(i), rest.get(i + 2));
                    i += 2;
                } else {
                    a.positional.add(rest.get(i));
                }
            }
            return a;
        }
    }

    private Resistor resistor(Card card, String name, int[] nodes, Args args, Map<String, Double> scope) throws LineError {
        double ohms = positive(name, "resistance", principal(name, args, "r", scope));
        if (args.positional.size() > 1) {
            throw new LineError("resistor " + name + ": semiconductor resistor models ('" + args.positional.get(1)
                    + "') are not supported");
        }
        ignoreExtras(card, name, args, "r");
        return new Resistor(name, nodes[0], nodes[1], ohms, roles.boundsFor(name, card));
    }

    /** The principal value of R or C: the first positional value or {@code key=}. */
    private static double principal(String name, Args args, String key, Map<String, Double> scope) throws LineError {
        String v = args.named.containsKey(key) ? args.named.get(key) : args.positional.isEmpty() ? null : args.positional.get(0);
        if (v == null) {
            throw new LineError("element " + name + " has no value");
        }
        return value(v, scope);
    }

    private static double positive(String name, String what, double v) throws LineError {
        if (!(v > 0)) {
            throw new LineError("element " + name + " needs a positive " + what + ", got " + v);
        }
        return v;
    }

    /** Multipliers change values (refused); other instance parameters are ignored with a warning. */
    private void ignoreExtras(Card card, String name, Args args, String principalKey) throws LineError {
        for (Map.Entry<String, String> p : args.named.entrySet()) {
            String k = p.getKey();
            if (k.equals(principalKey)) {
                continue;
            }
            if (k.equals("m") || k.equals("scale") || k.equals("area")) {
                if (value(p.getValue(), Map.of()) != 1.0) {
                    throw new LineError("element " + name + ": multiplier " + k + "=" + p.getValue() + " is not supported");
                }
            } else {
                warnings.add(card.problem("parameter " + k + " of " + name + " is ignored by spicelearn"));
            }
        }
    }

    private Diode diode(Card card, String name, int[] nodes, Args args, Map<String, Double> scope) throws LineError {
        if (args.positional.isEmpty()) {
            throw new LineError("diode " + name + " needs a model name");
        }
        String model = args.positional.get(0);
        for (int i = 1; i < args.positional.size(); i++) {
            String p = args.positional.get(i);
            if (p.equals("off")) {
                warnings.add(card.problem("'off' on " + name + " is ignored by spicelearn"));
            } else if (value(p, scope) != 1.0) {
                throw new LineError("diode " + name + ": area factor " + p + " is not supported");
            }
        }
        ignoreExtras(card, name, args, "");
        ModelDef def = models.get(model);
        if (def == null) {
            throw new LineError("undefined model '" + model + "' for diode " + name);
        }
        if (!def.type().equals("d")) {
            throw new LineError("model " + model + " of diode " + name + " is of type " + def.type() + ", not D");
        }
        DiodeModel law = diodeModels.get(model);
        if (law == null) {
            throw new LineError("diode " + name + ": model " + model + " is invalid (see its .model line)");
        }
        return new Diode(name, nodes[0], nodes[1], law);
    }

    private static Element controlled(char letter, String name, int[] nodes, Args args, Map<String, Double> scope)
            throws LineError {
        if (args.positional.size() != 1 || !args.named.isEmpty()) {
            String form = args.all.isEmpty() ? "" : args.all.get(0);
            throw new LineError(linearOnly(letter, name)
                    + (NONLINEAR_FORMS.contains(form) ? " ('" + form + "' is not; use a B source)" : ""));
        }
        double gain = value(args.positional.get(0), scope);
        return letter == 'e'
                ? new Vcvs(name, nodes[0], nodes[1], nodes[2], nodes[3], gain)
                : new Vccs(name, nodes[0], nodes[1], nodes[2], nodes[3], gain);
    }

    private static String linearOnly(char letter, String name) {
        return "element " + name + ": only the linear form '" + letter + "NAME OUT+ OUT- CTRL+ CTRL- GAIN' is supported";
    }

    private Element source(Card card, char letter, String name, int[] nodes, List<String> rest, Map<String, Double> scope)
            throws LineError {
        Double dc = null;
        Waveform wave = null;
        int i = 0;
        while (i < rest.size()) {
            String tok = rest.get(i);
            if (tok.equals("dc")) {
                if (i + 1 >= rest.size()) {
                    throw new LineError("source " + name + ": 'dc' needs a value");
                }
                dc = value(rest.get(i + 1), scope);
                i += 2;
            } else if (tok.equals("ac")) {
                i++;
                for (int k = 0; k < 2 && i < rest.size() && isValue(rest.get(i)); k++) {
                    i++;
                }
                warnings.add(card.problem("AC specification of " + name + " is ignored by spicelearn"));
            } else if (tok.equals("pulse") || tok.equals("pwl") || tok.equals("sin")) {
                if (wave != null) {
                    throw new LineError("source " + name + " has two waveforms");
                }
                List<Double> values = new ArrayList<>();
                i = waveformArgs(rest, i + 1, values, scope);
                wave = waveform(card, name, tok, values);
            } else if (tok.equals("external")) {
                throw new LineError("source " + name + ": 'external' sources are set by spicelearn's bridge, not by netlists");
            } else if (dc == null && wave == null && i == 0 && isValue(tok)) {
                dc = value(tok, scope);
                i++;
            } else {
                throw new LineError("source " + name + ": unexpected '" + tok + "'");
            }
        }
        if (dc == null) {
            if (wave == null) {
                warnings.add(card.problem("source " + name + " has no value; 0 assumed (as ngspice does)"));
                dc = 0.0;
            } else {
                dc = wave.valueAt(0);
            }
        }
        if (wave == null) {
            wave = new Waveform.Dc(dc);
        }
        return letter == 'v'
                ? new VoltageSource(name, nodes[0], nodes[1], dc, wave)
                : new CurrentSource(name, nodes[0], nodes[1], dc, wave);
    }

    private static boolean isValue(String tok) {
        return tok.startsWith("{") || tok.startsWith("'") || SpiceNumbers.isNumber(tok);
    }

    /** Reads waveform arguments, in parentheses or bare; returns the index after them. */
    private static int waveformArgs(List<String> rest, int start, List<Double> out, Map<String, Double> scope) throws LineError {
        int i = start;
        boolean paren = i < rest.size() && rest.get(i).equals("(");
        if (paren) {
            i++;
        }
        while (i < rest.size()) {
            String tok = rest.get(i);
            if (paren && tok.equals(")")) {
                return i + 1;
            }
            if (!paren && !isValue(tok)) {
                return i;
            }
            out.add(value(tok, scope));
            i++;
        }
        if (paren) {
            throw new LineError("missing ')' after waveform arguments");
        }
        return i;
    }

    private Waveform waveform(Card card, String name, String kind, List<Double> v) throws LineError {
        int n = v.size();
        switch (kind) {
            case "pulse":
                if (n < 2 || n > 7) {
                    throw new LineError("source " + name + ": PULSE takes 2 to 7 values, got " + n);
                }
                if (n < 7) {
                    warnings.add(card.problem("source " + name + ": omitted PULSE values are taken as 0"
                            + " (ngspice uses the analysis step and stop time)"));
                }
                double[] p = padded(v, 7);
                return new Waveform.Pulse(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
            case "pwl":
                if (n < 2 || n % 2 != 0) {
                    throw new LineError("source " + name + ": PWL takes time-value pairs, got " + n + " values");
                }
                double[] t = new double[n / 2];
                double[] y = new double[n / 2];
                for (int k = 0; k < n / 2; k++) {
                    t[k] = v.get(2 * k);
                    y[k] = v.get(2 * k + 1);
                    if (k > 0 && !(t[k] > t[k - 1])) {
                        throw new LineError("source " + name + ": PWL times must increase");
                    }
                }
                return new Waveform.Pwl(t, y);
            default:
                if (n < 2 || n > 5) {
                    throw new LineError("source " + name + ": SIN takes 2 to 5 values, got " + n);
                }
                if (n < 3) {
                    warnings.add(card.problem("source " + name + ": omitted SIN frequency taken as 0 (ngspice uses 1/stop time)"));
                }
                double[] s = padded(v, 5);
                return new Waveform.Sin(s[0], s[1], s[2], s[3], s[4]);
        }
    }

    private static double[] padded(List<Double> v, int size) {
        double[] out = new double[size];
        for (int i = 0; i < v.size(); i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    private void behavioural(Card card, String lower, String path, Map<String, String> ports) throws LineError {
        String[] w = lower.strip().split("\\s+", 4);
        if (w.length < 4) {
            throw new LineError("behavioural source " + w[0] + " needs two nodes and V=... or I=...");
        }
        String expression = w[3].strip().replaceAll("\\s+", " ").replaceFirst("^([iv]) ?= ?", "$1=");
        if (expression.chars().anyMatch(ch -> ch > '~' || ch == '$')) {
            throw new LineError("behavioural source " + w[0] + ": its expression holds '$' or a non-ASCII character");
        }
        if (!expression.startsWith("i=") && !expression.startsWith("v=")) {
            throw new LineError("behavioural source " + w[0] + " needs V=expression or I=expression");
        }
        String name = elementName(card, w[0], path);
        int plus = node(card, w[1], path, ports);
        int minus = node(card, w[2], path, ports);
        if (!path.isEmpty()) {
            Matcher m = NODE_REFERENCE.matcher(expression);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String args = m.group(1).equals("i")
                        ? SpiceNames.flattenedElement(path, m.group(2))
                        : mapNode(m.group(2), path, ports) + (m.group(3) == null ? "" : "," + mapNode(m.group(3), path, ports));
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "(" + args + ")"));
            }
            m.appendTail(sb);
            expression = sb.toString();
        }
        elements.add(new BehaviouralSource(name, plus, minus, expression));
    }

    private void instance(Card card, String lower, String path, Map<String, String> ports, Map<String, Double> scope,
                          List<String> stack) throws LineError {
        int paramStart = paramStart(lower);
        String[] w = lower.substring(0, paramStart).strip().split("\\s+");
        if (w.length < 2) {
            throw new LineError("instance " + w[0] + " needs nodes and a subcircuit name");
        }
        String local = w[0];
        String subName = w[w.length - 1];
        Subckt sub = subckts.get(subName);
        if (sub == null) {
            throw new LineError("undefined subcircuit '" + subName + "' for instance " + local);
        }
        if (stack.contains(subName)) {
            throw new LineError("recursive subcircuit " + subName + " (instantiated inside itself)");
        }
        if (stack.size() >= MAX_SUBCKT_DEPTH) {
            throw new LineError("subcircuits nested deeper than " + MAX_SUBCKT_DEPTH);
        }
        int given = w.length - 2;
        if (given != sub.ports().size()) {
            throw new LineError("instance " + local + " connects " + given + " nodes but subcircuit " + subName
                    + " has " + sub.ports().size() + " ports");
        }
        checkName(card, local);
        Map<String, Double> inner = new HashMap<>(scope);
        Map<String, String> overrides = assignments(lower.substring(paramStart), card);
        for (Map.Entry<String, String> d : sub.defaults().entrySet()) {
            inner.put(d.getKey(), value(d.getValue(), inner));
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!sub.defaults().containsKey(o.getKey())) {
                throw new LineError("subcircuit " + subName + " has no parameter " + o.getKey());
            }
            inner.put(o.getKey(), value(o.getValue(), scope));
        }
        Map<String, String> innerPorts = new HashMap<>();
        for (int i = 0; i < given; i++) {
            node(card, w[1 + i], path, ports);
            innerPorts.put(sub.ports().get(i), mapNode(w[1 + i], path, ports));
        }
        String innerPath = path.isEmpty() ? local : path + "." + local;
        evaluateParams(sub.body(), inner);
        stack.add(subName);
        elaborate(sub.body(), innerPath, innerPorts, inner, stack);
        stack.remove(stack.size() - 1);
        current = card;
    }

    /** The flattened name of an element, checked for validity and uniqueness. */
    private String elementName(Card card, String local, String path) throws LineError {
        checkName(card, local);
        String name = path.isEmpty() ? local : SpiceNames.flattenedElement(path, local);
        Card first = elementCards.putIfAbsent(name, card);
        if (first != null) {
            throw new LineError("duplicate element name " + name + " (first at " + first.file() + ":" + first.line() + ")");
        }
        return name;
    }

    private static void checkName(Card card, String name) throws LineError {
        if (SpiceNames.isReserved(name)) {
            throw new LineError("name '" + name + "' contains '" + SpiceNames.RESERVED_MARKER
                    + "', which is reserved for spicelearn's auxiliary elements");
        }
        if (!SpiceNames.isValid(name)) {
            throw new LineError("invalid name '" + name + "' (allowed: letters, digits and _ . : / - + & % | #)");
        }
    }

    /** The flattened name of a node seen from an instance. */
    private String mapNode(String local, String path, Map<String, String> ports) {
        String n = SpiceNames.canonicalNode(local);
        if (n.equals(SpiceNames.GROUND) || globalNodes.contains(n)) {
            return n;
        }
        String port = ports.get(n);
        if (port != null) {
            return port;
        }
        return path.isEmpty() ? n : SpiceNames.flattenedNode(path, n);
    }

    private int node(Card card, String local, String path, Map<String, String> ports) throws LineError {
        if (SpiceNames.isReserved(local)) {
            checkName(card, local);
        }
        if (!SpiceNames.isValidNode(local)) {
            throw new LineError("invalid node name '" + local + "' (not allowed: white space, = ( ) , { } ' \" ; $ @ * ? \\ `"
                    + " and a leading + or -)");
        }
        String name = mapNode(local, path, ports);
        nodeCards.putIfAbsent(name, card);
        return builder.node(name);
    }
}
