package org.spicelearn.netlist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.VoltageSource;

/**
 * Reads {@code *@spicelearn} lines (the syntax of {@code netlists/README.md}): {@code trainable},
 * {@code input}, {@code output}, {@code task}, {@code ideal-diode} and {@code nodes}.
 */
final class RoleReader {
    private final List<NetlistProblem> errors;
    /** {@code nodes} lines: the node order to restore. */
    final List<Card> nodeOrder = new ArrayList<>();
    private final List<NetworkRoles.Trainable> trainables = new ArrayList<>();
    private final Map<String, Integer> exactTrainables = new HashMap<>();
    private final List<Integer> globTrainables = new ArrayList<>();
    private final List<Card> trainableCards = new ArrayList<>();
    private final int[] noMatches = new int[0];
    private int[] matches = noMatches;
    private final Map<String, Card> matchedBy = new HashMap<>();
    private final List<NetworkRoles.Input> inputs = new ArrayList<>();
    private final List<Card> inputCards = new ArrayList<>();
    private final List<NetworkRoles.Output> outputs = new ArrayList<>();
    private final List<Card> outputCards = new ArrayList<>();
    private NetworkRoles.Task task;
    private final Map<String, Double> idealThresholds = new LinkedHashMap<>();
    private final Map<String, Card> idealCards = new HashMap<>();

    RoleReader(List<NetlistProblem> errors) {
        this.errors = errors;
    }

    /** Reads every role card; problems go to the error list. */
    void read(List<Card> cards) {
        for (Card card : cards) {
            try {
                readOne(card);
            } catch (LineError | IllegalArgumentException e) {
                errors.add(card.problem(e.getMessage()));
            }
        }
        matches = new int[trainables.size()];
    }

