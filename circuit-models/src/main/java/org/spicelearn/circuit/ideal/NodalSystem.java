package org.spicelearn.circuit.ideal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spicelearn.circuit.BehaviouralSource;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.CurrentSource;
import org.spicelearn.circuit.Diode;
import org.spicelearn.circuit.DiodeModel;
import org.spicelearn.circuit.Element;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.SubstrateException;
import org.spicelearn.circuit.Vccs;
import org.spicelearn.circuit.Vcvs;
import org.spicelearn.circuit.VoltageSource;

/**
 * The compiled nodal equations of a circuit: which node voltages are unknown, the sparsity pattern
 * of the reduced modified-nodal matrix, and precomputed stamp positions so that assembling new
 * values costs one pass over the elements.
 *
 * <p>Independent voltage sources are eliminated by substitution: the sources form a forest; every
 * tree holding ground fixes its nodes, every other tree is a super-node whose voltages are its
 * root's unknown plus known offsets. With only resistors, diodes, capacitors, independent sources
 * and nudges the reduced matrix is symmetric (the Hessian of the co-content) and factorised by
 * {@link SparseLdl}; VCVS branch currents and VCCS couplings make it non-symmetric, factorised by
 * {@link SparseLu} with a static row order (dense LU with partial pivoting when that fails). Every node voltage is {@code V = u[unknownOf[node]] +
 * known[node]} ({@code u} term absent when {@code unknownOf[node] < 0}).
 */
final class NodalSystem {
    /** Two-terminal conductive branches of one kind, with their stamp positions. */
    static final class Branches {
        final int count;
        final int[] a;
        final int[] b;
        final int[] ua;
        final int[] ub;
        final int[] pAA;
        final int[] pBB;
        final int[] pAB;
        final int[] pBA;

        Branches(int count) {
            this.count = count;
            a = new int[count];
            b = new int[count];
            ua = new int[count];
            ub = new int[count];
            pAA = new int[count];
            pBB = new int[count];
            pAB = new int[count];
            pBA = new int[count];
        }
    }

    final Circuit circuit;
    final int nodeCount;
    final int nodeUnknowns;
    final int size;
    final boolean symmetric;
    final int[] unknownOf;

    final List<VoltageSource> voltageSources = new ArrayList<>();
    private final int[] forestOrder;
    private final int[] forestParent;
    private final int[] forestSource;
    private final double[] forestSign;

    final Branches resistors;
    final double[] fixedResistorSiemens;
    final int[] trainableRow;
    final Branches shockley;
    final DiodeModel.Shockley[] shockleyModels;
    final String[] shockleyNames;
    final Branches ideal;
    final double[] idealThresholdVolts;
    final String[] idealNames;
    final Branches capacitors;
    final double[] farads;
    final List<CurrentSource> currentSources = new ArrayList<>();
    private final int[] csFrom;
    private final int[] csTo;

    private final List<Vcvs> vcvs = new ArrayList<>();
    private final List<Vccs> vccs = new ArrayList<>();
    private int[] controlledPos;
    private double[] controlledCoeff;
    private int[] controlledRowStart;

    final int[] rowPtr;
    final int[] colIdx;
    final int[] transPos;
    final int[] diagPos;

