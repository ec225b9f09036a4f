package org.spicelearn.validation.calibration;

import java.nio.file.Path;
import java.util.List;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.learn.data.BuiltinData;
import org.spicelearn.learn.data.InputBinding;
import org.spicelearn.learn.data.InputScaling;
import org.spicelearn.learn.data.LearningProblem;
import org.spicelearn.learn.data.Task;
import org.spicelearn.learn.data.TrainTestSplit;
import org.spicelearn.learn.device.DeviceModel;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.SubstrateMode;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.Nudging;
import org.spicelearn.learn.train.LearningRateSchedule;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingData;
import org.spicelearn.netlist.NetlistException;
import org.spicelearn.netlist.NetlistParser;
import org.spicelearn.netlist.NetworkRoles;
import org.spicelearn.netlist.ParsedNetlist;

/**
 * A classification task for hardware in the loop, read from a netlist's {@code *@spicelearn} roles
 * (its {@code task classification dataset=NAME} naming a built-in data set, its inputs and outputs;
 * the acceptance uses {@code iris-4-10-3.cir}): features scaled min-max to [-1, 1] then by
 * {@value #INPUT_GAIN} volts per unit through the input roles,
 * class targets {@value #HIGH_VOLTS} V / {@value #LOW_VOLTS} V, 30% held out (seeded), and the
 * training configuration used both on the ideal substrate and in the loop: rigid centred EP
 * (beta {@value #BETA_SIEMENS} S, one update per free/nudged pair, so one {@code PULSE} round trip
 * per sample on hardware), constant rate {@value #ETA}; fine-tuning after transfer runs at a quarter
 * of that rate. (The temporally local dynamics did not reach the rigid baseline's accuracy on this
 * network with these rates in a quick search, and every local phase would cost its own round trip.)
 *
 * @param circuit the network
 * @param data    the encoded examples
 */
public record HilTask(Circuit circuit, TrainingData data) {
    /** Volts per scaled feature unit. */
    public static final double INPUT_GAIN = 3;
    /** Target of the true class, volts. */
    public static final double HIGH_VOLTS = 0.3;
    /** Target of the other classes, volts. */
    public static final double LOW_VOLTS = -0.3;
    /** Nudge strength, siemens. */
    public static final double BETA_SIEMENS = 1e-4;
    /** Learning rate (siemens per volt squared per update, scaled by 1/(2 beta) in the rule). */
    public static final double ETA = 1e-8;

    /**
     * Loads the task.
     *
     * @throws IllegalArgumentException naming the netlist's problems
     */
    public static HilTask load(Path netlist, long seed) {
        ParsedNetlist parsed;
        try {
            parsed = NetlistParser.parse(netlist);
        } catch (NetlistException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<InputBinding> inputs = parsed.roles().inputs().stream()
                .map(i -> new InputBinding(i.source(), i.column(), INPUT_GAIN * i.scaleVoltsPerUnit(), i.offsetVolts()))
                .toList();
        List<String> outs = parsed.roles().outputs().stream().map(NetworkRoles.Output::node).toList();
        if (inputs.isEmpty() || outs.isEmpty()) {
            throw new IllegalArgumentException(netlist + ": no *@spicelearn input and output roles");
        }
        NetworkRoles.Task role = parsed.roles().task();
        BuiltinData dataset = role == null ? null : BuiltinData.byName(role.dataset());
        if (dataset == null || dataset.labelColumn() == null || role.kind() != NetworkRoles.TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException(netlist + ": needs a '*@spicelearn task classification dataset=NAME' line "
                    + "naming a built-in classification data set (iris or digits)");
        }
        LearningProblem problem = new LearningProblem(inputs, new InputScaling.MinMax(),
                new Task.Classification(dataset.labelColumn(), outs, HIGH_VOLTS, LOW_VOLTS));
        TrainTestSplit split = TrainTestSplit.of(dataset.load(), 0.3, seed);
        TrainingData data = new TrainingData(problem.sourceNames(), outs, problem.encode(split.train(), split.train()),
                problem.encode(split.train(), split.test()), true);
        return new HilTask(parsed.circuit(), data);
    }

    /** The training configuration for {@code epochs} epochs. */
    public static TrainingConfig config(int epochs, long seed) {
        return config(epochs, seed, ETA);
    }

    /**
     * The fine-tuning configuration: the same rule at {@value #FINE_TUNE_RATE_FACTOR} of the rate.
     * Near a trained optimum each pulse's quantisation noise outweighs the small gradient signal, and
     * a lower rate sends proportionally fewer (stochastically rounded) pulses.
     */
    public static TrainingConfig fineTuneConfig(int epochs, long seed) {
        return config(epochs, seed, ETA * FINE_TUNE_RATE_FACTOR);
    }

    /** Learning rate of fine-tuning relative to {@link #ETA}. */
    public static final double FINE_TUNE_RATE_FACTOR = 0.25;

    private static TrainingConfig config(int epochs, long seed, double eta) {
        return new TrainingConfig(new ContrastiveRule.EquilibriumPropagation(Nudging.CENTRED, BETA_SIEMENS),
                new PhaseDynamics.Rigid(1, 1), new SubstrateMode.Dc(), new DeviceModel.Ideal(),
                new LearningRateSchedule.Constant(eta), epochs, seed);
    }
}
