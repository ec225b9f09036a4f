package org.spicelearn.circuit;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A deliberately plain reference: the full modified nodal equations of a linear circuit (every
 * non-ground node voltage plus one branch current per voltage source and VCVS), assembled densely
 * and solved with commons-math3's LU. Capacitors are open (DC). Independent of the ideal substrate's
 * reduced sparse formulation, so the two check each other.
 */
public final class ReferenceSolver {
    private ReferenceSolver() {
    }

    /**
     * The DC node voltages of a linear circuit.
     *
     * @param circuit     resistors, independent sources, VCVS, VCCS, capacitors (open) only
     * @param sourceVolts DC overrides by source name (may be empty)
     * @throws IllegalArgumentException for diodes or behavioural sources
     */
    public static NodeVoltages solve(Circuit circuit, java.util.Map<String, Double> sourceVolts) {
        int n = circuit.nodeCount() - 1;
        List<Element> branches = new ArrayList<>();
        for (Element e : circuit.elements()) {
            if (e instanceof VoltageSource || e instanceof Vcvs) {
                branches.add(e);
            } else if (e instanceof Diode || e instanceof BehaviouralSource) {
                throw new IllegalArgumentException("the reference solver handles linear circuits only, not " + e.name());
            }
        }
        int size = n + branches.size();
        RealMatrix a = new Array2DRowRealMatrix(size, size);
        RealVector b = new ArrayRealVector(size);
        for (Element e : circuit.elements()) {
            if (e instanceof Resistor r) {
                double g = r.siemens();
                add(a, r.a(), r.a(), g);
                add(a, r.b(), r.b(), g);
                add(a, r.a(), r.b(), -g);
                add(a, r.b(), r.a(), -g);
            } else if (e instanceof CurrentSource i) {
                if (i.from() > 0) {
                    b.addToEntry(i.from() - 1, -i.dcAmps());
                }
                if (i.to() > 0) {
                    b.addToEntry(i.to() - 1, i.dcAmps());
                }
            } else if (e instanceof Vccs g) {
                double gm = g.transconductanceSiemens();
                add(a, g.outPlus(), g.ctrlPlus(), gm);
                add(a, g.outPlus(), g.ctrlMinus(), -gm);
                add(a, g.outMinus(), g.ctrlPlus(), -gm);
                add(a, g.outMinus(), g.ctrlMinus(), gm);
            }
        }
        for (int k = 0; k < branches.size(); k++) {
            int row = n + k;
            Element e = branches.get(k);
            int plus;
            int minus;
            if (e instanceof VoltageSource v) {
                plus = v.plus();
                minus = v.minus();
                b.setEntry(row, sourceVolts.getOrDefault(v.name(), v.dcVolts()));
            } else {
                Vcvs x = (Vcvs) e;
                plus = x.outPlus();
                minus = x.outMinus();
                addRow(a, row, x.ctrlPlus(), -x.gain());
                addRow(a, row, x.ctrlMinus(), x.gain());
            }
            addRow(a, row, plus, 1);
            addRow(a, row, minus, -1);
            if (plus > 0) {
                a.addToEntry(plus - 1, row, 1);
            }
            if (minus > 0) {
                a.addToEntry(minus - 1, row, -1);
            }
        }
        RealVector x = new LUDecomposition(a, 1e-300).getSolver().solve(b);
        double[] volts = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            volts[i] = x.getEntry(i - 1);
        }
        return NodeVoltages.of(volts, 0);
    }

    private static void add(RealMatrix a, int r, int c, double v) {
        if (r > 0 && c > 0) {
            a.addToEntry(r - 1, c - 1, v);
        }
    }

    private static void addRow(RealMatrix a, int row, int node, double v) {
        if (node > 0) {
            a.addToEntry(row, node - 1, v);
        }
    }
}
