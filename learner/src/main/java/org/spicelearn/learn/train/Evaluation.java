package org.spicelearn.learn.train;

import java.util.List;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.learn.data.Example;

/**
 * Mean free-state cost and accuracy of a substrate on a set of examples (each example settled to
 * its DC equilibrium with free outputs).
 *
 * @param loss     mean cost, volts squared (NaN for no examples)
 * @param accuracy fraction of examples whose argmax output is the label (NaN for regression or no examples)
 */
public record Evaluation(double loss, double accuracy) {

    /** Evaluates {@code examples} on {@code substrate}. */
    public static Evaluation of(Substrate substrate, NetworkPorts ports, List<Example> examples, boolean classification) {
        if (examples.isEmpty()) {
            return new Evaluation(Double.NaN, Double.NaN);
        }
        double loss = 0;
        int correct = 0;
        for (Example ex : examples) {
            substrate.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
            NodeVoltages v = substrate.settle();
            loss += ports.cost(v, ex);
            if (classification && ports.predictedClass(v) == ex.label()) {
                correct++;
            }
        }
        return new Evaluation(loss / examples.size(), classification ? (double) correct / examples.size() : Double.NaN);
    }
}
