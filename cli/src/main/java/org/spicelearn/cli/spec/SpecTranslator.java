package org.spicelearn.cli.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.CircuitValidationException;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.cli.BadInputException;
import org.spicelearn.learn.data.BuiltinData;
import org.spicelearn.learn.data.CsvTables;
import org.spicelearn.learn.data.DataFormatException;
import org.spicelearn.learn.data.DataTable;
import org.spicelearn.learn.data.InputBinding;
import org.spicelearn.learn.data.InputScaling;
import org.spicelearn.learn.data.LearningProblem;
import org.spicelearn.learn.data.Task;
import org.spicelearn.learn.data.TrainTestSplit;
import org.spicelearn.learn.device.DeviceModel;
import org.spicelearn.learn.phase.EdgeClock;
import org.spicelearn.learn.phase.LengthDistribution;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.PhaseOrder;
import org.spicelearn.learn.phase.SampleSwitching;
import org.spicelearn.learn.phase.SubstrateMode;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.train.LearningRateSchedule;
import org.spicelearn.learn.train.NetworkPorts;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingData;
import org.spicelearn.netlist.NetlistException;
import org.spicelearn.netlist.NetlistParser;
import org.spicelearn.netlist.NetworkRoles;
import org.spicelearn.netlist.ParsedNetlist;

/**
 * Translates a validated spec into a {@link TrainingSetup}: parses the netlist, applies the
 * trainables, loads and encodes the data, builds the learner configuration. Every semantic problem
 * (missing attribute for the chosen kind, unknown source, node or column, a pattern matching
 * nothing, ...) is collected with the spec line it belongs to and reported at once.
 */
public final class SpecTranslator {
    private final Path specFile;
    private final List<String> problems = new ArrayList<>();

    private SpecTranslator(Path specFile) {
        this.specFile = specFile;
    }

    /** Reads, validates and translates a spec file. */
    public static TrainingSetup load(Path specFile) {
        return translate(specFile, SpecReader.read(specFile));
    }

    /**
     * Translates an already read spec.
     *
     * @throws BadInputException listing every problem as {@code FILE:LINE: message}
     */
    public static TrainingSetup translate(Path specFile, SpecXml.Training spec) {
        return new SpecTranslator(specFile).run(spec);
    }

    private void problem(SpecXml.Located where, String message) {
        int line = where == null ? 0 : where.line();
        problems.add(specFile + (line > 0 ? ":" + line : "") + ": " + message);
    }

