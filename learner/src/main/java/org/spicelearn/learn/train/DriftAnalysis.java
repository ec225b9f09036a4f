package org.spicelearn.learn.train;

import java.util.List;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.rule.ContrastiveRule;
import org.spicelearn.learn.rule.LocalRule;
import org.spicelearn.learn.rule.PhaseSignal;
import org.spicelearn.learn.rule.PhaseType;

/**
 * Exact expectations of updates at fixed conductances (DC states), for checking that temporally
 * local phase dynamics drift like the rigid rule. Nothing is sampled: the expectation over phase
 * draws is a sum over the two phase types weighted by their probabilities and mean lengths.
 */
public final class DriftAnalysis {
    private DriftAnalysis() {
    }

    /** The settled positive and negative states of one example under a rule. */
    private static NodeVoltages[] states(Substrate substrate, NetworkPorts ports, ContrastiveRule rule, Example ex) {
        double[] freeOut = null;
        if (rule.needsFreeOutputs()) {
            substrate.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
            freeOut = ports.outputVolts(substrate.settle());
        }
        NodeVoltages[] out = new NodeVoltages[2];
        for (PhaseType t : PhaseType.values()) {
            substrate.setBoundary(ports.boundary(ex, rule.boundary(t, ports.outputNodes(), ex.targetVolts(), freeOut)));
            out[t.ordinal()] = substrate.settle();
        }
        return out;
    }

    /**
     * The rigid update per pair averaged over {@code examples}, for unit phase lengths:
     * {@code -eta * gain * [h(V+) - h(V-)]} per edge, in siemens.
     */
    public static double[] rigidUpdate(Substrate substrate, NetworkPorts ports, ContrastiveRule rule,
                                       List<Example> examples, double eta) {
        LocalRule local = rule.localRule();
        double[] g = substrate.conductances().toArray();
        double[] sum = new double[ports.edgeCount()];
        for (Example ex : examples) {
            NodeVoltages[] v = states(substrate, ports, rule, ex);
            for (PhaseType t : PhaseType.values()) {
                PhaseSignal signal = new PhaseSignal(t, 1.0, eta);
                for (int e = 0; e < sum.length; e++) {
                    sum[e] += local.deltaSiemens(ports.sense(v[t.ordinal()], e, g[e]), signal) / examples.size();
                }
            }
        }
        return sum;
    }

    /**
     * The exact expected update of one temporally local phase (DC mode, synchronous edges),
     * averaged over {@code examples}: {@code sum_c P(c) mu_c (-eta gain w_c s_c h(V_c))}. With
     * importance weights it equals {@code (p mu_+ + (1-p) mu_-)/2} times {@link #rigidUpdate}.
     */
    public static double[] expectedPhaseUpdate(Substrate substrate, NetworkPorts ports, ContrastiveRule rule,
                                               PhaseDynamics.TemporallyLocal dynamics, List<Example> examples,
                                               double eta) {
        LocalRule local = rule.localRule();
        double[] g = substrate.conductances().toArray();
        double[] sum = new double[ports.edgeCount()];
        for (Example ex : examples) {
            NodeVoltages[] v = states(substrate, ports, rule, ex);
            for (PhaseType t : PhaseType.values()) {
                PhaseSignal signal = new PhaseSignal(t, dynamics.weight(t), eta);
                double mass = dynamics.probability(t) * dynamics.meanLength(t) / examples.size();
                for (int e = 0; e < sum.length; e++) {
                    sum[e] += mass * local.deltaSiemens(ports.sense(v[t.ordinal()], e, g[e]), signal);
                }
            }
        }
        return sum;
    }

    /** The cosine of the angle between two vectors. */
    public static double cosine(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    /** The Euclidean norm. */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
