package org.spicelearn.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.ideal.IdealSubstrate;
import org.spicelearn.learn.Rng;
import org.spicelearn.learn.data.BuiltinData;
import org.spicelearn.learn.data.DataTable;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.data.InputBinding;
import org.spicelearn.learn.data.InputScaling;
import org.spicelearn.learn.data.LearningProblem;
import org.spicelearn.learn.data.Task;
import org.spicelearn.learn.data.TrainTestSplit;
import org.spicelearn.learn.train.NetworkPorts;
import org.spicelearn.learn.train.TrainingData;
import org.spicelearn.netlist.NetlistException;
import org.spicelearn.netlist.NetlistParser;
import org.spicelearn.netlist.NetworkRoles;
import org.spicelearn.netlist.ParsedNetlist;

/**
 * A library network with its data, ready to train: the netlist of {@code netlists/library/} (its
 * {@code *@spicelearn} roles bind data columns to sources and outputs) and the encoded examples.
 * Features are scaled min-max to [-1, 1] (fitted on the training rows) before the roles' volts per
 * unit; class targets are {@value #HIGH_VOLTS} V at the true class's output and {@value #LOW_VOLTS} V
 * elsewhere; regression targets are scaled likewise.
 *
 * @param name    task name (e.g. {@code iris})
 * @param circuit the network
 * @param data    encoded training and test examples
 */
public record TrainingTask(String name, Circuit circuit, TrainingData data) {
    /** Target of the true class's output, volts. */
    public static final double HIGH_VOLTS = 0.3;
    /** Target of the other outputs, volts. */
    public static final double LOW_VOLTS = -0.3;
    /**
     * Gain applied to the roles' volts per unit: min-max scaled features in [-1, 1] become
     * [-gain, gain] V, enough to drive hidden nodes past the diode limits (about +/-1.1 V with the
     * library's +/-0.5 V diode sources), where the network is nonlinear.
     */
    public static final double INPUT_GAIN = 3;

    /** The tasks of the flexible-vs-rigid experiment. */
    public enum Kind {
        /** XOR of two inputs on {@code xor.cir} (regression; correct when the output is on the target's side of 0 V). */
        XOR("xor", "xor.cir"),
        /** Iris species on {@code iris-4-10-3.cir}, 30% held out. */
        IRIS("iris", "iris-4-10-3.cir"),
        /** scikit-learn digits on {@code digits-64-32-10.cir}, 30% held out (subsampled in the quick suite). */
        DIGITS("digits", "digits-64-32-10.cir"),
        /**
         * A disordered regression task on {@code disordered-64.cir}: the targets are the outputs of a
         * teacher, the same network with other random conductances, for random inputs.
         */
        DISORDERED("disordered", "disordered-64.cir");

        private final String taskName;
        private final String file;

        Kind(String taskName, String file) {
            this.taskName = taskName;
            this.file = file;
        }

        /** The task's name. */
        public String taskName() {
            return taskName;
        }
    }