    NodalSystem(Circuit circuit) {
        this.circuit = circuit;
        nodeCount = circuit.nodeCount();
        List<Resistor> res = new ArrayList<>();
        List<Diode> shock = new ArrayList<>();
        List<Diode> ideals = new ArrayList<>();
        List<Capacitor> caps = new ArrayList<>();
        for (Element e : circuit.elements()) {
            if (e instanceof BehaviouralSource b) {
                throw new SubstrateException("the ideal substrate cannot simulate behavioural source " + b.name()
                        + "; use the ngspice substrate");
            } else if (e instanceof Resistor r) {
                res.add(r);
            } else if (e instanceof Diode d) {
                (d.model() instanceof DiodeModel.Ideal ? ideals : shock).add(d);
            } else if (e instanceof Capacitor c) {
                caps.add(c);
            } else if (e instanceof VoltageSource v) {
                voltageSources.add(v);
            } else if (e instanceof CurrentSource i) {
                currentSources.add(i);
            } else if (e instanceof Vcvs x) {
                vcvs.add(x);
            } else if (e instanceof Vccs g) {
                vccs.add(g);
            }
        }
        symmetric = vcvs.isEmpty() && vccs.isEmpty();

        // --- voltage-source forest
        forestParent = new int[nodeCount];
        forestSource = new int[nodeCount];
        forestSign = new double[nodeCount];
        Arrays.fill(forestParent, -1);
        int[] uf = new int[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            uf[i] = i;
        }
        List<List<int[]>> incident = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            incident.add(new ArrayList<>());
        }
        for (int s = 0; s < voltageSources.size(); s++) {
            VoltageSource v = voltageSources.get(s);
            int ra = find(uf, v.plus());
            int rb = find(uf, v.minus());
            if (ra == rb) {
                throw new SubstrateException("voltage source " + v.name()
                        + " closes a loop of voltage sources (or is shorted); the ideal substrate cannot solve it");
            }
            uf[ra] = rb;
            incident.get(v.plus()).add(new int[] {s, v.minus(), 1});
            incident.get(v.minus()).add(new int[] {s, v.plus(), -1});
        }
        unknownOf = new int[nodeCount];
        Arrays.fill(unknownOf, Integer.MIN_VALUE);
        boolean[] visited = new boolean[nodeCount];
        int[] order = new int[nodeCount];
        int orderLen = 0;
        int unknowns = 0;
        for (int root = 0; root < nodeCount; root++) {
            if (visited[root]) {
                continue;
            }
            int unknown = root == Circuit.GROUND ? -1 : unknowns++;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(root);
            visited[root] = true;
            unknownOf[root] = unknown;
            while (!queue.isEmpty()) {
                int x = queue.poll();
                for (int[] edge : incident.get(x)) {
                    int y = edge[1];
                    if (!visited[y]) {
                        visited[y] = true;
                        unknownOf[y] = unknown;
                        forestParent[y] = x;
                        forestSource[y] = edge[0];
                        // edge[2] = +1 when x is the plus node: V(y) = V(x) - E; else V(y) = V(x) + E
                        forestSign[y] = -edge[2];
                        order[orderLen++] = y;
                        queue.add(y);
                    }
                }
            }
        }
        forestOrder = Arrays.copyOf(order, orderLen);
        nodeUnknowns = unknowns;
        size = nodeUnknowns + vcvs.size();