    private void readOne(Card card) throws LineError {
        String text = card.text().replaceAll("\\s*=\\s*", "=");
        String[] words = text.isEmpty() ? new String[] {""} : text.split("\\s+");
        String keyword = words[0].toLowerCase(Locale.ROOT);
        List<String> plain = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                if (keys.put(words[i].substring(0, eq).toLowerCase(Locale.ROOT), words[i].substring(eq + 1)) != null) {
                    throw new LineError("role key " + words[i].substring(0, eq) + " given twice");
                }
            } else {
                plain.add(SpiceNames.canonical(words[i]));
            }
        }
        switch (keyword) {
            case "trainable":
                trainable(card, plain, keys);
                break;
            case "input":
                single(keyword, plain, "a voltage source name");
                allowKeys(keys, "column", "scale", "offset");
                inputs.add(new NetworkRoles.Input(plain.get(0), required(keys, "column"),
                        optionalNumber(keys, "scale", 1.0), optionalNumber(keys, "offset", 0.0)));
                inputCards.add(card);
                break;
            case "output":
                single(keyword, plain, "a node name");
                allowKeys(keys, "class", "column");
                if (keys.size() != 1) {
                    throw new LineError("output needs exactly one of class=LABEL or column=NAME");
                }
                Map.Entry<String, String> k = keys.entrySet().iterator().next();
                outputs.add(new NetworkRoles.Output(plain.get(0),
                        k.getKey().equals("class") ? NetworkRoles.OutputKind.CLASS : NetworkRoles.OutputKind.COLUMN, k.getValue()));
                outputCards.add(card);
                break;
            case "task":
                single(keyword, plain, "classification or regression");
                allowKeys(keys, "dataset");
                if (task != null) {
                    throw new LineError("task declared twice");
                }
                NetworkRoles.TaskKind kind;
                try {
                    kind = NetworkRoles.TaskKind.valueOf(plain.get(0).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new LineError("task must be classification or regression, got '" + plain.get(0) + "'");
                }
                task = new NetworkRoles.Task(kind, keys.getOrDefault("dataset", ""));
                break;
            case "ideal-diode":
                single(keyword, plain, "a diode model name");
                allowKeys(keys, "threshold");
                if (idealThresholds.put(plain.get(0), number(required(keys, "threshold"))) != null) {
                    throw new LineError("ideal-diode " + plain.get(0) + " declared twice");
                }
                idealCards.put(plain.get(0), card);
                break;
            case "nodes":
                allowKeys(keys);
                nodeOrder.add(card.withText(String.join(" ", plain)));
                break;
            default:
                throw new LineError("unknown *@spicelearn keyword '" + words[0]
                        + "' (expected trainable, input, output, task, ideal-diode or nodes)");
        }
    }

    private void trainable(Card card, List<String> patterns, Map<String, String> keys) throws LineError {
        allowKeys(keys, "gmin", "gmax");
        if (patterns.isEmpty()) {
            throw new LineError("trainable needs at least one resistor name or glob pattern");
        }
        double min = number(required(keys, "gmin"));
        double max = number(required(keys, "gmax"));
        if (!(min > 0) || !(max >= min)) {
            throw new LineError("trainable bounds need 0 < gmin <= gmax, got gmin=" + min + " gmax=" + max);
        }
        ConductanceBounds bounds = new ConductanceBounds(min, max);
        for (String p : patterns) {
            int index = trainables.size();
            trainables.add(new NetworkRoles.Trainable(p, bounds));
            trainableCards.add(card);
            if (p.indexOf('*') >= 0 || p.indexOf('?') >= 0) {
                globTrainables.add(index);
            } else if (exactTrainables.putIfAbsent(p, index) != null) {
                throw new LineError("resistor " + p + " is declared trainable twice");
            }
        }
    }

    /** The bounds of the resistor {@code name} (null when fixed); two matching role lines are an error. */
    ConductanceBounds boundsFor(String name, Card resistorCard) throws LineError {
        ConductanceBounds found = null;
        Integer exact = exactTrainables.get(name);
        if (exact != null) {
            found = take(name, exact, null);
        }
        for (int g : globTrainables) {
            if (trainables.get(g).matches(name)) {
                found = take(name, g, found);
            }
        }
        return found;
    }

    private ConductanceBounds take(String name, int index, ConductanceBounds already) throws LineError {
        matches[index]++;
        Card card = trainableCards.get(index);
        Card previous = matchedBy.putIfAbsent(name, card);
        if (already != null && !already.equals(trainables.get(index).bounds()) || previous != null && previous != card) {
            throw new LineError("resistor " + name + " matches more than one trainable line ("
                    + previous.file() + ":" + previous.line() + " and " + card.file() + ":" + card.line() + ")");
        }
        return trainables.get(index).bounds();
    }

    /** Reports trainable patterns that matched no resistor. */
    void checkUnused() {
        for (int i = 0; i < trainables.size(); i++) {
            if (matches[i] == 0) {
                errors.add(trainableCards.get(i).problem("trainable pattern '" + trainables.get(i).pattern() + "' matches no resistor"));
            }
        }
    }

    /** The threshold of an ideal diode model, or null when the model is not declared ideal. */
    Double idealThreshold(String model) {
        return idealThresholds.get(model);
    }

    /** Reports ideal-diode lines naming no diode model. */
    void checkIdealModels(Set<String> modelNames, Predicate<String> isDiode) {
        for (Map.Entry<String, Card> e : idealCards.entrySet()) {
            if (!modelNames.contains(e.getKey()) || !isDiode.test(e.getKey())) {
                errors.add(e.getValue().problem("ideal-diode names '" + e.getKey() + "', which is not a .model of type D"));
            }
        }
    }

    /**
     * The roles, checked against what the netlist holds: inputs must name voltage sources, outputs
     * existing nodes other than ground.
     *
     * @param elements every element read (also when other problems stop the circuit from being built)
     * @param nodes    every node name used
     */
    NetworkRoles networkRoles(List<Element> elements, Set<String> nodes) {
        Map<String, Element> byName = new HashMap<>();
        elements.forEach(e -> byName.put(e.name(), e));
        for (int i = 0; i < inputs.size(); i++) {
            String source = inputs.get(i).source();
            Element e = byName.get(source);
            if (e == null) {
                errors.add(inputCards.get(i).problem("input names '" + source + "', but there is no such voltage source"));
            } else if (!(e instanceof VoltageSource)) {
                errors.add(inputCards.get(i).problem("input names '" + source + "', which is not a voltage source"));
            }
            for (int j = 0; j < i; j++) {
                if (inputs.get(j).source().equals(source)) {
                    errors.add(inputCards.get(i).problem("input " + source + " declared twice"));
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            String node = outputs.get(i).node();
            if (!nodes.contains(node) || node.equals(SpiceNames.GROUND)) {
                errors.add(outputCards.get(i).problem("output names undefined node '" + node + "'"));
            }
            for (int j = 0; j < i; j++) {
                if (outputs.get(j).node().equals(node)) {
                    errors.add(outputCards.get(i).problem("output " + node + " declared twice"));
                }
            }
        }
        return new NetworkRoles(trainables, inputs, outputs, task);
    }

    private static void single(String keyword, List<String> plain, String what) throws LineError {
        if (plain.size() != 1) {
            throw new LineError(keyword + " needs exactly one name (" + what + ") before its key=value settings");
        }
    }

    private static void allowKeys(Map<String, String> keys, String... allowed) throws LineError {
        for (String k : keys.keySet()) {
            if (!List.of(allowed).contains(k)) {
                throw new LineError("unknown role setting '" + k + "'" + (allowed.length == 0 ? "" : " (allowed: "
                        + String.join(", ", allowed) + ")"));
            }
        }
    }

    private static String required(Map<String, String> keys, String key) throws LineError {
        String v = keys.get(key);
        if (v == null || v.isEmpty()) {
            throw new LineError("missing " + key + "=...");
        }
        return v;
    }

    private static double optionalNumber(Map<String, String> keys, String key, double fallback) throws LineError {
        return keys.containsKey(key) ? number(keys.get(key)) : fallback;
    }

    private static double number(String text) throws LineError {
        try {
            return SpiceNumbers.parse(text);
        } catch (NumberFormatException e) {
            throw new LineError(e.getMessage());
        }
    }
}