    private void failIfProblems() {
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("\n", problems));
        }
    }

    private TrainingSetup run(SpecXml.Training spec) {
        Path dir = specFile.toAbsolutePath().getParent();
        Path netlistFile = dir.resolve(spec.netlist.strip()).normalize();
        ParsedNetlist parsed;
        try {
            parsed = NetlistParser.parse(netlistFile);
        } catch (NetlistException e) {
            problem(spec, "netlist " + netlistFile + " has problems:");
            e.problems().forEach(p -> problems.add("  " + p));
            throw new BadInputException(String.join("\n", problems));
        }
        NetworkRoles roles = parsed.roles();
        Circuit circuit = applySupplies(spec.supplies, applyTrainables(spec, parsed.circuit()));
        DataTable table = loadData(spec.data, dir);
        List<InputBinding> inputs = inputs(spec, roles, circuit, table);
        Task task = task(spec, roles, table, circuit);
        ContrastiveRule rule = rule(spec.rule);
        PhaseDynamics dynamics = dynamics(spec.phases);
        DeviceModel device = device(spec.device, spec.seed);
        LearningRateSchedule rate = rate(spec.learningRate);
        SubstrateMode mode = mode(spec.substrate);
        circuit = addCapacitance(spec.substrate, circuit, mode);
        failIfProblems();
        LearningProblem problem = new LearningProblem(inputs, scaling(spec.data.scaling), task);
        TrainTestSplit split = TrainTestSplit.of(table, spec.data.testFraction, spec.seed);
        TrainingData data;
        try {
            data = new TrainingData(problem.sourceNames(), task.outputNodes(),
                    problem.encode(split.train(), split.train()), problem.encode(split.train(), split.test()),
                    task instanceof Task.Classification);
            new NetworkPorts(circuit, data.sourceNames(), data.outputNodes());
        } catch (IllegalArgumentException e) {
            problem(spec.data, e.getMessage());
            throw new BadInputException(String.join("\n", problems));
        }
        TrainingConfig config = new TrainingConfig(rule, dynamics, mode, device, rate, spec.epochs, spec.seed);
        TrainingSetup.SubstrateKind kind = "ngspice".equals(spec.substrate.kind)
                ? TrainingSetup.SubstrateKind.NGSPICE : TrainingSetup.SubstrateKind.IDEAL;
        IntegrationMethod integration = "trapezoidal".equals(spec.substrate.integration)
                ? IntegrationMethod.TRAPEZOIDAL : IntegrationMethod.BACKWARD_EULER;
        double step = mode instanceof SubstrateMode.Transient t ? t.stepSeconds() : Double.NaN;
        NetworkRoles writtenRoles = spec.trainables == null ? roles : roles.withoutTrainables();
        return new TrainingSetup(specFile, spec, netlistFile, circuit, writtenRoles, problem, split, data, config, kind,
                integration, step);
    }

    /** Applies {@code <trainables>} (replacing the netlist's own trainable roles), or keeps the netlist's. */
    private Circuit applyTrainables(SpecXml.Training spec, Circuit circuit) {
        SpecXml.Trainables t = spec.trainables;
        if (t == null) {
            if (circuit.trainables().isEmpty()) {
                problem(spec, "no trainable resistors: add <trainables> or a '*@spicelearn trainable' line to the netlist");
            }
            return circuit;
        }
        if (!(t.minSiemens <= t.maxSiemens)) {
            problem(t, "trainable bounds need minSiemens <= maxSiemens, got [" + t.minSiemens + ", " + t.maxSiemens + "]");
            return circuit;
        }
        ConductanceBounds bounds = new ConductanceBounds(t.minSiemens, t.maxSiemens);
        List<NetworkRoles.Trainable> patterns = t.match.stream()
                .map(m -> new NetworkRoles.Trainable(m.strip(), bounds)).toList();
        boolean[] used = new boolean[patterns.size()];
        Circuit.Builder b = Circuit.builder(circuit.title());
        for (int i = 1; i < circuit.nodeCount(); i++) {
            b.node(circuit.nodeName(i));
        }
        for (Element e : circuit.elements()) {
            if (e instanceof Resistor r) {
                boolean match = false;
                for (int k = 0; k < patterns.size(); k++) {
                    if (patterns.get(k).matches(r.name())) {
                        used[k] = true;
                        match = true;
                    }
                }
                if (match && !bounds.contains(r.siemens())) {
                    problem(t, "resistor " + r.name() + " (" + r.siemens() + " S) lies outside the trainable bounds ["
                            + t.minSiemens + ", " + t.maxSiemens + "] S");
                }
                b.add(r.withBounds(match ? bounds : null));
            } else {
                b.add(e);
            }
        }
        for (int k = 0; k < used.length; k++) {
            if (!used[k]) {
                problem(t, "<match>" + t.match.get(k) + "</match> matches no resistor of the netlist");
            }
        }
        try {
            return b.build();
        } catch (CircuitValidationException e) {
            problem(t, e.getMessage());
            return circuit;
        }
    }

    /** Sets the DC value of each named fixed voltage source. */
    private Circuit applySupplies(SpecXml.Supplies supplies, Circuit circuit) {
        if (supplies == null) {
            return circuit;
        }
        Circuit out = circuit;
        for (SpecXml.Supply s : supplies.supply) {
            String name = s.source.strip().toLowerCase(Locale.ROOT);
            if (out.hasElement(name) && out.element(name) instanceof VoltageSource v) {
                out = out.withElement(v.withDcVolts(s.volts));
            } else {
                problem(s, "supply " + s.source + " is not a voltage source of the netlist");
            }
        }
        return out;
    }

    private DataTable loadData(SpecXml.Data d, Path dir) {
        boolean builtin = d.builtin != null;
        boolean csv = d.csv != null;
        if (builtin == csv) {
            problem(d, "<data> needs exactly one of builtin=\"...\" or csv=\"...\"");
            failIfProblems();
        }
        try {
            if (builtin) {
                return BuiltinData.byName(d.builtin).load();
            }
            return CsvTables.read(dir.resolve(d.csv.strip()).normalize());
        } catch (DataFormatException e) {
            problem(d, "the data file has problems:");
            e.problems().forEach(p -> problems.add("  " + p));
        } catch (java.io.UncheckedIOException e) {
            problem(d, e.getMessage());
        }
        failIfProblems();
        throw new IllegalStateException("unreachable");
    }

    private List<InputBinding> inputs(SpecXml.Training spec, NetworkRoles roles, Circuit circuit, DataTable table) {
        List<InputBinding> out = new ArrayList<>();
        if (spec.inputs != null) {
            for (SpecXml.Input in : spec.inputs.input) {
                checkSource(in, in.source, circuit);
                checkColumn(in, in.column, table);
                out.add(new InputBinding(in.source, in.column, in.scaleVolts, in.offsetVolts));
            }
        } else {
            for (NetworkRoles.Input in : roles.inputs()) {
                checkSource(spec, in.source(), circuit);
                checkColumn(spec, in.column(), table);
                out.add(new InputBinding(in.source(), in.column(), in.scaleVoltsPerUnit(), in.offsetVolts()));
            }
            if (out.isEmpty()) {
                problem(spec, "no inputs: add <inputs> or '*@spicelearn input' lines to the netlist");
            }
        }
        return out;
    }

    private void checkSource(SpecXml.Located where, String source, Circuit circuit) {
        String name = source.toLowerCase(Locale.ROOT);
        if (!circuit.hasElement(name) || !(circuit.element(name) instanceof VoltageSource)) {
            problem(where, "input source " + source + " is not a voltage source of the netlist");
        }
    }

    private void checkColumn(SpecXml.Located where, String column, DataTable table) {
        if (!table.hasColumn(column)) {
            problem(where, "data column " + column + " does not exist in " + table.name() + " (columns: "
                    + table.columns() + ")");
        }
    }

    private void checkNode(SpecXml.Located where, String node, Circuit circuit) {
        if (!circuit.hasNode(node)) {
            problem(where, "output node " + node + " is not a node of the netlist");
        }
    }

    private Task task(SpecXml.Training spec, NetworkRoles roles, DataTable table, Circuit circuit) {
        SpecXml.Outputs o = spec.outputs;
        if (o != null) {
            o.output.forEach(out -> checkNode(out, out.node, circuit));
            if ("classification".equals(o.task)) {
                String label = o.labelColumn != null ? o.labelColumn : defaultLabel(spec);
                if (label == null) {
                    problem(o, "classification needs labelColumn=\"...\"");
                    return null;
                }
                checkColumn(o, label, table);
                String[] byClass = new String[o.output.size()];
                for (SpecXml.Output out : o.output) {
                    if (out.classIndex == null || out.classIndex >= byClass.length || byClass[out.classIndex] != null) {
                        problem(out, "each classification output needs a distinct class=\"0..K-1\" (K = "
                                + byClass.length + " outputs)");
                    } else {
                        byClass[out.classIndex] = out.node;
                    }
                }
                if (!(o.highVolts > o.lowVolts)) {
                    problem(o, "classification needs highVolts > lowVolts");
                }
                return problems.isEmpty() && byClass.length >= 2
                        ? new Task.Classification(label, List.of(byClass), o.highVolts, o.lowVolts) : null;
            }
            List<String> nodes = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            for (SpecXml.Output out : o.output) {
                if (out.column == null) {
                    problem(out, "each regression output needs column=\"...\"");
                } else {
                    checkColumn(out, out.column, table);
                    nodes.add(out.node);
                    columns.add(out.column);
                }
            }
            return problems.isEmpty() ? new Task.Regression(nodes, columns, o.scaleVolts, o.offsetVolts) : null;
        }
        return taskFromRoles(spec, roles, table, circuit);
    }

    private Task taskFromRoles(SpecXml.Training spec, NetworkRoles roles, DataTable table, Circuit circuit) {
        if (roles.outputs().isEmpty()) {
            problem(spec, "no outputs: add <outputs> or '*@spicelearn output' lines to the netlist");
            return null;
        }
        roles.outputs().forEach(out -> checkNode(spec, out.node(), circuit));
        if (roles.outputs().get(0).kind() == NetworkRoles.OutputKind.CLASS) {
            String label = defaultLabel(spec);
            if (label == null) {
                problem(spec, "the netlist's outputs are classes but the data's label column is unknown: add "
                        + "<outputs task=\"classification\" labelColumn=\"...\">");
                return null;
            }
            String[] byClass = new String[roles.outputs().size()];
            for (int k = 0; k < byClass.length; k++) {
                NetworkRoles.Output out = roles.outputs().get(k);
                int index = classIndex(out.label(), k);
                if (index < 0 || index >= byClass.length || byClass[index] != null) {
                    problem(spec, "netlist output " + out.node() + " has class=" + out.label()
                            + ", not a distinct class index 0.." + (byClass.length - 1));
                    return null;
                }
                byClass[index] = out.node();
            }
            checkColumn(spec, label, table);
            return new Task.Classification(label, List.of(byClass), 1.0, 0.0);
        }
        List<String> nodes = roles.outputs().stream().map(NetworkRoles.Output::node).toList();
        List<String> columns = roles.outputs().stream().map(NetworkRoles.Output::label).toList();
        columns.forEach(c -> checkColumn(spec, c, table));
        return new Task.Regression(nodes, columns, 1.0, 0.0);
    }

    private static int classIndex(String label, int position) {
        try {
            return Integer.parseInt(label.strip());
        } catch (NumberFormatException e) {
            return position;
        }
    }

    private static String defaultLabel(SpecXml.Training spec) {
        BuiltinData b = spec.data.builtin == null ? null : BuiltinData.byName(spec.data.builtin);
        return b == null ? null : b.labelColumn();
    }

    private static InputScaling scaling(String name) {
        if ("none".equals(name)) {
            return new InputScaling.None();
        }
        return "zscore".equals(name) ? new InputScaling.ZScore() : new InputScaling.MinMax();
    }

    private ContrastiveRule rule(SpecXml.Rule r) {
        Nudging nudging = Nudging.valueOf(r.nudging.toUpperCase(Locale.ROOT));
        switch (r.kind) {
            case "ep":
                if (r.betaSiemens == null) {
                    problem(r, "rule ep needs betaSiemens=\"...\"");
                    return null;
                }
                return new ContrastiveRule.EquilibriumPropagation(nudging, r.betaSiemens);
            case "cpl":
                if (r.etaC == null) {
                    problem(r, "rule cpl needs etaC=\"...\" in (0, 1]");
                    return null;
                }
                return new ContrastiveRule.CoupledLearning(nudging, r.etaC);
            default:
                return new ContrastiveRule.FullClamp();
        }
    }

    private PhaseDynamics dynamics(SpecXml.Phases p) {
        if (p.dynamics instanceof SpecXml.Rigid r) {
            return new PhaseDynamics.Rigid(r.positiveLength, r.negativeLength);
        }
        SpecXml.TemporallyLocal t = (SpecXml.TemporallyLocal) p.dynamics;
        if (t == null) {
            problem(p, "<phases> needs <rigid/> or <temporallyLocal/>");
            return null;
        }
        PhaseOrder order = "alternating".equals(t.order) ? new PhaseOrder.Alternating()
                : new PhaseOrder.StochasticType(t.positiveProbability, t.importanceWeights);
        LengthDistribution lengths;
        switch (t.lengths) {
            case "geometric":
                lengths = new LengthDistribution.Geometric();
                if (t.positiveMean < 1 || t.negativeMean < 1) {
                    problem(t, "geometric lengths count whole update steps: positiveMean and negativeMean must be >= 1");
                }
                break;
            case "exponential":
                lengths = new LengthDistribution.Exponential();
                break;
            case "uniform":
                if (t.lengthSpread >= 1) {
                    problem(t, "uniform lengths need lengthSpread (relative half width) < 1");
                    return null;
                }
                lengths = new LengthDistribution.Uniform(t.lengthSpread);
                break;
            case "lognormal":
                lengths = new LengthDistribution.LogNormal(t.lengthSpread);
                break;
            default:
                lengths = new LengthDistribution.Fixed();
        }
        if (t.phasesPerSample != null && t.sampleClockMean != null) {
            problem(t, "give phasesPerSample or sampleClockMean, not both");
        }
        SampleSwitching switching = t.sampleClockMean != null ? new SampleSwitching.RandomClock(t.sampleClockMean)
                : new SampleSwitching.EveryKPhases(t.phasesPerSample == null ? 2 : t.phasesPerSample);
        EdgeClock clock = t.edgeClockRate == null ? new EdgeClock.Synchronous()
                : new EdgeClock.Desynchronised(t.edgeClockRate);
        return new PhaseDynamics.TemporallyLocal(order, lengths, t.positiveMean, t.negativeMean, switching, clock);
    }

    private DeviceModel device(SpecXml.Device d, long seed) {
        if (d == null) {
            return new DeviceModel.Ideal();
        }
        DeviceModel base;
        if ("quantised".equals(d.kind)) {
            if (d.bits == null) {
                problem(d, "a quantised device needs bits=\"...\"");
                return null;
            }
            base = new DeviceModel.Quantised(d.bits);
        } else if ("soft-bounds".equals(d.kind)) {
            base = new DeviceModel.SoftBounds(d.potentiationGain, d.depressionGain, d.potentiationExponent,
                    d.depressionExponent);
        } else {
            base = new DeviceModel.Ideal();
        }
        if (d.writeNoise > 0) {
            base = new DeviceModel.WriteNoise(base, d.writeNoise);
        }
        if (d.variation > 0) {
            base = new DeviceModel.Variation(base, d.variation, seed);
        }
        return base;
    }

    private LearningRateSchedule rate(SpecXml.LearningRate r) {
        switch (r.schedule) {
            case "inverse-time":
                if (r.tauSamples == null) {
                    problem(r, "schedule inverse-time needs tauSamples=\"...\"");
                    return null;
                }
                return new LearningRateSchedule.InverseTime(r.eta, r.tauSamples);
            case "robbins-monro":
                if (r.tauSamples == null || r.kappa == null || !(r.kappa > 0.5) || r.kappa > 1) {
                    problem(r, "schedule robbins-monro needs tauSamples=\"...\" and kappa=\"...\" in (0.5, 1]");
                    return null;
                }
                return new LearningRateSchedule.RobbinsMonro(r.eta, r.tauSamples, r.kappa);
            default:
                return new LearningRateSchedule.Constant(r.eta);
        }
    }

    private SubstrateMode mode(SpecXml.Substrate s) {
        if (!"transient".equals(s.mode)) {
            return new SubstrateMode.Dc();
        }
        if (s.stepSeconds == null) {
            problem(s, "transient mode needs stepSeconds=\"...\"");
            return null;
        }
        return new SubstrateMode.Transient(s.stepSeconds, s.deadTimeSeconds);
    }

    /** Adds a capacitor from every node not held by a voltage source to ground. */
    private Circuit addCapacitance(SpecXml.Substrate s, Circuit circuit, SubstrateMode mode) {
        if (s.nodeCapacitanceFarads == null) {
            if (mode instanceof SubstrateMode.Transient && circuit.elements(Capacitor.class).isEmpty()) {
                problem(s, "transient mode needs capacitance: set nodeCapacitanceFarads=\"...\" or add capacitors");
            }
            return circuit;
        }
        boolean[] held = new boolean[circuit.nodeCount()];
        for (VoltageSource v : circuit.elements(VoltageSource.class)) {
            if (v.minus() == Circuit.GROUND) {
                held[v.plus()] = true;
            }
        }
        Circuit.Builder b = circuit.toBuilder();
        for (int n = 1; n < circuit.nodeCount(); n++) {
            String name = "cnode_" + circuit.nodeName(n).replaceAll("[^a-z0-9_]", "_");
            if (!held[n] && !circuit.hasElement(name)) {
                b.add(new Capacitor(name, n, Circuit.GROUND, s.nodeCapacitanceFarads));
            }
        }
        return b.build();
    }
}