        // --- pattern
        PatternBuilder pattern = new PatternBuilder(size);
        for (int i = 0; i < size; i++) {
            pattern.add(i, i);
        }
        resistors = branches(res.size(), k -> res.get(k).a(), k -> res.get(k).b(), pattern);
        shockley = branches(shock.size(), k -> shock.get(k).anode(), k -> shock.get(k).cathode(), pattern);
        ideal = branches(ideals.size(), k -> ideals.get(k).anode(), k -> ideals.get(k).cathode(), pattern);
        capacitors = branches(caps.size(), k -> caps.get(k).a(), k -> caps.get(k).b(), pattern);
        for (int j = 0; j < vcvs.size(); j++) {
            Vcvs x = vcvs.get(j);
            int q = nodeUnknowns + j;
            for (int node : new int[] {x.outPlus(), x.outMinus(), x.ctrlPlus(), x.ctrlMinus()}) {
                pattern.addSymmetric(q, unknownOf[node]);
            }
        }
        for (Vccs g : vccs) {
            for (int out : new int[] {g.outPlus(), g.outMinus()}) {
                for (int ctrl : new int[] {g.ctrlPlus(), g.ctrlMinus()}) {
                    pattern.addSymmetric(unknownOf[out], unknownOf[ctrl]);
                }
            }
        }
        long[] keys = pattern.sortedKeys();
        rowPtr = new int[size + 1];
        colIdx = new int[keys.length];
        for (int p = 0; p < keys.length; p++) {
            int r = (int) (keys[p] / size);
            colIdx[p] = (int) (keys[p] % size);
            rowPtr[r + 1]++;
        }
        for (int r = 0; r < size; r++) {
            rowPtr[r + 1] += rowPtr[r];
        }
        transPos = new int[keys.length];
        for (int r = 0; r < size; r++) {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                transPos[p] = position(colIdx[p], r);
            }
        }
        diagPos = new int[size];
        for (int r = 0; r < size; r++) {
            diagPos[r] = position(r, r);
        }
        fillPositions(resistors);
        fillPositions(shockley);
        fillPositions(ideal);
        fillPositions(capacitors);
        buildControlledStamps();

        fixedResistorSiemens = new double[res.size()];
        trainableRow = new int[circuit.trainables().size()];
        int t = 0;
        for (int k = 0; k < res.size(); k++) {
            fixedResistorSiemens[k] = res.get(k).siemens();
            if (res.get(k).trainable()) {
                trainableRow[t++] = k;
            }
        }
        shockleyModels = new DiodeModel.Shockley[shock.size()];
        shockleyNames = new String[shock.size()];
        for (int k = 0; k < shock.size(); k++) {
            shockleyModels[k] = (DiodeModel.Shockley) shock.get(k).model();
            shockleyNames[k] = shock.get(k).name();
        }
        idealThresholdVolts = new double[ideals.size()];
        idealNames = new String[ideals.size()];
        for (int k = 0; k < ideals.size(); k++) {
            idealThresholdVolts[k] = ((DiodeModel.Ideal) ideals.get(k).model()).thresholdVolts();
            idealNames[k] = ideals.get(k).name();
        }
        farads = new double[caps.size()];
        for (int k = 0; k < caps.size(); k++) {
            farads[k] = caps.get(k).farads();
        }
        csFrom = new int[currentSources.size()];
        csTo = new int[currentSources.size()];
        for (int k = 0; k < currentSources.size(); k++) {
            csFrom[k] = unknownOf[currentSources.get(k).from()];
            csTo[k] = unknownOf[currentSources.get(k).to()];
        }
    }

    private static int find(int[] uf, int x) {
        while (uf[x] != x) {
            uf[x] = uf[uf[x]];
            x = uf[x];
        }
        return x;
    }

    private Branches branches(int count, java.util.function.IntUnaryOperator aOf, java.util.function.IntUnaryOperator bOf,
                              PatternBuilder pattern) {
        Branches br = new Branches(count);
        for (int k = 0; k < count; k++) {
            br.a[k] = aOf.applyAsInt(k);
            br.b[k] = bOf.applyAsInt(k);
            int ua = unknownOf[br.a[k]];
            int ub = unknownOf[br.b[k]];
            if (ua == ub) {
                ua = -1;
                ub = -1;
            }
            br.ua[k] = ua;
            br.ub[k] = ub;
            pattern.addSymmetric(ua, ub);
        }
        return br;
    }

    private void fillPositions(Branches br) {
        for (int k = 0; k < br.count; k++) {
            int ua = br.ua[k];
            int ub = br.ub[k];
            br.pAA[k] = ua >= 0 ? diagPos[ua] : -1;
            br.pBB[k] = ub >= 0 ? diagPos[ub] : -1;
            br.pAB[k] = ua >= 0 && ub >= 0 ? position(ua, ub) : -1;
            br.pBA[k] = ua >= 0 && ub >= 0 ? position(ub, ua) : -1;
        }
    }

    /** The CSR position of entry (r, c); it must be in the pattern. */
    int position(int r, int c) {
        int lo = rowPtr[r];
        int hi = rowPtr[r + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (colIdx[mid] < c) {
                lo = mid + 1;
            } else if (colIdx[mid] > c) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        throw new IllegalStateException("entry (" + r + ", " + c + ") not in the pattern");
    }

    private void buildControlledStamps() {
        List<int[]> pos = new ArrayList<>();
        List<Double> coeff = new ArrayList<>();
        controlledRowStart = new int[vcvs.size() + vccs.size() + 1];
        int item = 0;
        for (int j = 0; j < vcvs.size(); j++) {
            Vcvs x = vcvs.get(j);
            int q = nodeUnknowns + j;
            addStamp(pos, coeff, unknownOf[x.outPlus()], q, 1);
            addStamp(pos, coeff, unknownOf[x.outMinus()], q, -1);
            addStamp(pos, coeff, q, unknownOf[x.outPlus()], 1);
            addStamp(pos, coeff, q, unknownOf[x.outMinus()], -1);
            addStamp(pos, coeff, q, unknownOf[x.ctrlPlus()], -x.gain());
            addStamp(pos, coeff, q, unknownOf[x.ctrlMinus()], x.gain());
            controlledRowStart[++item] = pos.size();
        }
        for (Vccs g : vccs) {
            double gm = g.transconductanceSiemens();
            addStamp(pos, coeff, unknownOf[g.outPlus()], unknownOf[g.ctrlPlus()], gm);
            addStamp(pos, coeff, unknownOf[g.outPlus()], unknownOf[g.ctrlMinus()], -gm);
            addStamp(pos, coeff, unknownOf[g.outMinus()], unknownOf[g.ctrlPlus()], -gm);
            addStamp(pos, coeff, unknownOf[g.outMinus()], unknownOf[g.ctrlMinus()], gm);
            controlledRowStart[++item] = pos.size();
        }
        controlledPos = new int[pos.size()];
        controlledCoeff = new double[pos.size()];
        for (int i = 0; i < pos.size(); i++) {
            controlledPos[i] = pos.get(i)[0];
            controlledCoeff[i] = coeff.get(i);
        }
    }

    private void addStamp(List<int[]> pos, List<Double> coeff, int r, int c, double value) {
        if (r >= 0 && c >= 0) {
            pos.add(new int[] {position(r, c)});
            coeff.add(value);
        }
    }

    /** Whether any diode, Shockley or ideal, is present. */
    boolean hasDiodes() {
        return shockley.count > 0 || ideal.count > 0;
    }

    /**
     * The known part of every node voltage for the given voltage-source values (absolute volts for
     * source-fixed nodes, offsets from the super-node's unknown otherwise).
     */
    double[] knownVolts(double[] sourceVolts) {
        double[] known = new double[nodeCount];
        for (int node : forestOrder) {
            known[node] = known[forestParent[node]] + forestSign[node] * sourceVolts[forestSource[node]];
        }
        return known;
    }

    /** The node voltages for unknowns {@code u} and known parts {@code known}. */
    double[] nodeVolts(double[] u, double[] known) {
        double[] v = new double[nodeCount];
        for (int node = 1; node < nodeCount; node++) {
            int k = unknownOf[node];
            v[node] = (k >= 0 ? u[k] : 0) + known[node];
        }
        return v;
    }

    /** Adds conductances {@code siemens[k]} (or {@code scalar} when {@code siemens} is null) of a branch set. */
    void stampBranches(Branches br, double[] siemens, double scalar, double[] known, double[] vals, double[] rhs) {
        for (int k = 0; k < br.count; k++) {
            stampConductance(br, k, siemens == null ? scalar : siemens[k], known, vals, rhs);
        }
    }

    /** Adds one branch's conductance {@code g} to the matrix and its known-voltage part to the right-hand side. */
    void stampConductance(Branches br, int k, double g, double[] known, double[] vals, double[] rhs) {
        int ua = br.ua[k];
        int ub = br.ub[k];
        if (ua < 0 && ub < 0) {
            return;
        }
        double kd = known[br.a[k]] - known[br.b[k]];
        if (ua >= 0) {
            vals[br.pAA[k]] += g;
            rhs[ua] -= g * kd;
        }
        if (ub >= 0) {
            vals[br.pBB[k]] += g;
            rhs[ub] += g * kd;
        }
        if (br.pAB[k] >= 0) {
            vals[br.pAB[k]] -= g;
            vals[br.pBA[k]] -= g;
        }
    }

    /** Adds a current of {@code amps} flowing from unknown {@code ua} to unknown {@code ub} through an element. */
    static void addCurrent(int ua, int ub, double amps, double[] rhs) {
        if (ua >= 0) {
            rhs[ua] -= amps;
        }
        if (ub >= 0) {
            rhs[ub] += amps;
        }
    }

    /** Adds the independent current sources with the given values, in amps. */
    void stampCurrentSources(double[] amps, double[] rhs) {
        for (int k = 0; k < amps.length; k++) {
            addCurrent(csFrom[k], csTo[k], amps[k], rhs);
        }
    }

    /** Adds the controlled sources (VCVS constraint rows and VCCS couplings). */
    void stampControlled(double[] known, double[] vals, double[] rhs) {
        for (int i = 0; i < controlledPos.length; i++) {
            vals[controlledPos[i]] += controlledCoeff[i];
        }
        for (int j = 0; j < vcvs.size(); j++) {
            Vcvs x = vcvs.get(j);
            rhs[nodeUnknowns + j] -= known[x.outPlus()] - known[x.outMinus()]
                    - x.gain() * (known[x.ctrlPlus()] - known[x.ctrlMinus()]);
        }
        for (Vccs g : vccs) {
            double amps = g.transconductanceSiemens() * (known[g.ctrlPlus()] - known[g.ctrlMinus()]);
            addCurrent(unknownOf[g.outPlus()], unknownOf[g.outMinus()], amps, rhs);
        }
    }

    /**
     * Replaces the rows and columns of the unknowns marked in {@code fixed} by identity rows holding
     * {@code values}, moving their couplings to the right-hand side (the pattern is unchanged).
     */
    void applyFixed(boolean[] fixed, double[] values, double[] vals, double[] rhs) {
        for (int k = 0; k < size; k++) {
            if (!fixed[k]) {
                continue;
            }
            double value = values[k];
            for (int p = rowPtr[k]; p < rowPtr[k + 1]; p++) {
                int j = colIdx[p];
                if (j != k) {
                    int t = transPos[p];
                    if (!fixed[j]) {
                        rhs[j] -= vals[t] * value;
                    }
                    vals[t] = 0;
                    vals[p] = 0;
                } else {
                    vals[p] = 1;
                }
            }
            rhs[k] = value;
        }
    }

    /** {@code out = A u} for the CSR values {@code vals}. */
    void multiply(double[] vals, double[] u, double[] out) {
        for (int r = 0; r < size; r++) {
            double s = 0;
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                s += vals[p] * u[colIdx[p]];
            }
            out[r] = s;
        }
    }

    /** A new factorisation object for this pattern (symbolic phase included). */
    LinearFactor newFactor() {
        return symmetric ? new SparseLdl(size, rowPtr, colIdx)
                : new StaticPivotingFactor(size, rowPtr, colIdx, staticRowOrder());
    }

    /**
     * A row order with a structurally non-zero diagonal: each VCVS constraint row trades places with
     * the KCL row of the node it drives (its plus node, else its minus node), whose diagonal then
     * holds the constraint's coefficient 1 and whose KCL row holds the branch current's 1.
     */
    int[] staticRowOrder() {
        int[] rowPerm = new int[size];
        for (int i = 0; i < size; i++) {
            rowPerm[i] = i;
        }
        boolean[] taken = new boolean[size];
        for (int j = 0; j < vcvs.size(); j++) {
            Vcvs x = vcvs.get(j);
            int q = nodeUnknowns + j;
            int target = unknownOf[x.outPlus()] >= 0 ? unknownOf[x.outPlus()] : unknownOf[x.outMinus()];
            if (target >= 0 && !taken[target]) {
                taken[target] = true;
                rowPerm[q] = target;
                rowPerm[target] = q;
            }
        }
        return rowPerm;
    }

    /** Collects matrix entries as sorted, unique {@code row * size + col} keys. */
    private static final class PatternBuilder {
        private final long size;
        private long[] keys = new long[64];
        private int count;

        PatternBuilder(int size) {
            this.size = size;
        }

        void add(int r, int c) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[count++] = r * size + c;
        }

        void addSymmetric(int r, int c) {
            if (r >= 0) {
                add(r, r);
            }
            if (c >= 0) {
                add(c, c);
            }
            if (r >= 0 && c >= 0 && r != c) {
                add(r, c);
                add(c, r);
            }
        }

        long[] sortedKeys() {
            long[] sorted = Arrays.copyOf(keys, count);
            Arrays.sort(sorted);
            int unique = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (unique == 0 || sorted[i] != sorted[unique - 1]) {
                    sorted[unique++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, unique);
        }
    }
}