    /**
     * Parses a netlist of the library.
     *
     * @throws IllegalArgumentException carrying the parser's located problems
     */
    public static ParsedNetlist parseNetlist(Path file) {
        try {
            return NetlistParser.parse(file);
        } catch (NetlistException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Whether accuracy is meaningful (classification, or XOR read as a sign). */
    public boolean hasAccuracy() {
        return data.classification() || name.equals("xor");
    }

    /**
     * Loads a task.
     *
     * @param kind       which task
     * @param library    the netlist library directory
     * @param seed       seed of the split and of generated data
     * @param maxRows    at most this many rows of the data set (0: all)
     */
    public static TrainingTask load(Kind kind, Path library, long seed, int maxRows) {
        ParsedNetlist parsed = parseNetlist(library.resolve(kind.file));
        Circuit c = parsed.circuit();
        NetworkRoles roles = parsed.roles();
        List<InputBinding> inputs = roles.inputs().stream()
                .map(i -> new InputBinding(i.source(), i.column(), INPUT_GAIN * i.scaleVoltsPerUnit(), i.offsetVolts())).toList();
        List<String> outs = roles.outputs().stream().map(NetworkRoles.Output::node).toList();
        DataTable table;
        Task task;
        double testFraction = 0.3;
        switch (kind) {
            case XOR:
                table = new DataTable("xor", List.of("x1", "x2", "y"),
                        new double[][] {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}});
                task = new Task.Regression(outs, List.of("y"), HIGH_VOLTS - LOW_VOLTS, LOW_VOLTS);
                testFraction = 0;
                break;
            case IRIS:
                table = BuiltinData.IRIS.load();
                task = new Task.Classification(BuiltinData.IRIS.labelColumn(), outs, HIGH_VOLTS, LOW_VOLTS);
                break;
            case DIGITS:
                table = BuiltinData.DIGITS.load();
                task = new Task.Classification(BuiltinData.DIGITS.labelColumn(), outs, HIGH_VOLTS, LOW_VOLTS);
                break;
            default:
                table = teacherTable(c, roles, seed, maxRows > 0 ? maxRows : 200);
                task = new Task.Regression(outs, roles.outputs().stream().map(NetworkRoles.Output::label).toList(), 1, 0);
                break;
        }
        if (maxRows > 0 && table.size() > maxRows) {
            table = TrainTestSplit.of(table, 1.0 - (double) maxRows / table.size(), seed).train();
        }
        LearningProblem problem = new LearningProblem(inputs, kind == Kind.DISORDERED ? new InputScaling.None()
                : new InputScaling.MinMax(), task);
        TrainTestSplit split = TrainTestSplit.of(table, testFraction, seed);
        List<Example> train = problem.encode(split.train(), split.train());
        List<Example> test = split.test().size() == 0 ? List.of() : problem.encode(split.train(), split.test());
        TrainingData data = new TrainingData(problem.sourceNames(), outs, train, test, task instanceof Task.Classification);
        return new TrainingTask(kind.taskName(), c, data);
    }

    /**
     * Random inputs in [-1, 1] V and the outputs of a teacher network: the same topology with
     * conductances drawn log-uniformly in [1e-4, 1e-3] S.
     */
    private static DataTable teacherTable(Circuit c, NetworkRoles roles, long seed, int rows) {
        Rng rng = new Rng(seed + 4242);
        double[] g = new double[c.trainables().size()];
        for (int e = 0; e < g.length; e++) {
            g[e] = c.trainables().get(e).bounds().clip(1e-4 * Math.exp(Math.log(10) * rng.nextDouble()));
        }
        Circuit teacher = c.withConductances(Conductances.of(g));
        List<String> columns = new ArrayList<>();
        roles.inputs().forEach(i -> columns.add(i.column()));
        roles.outputs().forEach(o -> columns.add(o.label()));
        List<String> sources = roles.inputs().stream().map(NetworkRoles.Input::source).toList();
        List<String> outs = roles.outputs().stream().map(NetworkRoles.Output::node).toList();
        NetworkPorts ports = new NetworkPorts(teacher, sources, outs);
        double[][] table = new double[rows][columns.size()];
        try (IdealSubstrate s = new IdealSubstrate(teacher)) {
            for (int r = 0; r < rows; r++) {
                double[] in = new double[sources.size()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = 2 * rng.nextDouble() - 1;
                    table[r][i] = in[i];
                }
                Example probe = new Example(in, new double[outs.size()], -1);
                BoundaryConditions bc = ports.boundary(probe, OutputBoundary.FREE);
                s.setBoundary(bc);
                double[] out = ports.outputVolts(s.settle());
                System.arraycopy(out, 0, table[r], in.length, out.length);
            }
        }
        return new DataTable("teacher:" + c.title().toLowerCase(Locale.ROOT), columns, table);
    }
}
