package org.spicelearn.cli.spec;

import java.nio.file.Path;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.learn.data.LearningProblem;
import org.spicelearn.learn.data.TrainTestSplit;
import org.spicelearn.learn.train.TrainingConfig;
import org.spicelearn.learn.train.TrainingData;
import org.spicelearn.netlist.NetworkRoles;

/**
 * A training spec translated into learner values: the circuit to train (trainables applied,
 * node capacitances added), the encoded data, the configuration and the substrate choice.
 *
 * @param specFile       the spec file
 * @param spec           the spec as read (echoed into the result)
 * @param netlistFile    the netlist file
 * @param circuit        the circuit to train
 * @param roles          the roles to write into the trained netlist
 * @param problem        how data meet the circuit
 * @param split          the seeded train/test split (raw rows)
 * @param data           the encoded examples
 * @param config         the learner configuration
 * @param substrate      which substrate
 * @param integration    the transient integration rule (transient mode)
 * @param stepSeconds    the transient step, or NaN in DC mode
 */
public record TrainingSetup(Path specFile, SpecXml.Training spec, Path netlistFile, Circuit circuit,
                            NetworkRoles roles, LearningProblem problem, TrainTestSplit split, TrainingData data,
                            TrainingConfig config, SubstrateKind substrate, IntegrationMethod integration,
                            double stepSeconds) {

    /** Which substrate a spec asks for. */
    public enum SubstrateKind {
        /** The exact digital physics (circuit-models). */
        IDEAL,
        /** ngspice through libngspice (bridge). */
        NGSPICE
    }

    /** The same setup on another substrate (benchmarks, paired runs). */
    public TrainingSetup withSubstrate(SubstrateKind kind) {
        return new TrainingSetup(specFile, spec, netlistFile, circuit, roles, problem, split, data, config, kind,
                integration, stepSeconds);
    }

    /** The same setup with another configuration (seed or epochs changed). */
    public TrainingSetup withConfig(TrainingConfig newConfig) {
        return new TrainingSetup(specFile, spec, netlistFile, circuit, roles, problem, split, data, newConfig,
                substrate, integration, stepSeconds);
    }
}
