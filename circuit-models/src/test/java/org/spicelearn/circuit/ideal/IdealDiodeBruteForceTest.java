package org.spicelearn.circuit.ideal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.ReferenceSolver;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.VoltageSource;

/**
 * Ideal diodes anywhere (also between two free nodes) against brute force: every subset of diodes
 * taken as conducting (each a source at its threshold), solved by the dense reference; the optimum
 * is the feasible candidate of least co-content.
 */
class IdealDiodeBruteForceTest {

    private static double coContent(Circuit c, double[] v) {
        double e = 0;
        for (Resistor r : c.elements(Resistor.class)) {
            double d = v[r.a()] - v[r.b()];
            e += 0.5 * r.siemens() * d * d;
        }
        return e;
    }

    /** The optimum by enumeration of conducting sets. */
    private static double[] bruteForce(Circuit c) {
        List<Diode> diodes = c.elements(Diode.class);
        double[] best = null;
        double bestEnergy = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << diodes.size(); mask++) {
            Circuit.Builder b = Circuit.builder("candidate");
            for (int i = 1; i < c.nodeCount(); i++) {
                b.node(c.nodeName(i));
            }
            for (Element e : c.elements()) {
                if (!(e instanceof Diode)) {
                    b.add(e);
                }
            }
            for (int k = 0; k < diodes.size(); k++) {
                if ((mask >> k & 1) == 1) {
                    Diode d = diodes.get(k);
                    b.add(VoltageSource.dc("v" + d.name(), d.anode(), d.cathode(),
                            ((DiodeModel.Ideal) d.model()).thresholdVolts()));
                }
            }
            double[] v;
            try {
                v = ReferenceSolver.solve(b.build(), Map.of()).toArray();
            } catch (RuntimeException singular) {
                continue;
            }
            boolean feasible = true;
            for (Diode d : diodes) {
                feasible &= v[d.anode()] - v[d.cathode()] <= ((DiodeModel.Ideal) d.model()).thresholdVolts() + 1e-12;
            }
            double energy = coContent(c, v);
            if (feasible && energy < bestEnergy) {
                bestEnergy = energy;
                best = v;
            }
        }
        return best;
    }

    @Test
    void coupledIdealDiodesReachTheBruteForceOptimum() {
        int compared = 0;
        int conducting = 0;
        for (long seed = 0; seed < 150; seed++) {
            Circuit c = RandomCircuits.withCoupledIdealDiodes(seed);
            if (c.elements(Diode.class).isEmpty()) {
                continue;
            }
            double[] expected = bruteForce(c);
            NodeVoltages v = new IdealSubstrate(c).settle();
            for (int node = 0; node < c.nodeCount(); node++) {
                assertEquals(expected[node], v.volts(node), 1e-10, "seed " + seed + " node " + c.nodeName(node));
            }
            for (Diode d : c.elements(Diode.class)) {
                double drop = v.dropVolts(d.anode(), d.cathode());
                if (Math.abs(drop - ((DiodeModel.Ideal) d.model()).thresholdVolts()) < 1e-12) {
                    conducting++;
                }
            }
            compared++;
        }
        assertTrue(compared > 120, "compared " + compared);
        assertTrue(conducting > 50, "only " + conducting + " diodes conduct: the test would be vacuous");
    }
}
