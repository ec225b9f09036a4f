package org.spicelearn.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Capacitor;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.CurrentSource;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.IntegrationMethod;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Resistor;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.circuit.SubstrateException;
import org.spicelearn.circuit.TransientSettings;
import org.spicelearn.circuit.VoltageSource;
import org.spicelearn.circuit.Waveform;
import org.spicelearn.netlist.NetlistWriter;
import org.spicelearn.netlist.NetworkRoles;
import org.spicelearn.netlist.SpiceNames;
import org.spicelearn.netlist.SpiceNames.AuxiliaryRole;

/**
 * A {@link Substrate} realised by ngspice through its shared library: the circuit is loaded once,
 * boundary conditions and conductance changes are applied with {@code alter} between solver steps,
 * and {@link #settle()} runs {@code op} (DC) while {@link #advance(double)} pauses a running
 * {@code tran} exactly at the requested times.
 *
 * <p>Auxiliary elements (reserved names of {@link SpiceNames}) are added, by a reload, the first
 * time an output node gets a nudge or a clamp; for output node {@code o} number {@code k}:
 * <ul>
 *   <li>nudge: a target source {@code v__sl_nudgeK __sl_nudgeK 0 dc y} and a VCCS
 *       {@code g__sl_nudgeK 0 o __sl_nudgeK o beta}, which pushes {@code beta * (y - V_o)} amps into
 *       {@code o} for either sign of beta, and exactly nothing when its gain is 0 (free phase);</li>
 *   <li>clamp: a source {@code v__sl_clampK __sl_clampK 0 dc v} in series with a switch resistor
 *       {@code r__sl_clampK o __sl_clampK R}, altered between {@value #CLAMP_ON_OHMS} ohm (clamped:
 *       the node misses the clamp voltage by {@code R * I}, about 1e-15 V at milliamps; measured
 *       2e-15 V) and {@value #CLAMP_OFF_OHMS} ohm (open: a leak of 1e-20 S, which moves a node held
 *       by 1e-6 S or more by less than 1e-14 of the voltage across the switch).</li>
 * </ul>
 * Inputs are {@code alter}ed voltage sources. Conductance changes are batched {@code alter}s, or a
 * reload of the whole circuit when more than {@link #RELOAD_CROSSOVER_ALTERS_PER_ELEMENT} changes per
 * element would be needed (the measured crossover: in practice alters always win). While a transient
 * is paused changes are always altered so that it resumes from the same state.
 *
 * <p>Transient (with {@link TransientSettings}): ngspice keeps its adaptive step but never exceeds the
 * settings' step ({@code tmax}); trapezoidal uses {@code method=trap}, backward Euler
 * {@code method=gear maxord=1}. {@link #settle()} starts the analysis and pauses it at its first time
 * point. With constant sources the state there is still the DC equilibrium and the substrate's clock
 * starts at that point; with time-varying waveforms the clock is ngspice's own (waveforms see the
 * same times as in {@code IdealSubstrate}), so the first advance must be longer than that first step
 * (a tenth of the largest step). An advance on a fresh substrate, or after the run ended, settles
 * first: it starts from the DC equilibrium under the present boundary. Every advance pauses on its
 * end time ({@link NgspiceSession#transientUntil}); advances of {@link #SHORTEST_DURATION_PER_STEP}
 * steps or less are refused. A long run restarts from its state every few thousand points, its first
 * point then lying within half of the advance being made.
 *
 * <p>One owner thread (the constructing one). A ControlledExit of ngspice retires its library
 * instance; the next {@code settle} or {@code advance} reloads the circuit, with its present
 * conductances and boundary, into a fresh copy of the library, and a paused transient continues from
 * the state of its last pause (capacitor initial conditions, {@code uic}).
 */
public final class NgspiceSubstrate implements Substrate {
    /** Resistance of a closed clamp switch, in ohms. */
    public static final double CLAMP_ON_OHMS = 1e-12;
    /** Resistance of an open clamp switch, in ohms. */
    public static final double CLAMP_OFF_OHMS = 1e20;
    /**
     * The alter/reload crossover: a reload costs about as much as this many alters per element of
     * the circuit. {@code spicelearn bench ngspice} measured 1.1 to 4.6 (Iris 4-10-3 diode network,
     * 64-32-10 with 4,416 resistors; noisy on a loaded machine), so altering every trainable resistor is always cheaper than a
     * reload and the substrate reloads only for new auxiliary elements or after an ngspice exit. A
     * fixed figure keeps results independent of timing: the two paths agree only to the last bit,
     * because ngspice parses netlist and command numbers with different routines.
     */
    public static final double RELOAD_CROSSOVER_ALTERS_PER_ELEMENT = 1.0;
    /**
     * Time points a transient run collects before it restarts from its state: ngspice keeps every
     * point of a run (about 4 KB per point at 100 nodes), so a long co-simulation would grow without
     * bound; a restart costs about one op.
     */
    private static final long RESTART_POINTS = 2000;
    /**
     * The stop time of every transient run, in largest steps: far beyond any pause, since runs restart
     * every {@link #RESTART_POINTS} points.
     */
    private static final double TRANSIENT_STOP_STEPS = 1e9;
    /**
     * The shortest advance, in time steps: a restarted run pauses first within half of it, and ngspice
     * cannot pause closer than {@link NgspiceSession#minimumPauseSeconds} after a pause.
     */
    public static final double SHORTEST_DURATION_PER_STEP = 4 * NgspiceSession.PAUSE_MARGIN_PER_MAX_STEP;

    private final Circuit circuit;
    private final TransientSettings settings;
    private final NgspiceSession session;
    private final List<Resistor> trainables;
    private final ConductanceBounds[] bounds;
    private final double[] siemens;
    private final String[] alterPrefixes;
    private final Map<String, Double> sourceVolts = new HashMap<>();
    private final List<VoltageSource> sources;
    private final List<String> saveNodeVoltages;
    /** The alter command of each voltage source up to its value ("alter v1="). */
    private final Map<String, String> sourceAlterPrefixes = new HashMap<>();
    /** Changes not yet sent, written straight into a batch (no string per alter); swapped with {@link #sent}. */
    private CommandBatch pending = new CommandBatch();
    private CommandBatch sent = new CommandBatch();
    private final Map<Integer, Integer> auxIndexByNode = new HashMap<>();
    private double[] auxBeta = new double[0];
    private double[] auxTarget = new double[0];
    private double[] auxClampVolts = new double[0];
    private boolean[] auxClamped = new boolean[0];
    private boolean clampElements;
    private boolean transientRunning;
    /** The paused run was ended (reload, ngspice exit) or grew long: the next advance continues it in a fresh one. */
    private boolean restartDue;
    private double transientOriginSeconds;
    private double runStartElapsedSeconds;
    private double elapsedSeconds;
    private long runStartPoints;
    private double[] lastVolts;
    private long restartPoints = RESTART_POINTS;
    private long restarts;
    private boolean closed;
    private long reloads;

    /** A DC-only substrate ({@link #advance(double)} is unsupported) on the library found by the locator. */
    public NgspiceSubstrate(Circuit circuit) {
        this(circuit, null);
    }

    /**
     * A substrate that can also advance in time.
     *
     * @param circuit  the circuit (written by {@link NetlistWriter})
     * @param settings integration rule and largest step, or {@code null} for DC only
     * @throws NgspiceException when the library is missing or ngspice rejects the netlist
     */
    public NgspiceSubstrate(Circuit circuit, TransientSettings settings) {
        this.circuit = Objects.requireNonNull(circuit, "circuit");
        this.settings = settings;
        this.trainables = circuit.trainables();
        this.bounds = new ConductanceBounds[trainables.size()];
        this.siemens = new double[trainables.size()];
        this.alterPrefixes = new String[trainables.size()];
        for (int t = 0; t < bounds.length; t++) {
            bounds[t] = trainables.get(t).bounds();
            siemens[t] = trainables.get(t).siemens();
            alterPrefixes[t] = SpiceNames.alterPrefix(trainables.get(t).name(), null);
        }
        this.sources = circuit.elements(VoltageSource.class);
        for (VoltageSource v : sources) {
            sourceVolts.put(v.name(), v.dcVolts());
            sourceAlterPrefixes.put(v.name(), SpiceNames.alterPrefix(v.name(), null));
        }
        this.saveNodeVoltages = saveCommands(circuit, settings);
        this.session = NgspiceSession.open();
        try {
            reload();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public Circuit circuit() {
        return circuit;
    }

    @Override
    public Conductances conductances() {
        return Conductances.of(siemens);
    }

    /** The session underneath (for benchmarks that time its parts). */
    NgspiceSession session() {
        return session;
    }

    @Override
    public void setBoundary(BoundaryConditions conditions) {
        checkOpen();
        Objects.requireNonNull(conditions, "conditions");
        for (String name : conditions.sourceVolts().keySet()) {
            if (!sourceVolts.containsKey(name)) {
                throw new IllegalArgumentException("no voltage source named " + name + " in circuit " + circuit.title());
            }
            Double value = conditions.sourceVolts().get(name);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("source " + name + " value must be finite, got " + value);
            }
        }
        OutputBoundary out = conditions.output();
        int[] nodes = out instanceof OutputBoundary.Nudge n ? n.nodes() : out instanceof OutputBoundary.Clamp c ? c.nodes()
                : new int[0];
        for (int node : nodes) {
            if (node <= 0 || node >= circuit.nodeCount()) {
                throw new IllegalArgumentException("output node index " + node + " is ground or does not exist");
            }
        }
        boolean needReload = false;
        for (int node : nodes) {
            needReload |= !auxIndexByNode.containsKey(node);
        }
        needReload |= out instanceof OutputBoundary.Clamp && !clampElements;
        if (needReload && transientRunning && !timeInvariantSources()) {
            throw new SubstrateException("a new nudge or clamp node cannot be added while a transient with time-varying "
                    + "sources runs; settle first or give the same output nodes from the start");
        }
        // inputs: sources not named go back to their netlist value
        for (VoltageSource v : sources) {
            Double given = conditions.sourceVolts().get(v.name());
            double value = given != null ? given : v.dcVolts();
            if (Double.compare(value, sourceVolts.get(v.name())) != 0) {
                pending.addAlter(sourceAlterPrefixes.get(v.name()), value);
                sourceVolts.put(v.name(), value);
            }
        }
        if (needReload) {
            for (int node : nodes) {
                auxIndexByNode.putIfAbsent(node, auxIndexByNode.size());
            }
            clampElements |= out instanceof OutputBoundary.Clamp;
            int k = auxIndexByNode.size();
            auxBeta = Arrays.copyOf(auxBeta, k);
            auxTarget = Arrays.copyOf(auxTarget, k);
            auxClampVolts = Arrays.copyOf(auxClampVolts, k);
            auxClamped = Arrays.copyOf(auxClamped, k);
            applyOutput(out, false);
            reloadKeepingRun();
        } else {
            applyOutput(out, true);
        }
    }

    /** Updates the auxiliary values for an output boundary; queues alters when {@code alter} is set. */
    private void applyOutput(OutputBoundary out, boolean alter) {
        int k = auxBeta.length;
        double[] beta = new double[k];
        double[] target = auxTarget.clone();
        double[] clampVolts = auxClampVolts.clone();
        boolean[] clamped = new boolean[k];
        if (out instanceof OutputBoundary.Nudge n) {
            int[] nodes = n.nodes();
            double[] y = n.targetVolts();
            for (int i = 0; i < nodes.length; i++) {
                int a = auxIndexByNode.get(nodes[i]);
                beta[a] = n.betaSiemens();
                target[a] = y[i];
            }
        } else if (out instanceof OutputBoundary.Clamp c) {
            int[] nodes = c.nodes();
            double[] v = c.volts();
            for (int i = 0; i < nodes.length; i++) {
                int a = auxIndexByNode.get(nodes[i]);
                clamped[a] = true;
                clampVolts[a] = v[i];
            }
        }
        for (int a = 0; a < k; a++) {
            if (alter) {
                if (Double.compare(beta[a], auxBeta[a]) != 0) {
                    // a VCCS has no default parameter: its gain is named
                    pending.addAlter(SpiceNames.alterPrefix(SpiceNames.auxiliaryElement('g', AuxiliaryRole.NUDGE, a), "gain"), beta[a]);
                }
                if (Double.compare(target[a], auxTarget[a]) != 0) {
                    pending.addAlter(SpiceNames.alterPrefix(SpiceNames.auxiliaryElement('v', AuxiliaryRole.NUDGE, a), null), target[a]);
                }
                if (clampElements && Double.compare(clampVolts[a], auxClampVolts[a]) != 0) {
                    pending.addAlter(SpiceNames.alterPrefix(SpiceNames.auxiliaryElement('v', AuxiliaryRole.CLAMP, a), null), clampVolts[a]);
                }
                if (clampElements && clamped[a] != auxClamped[a]) {
                    pending.addAlter(SpiceNames.alterPrefix(SpiceNames.auxiliaryElement('r', AuxiliaryRole.CLAMP, a), null),
                            clamped[a] ? CLAMP_ON_OHMS : CLAMP_OFF_OHMS);
                }
            }
        }
        auxBeta = beta;
        auxTarget = target;
        auxClampVolts = clampVolts;
        auxClamped = clamped;
    }

    @Override
    public NodeVoltages settle() {
        checkOpen();
        ensureLoaded();
        CommandBatch changes = takePending();
        if (settings == null) {
            return NodeVoltages.of(session.operatingPoint(changes), 0);
        }
        if (!timeInvariantSources()) {
            // waveforms must see the substrate's clock: it starts at ngspice's t = 0, and the equilibrium
            // there is the operating point (the run's first point, a small step later, has moved on)
            double[] equilibrium = session.operatingPoint(changes);
            double[] volts = session.startTransient(new CommandBatch(), limits(), false, Double.NaN);
            startRun(volts, 0, 0);
            return NodeVoltages.of(equilibrium, 0);
        }
        double[] volts = session.startTransient(changes, limits(), false, Double.NaN);
        // with constant sources the first point (a small step after t = 0) still holds the equilibrium:
        // the clock starts there
        startRun(volts, 0, session.transientTimeSeconds());
        return NodeVoltages.of(volts, 0);
    }

    private void startRun(double[] volts, double elapsedSeconds, double originSeconds) {
        transientOriginSeconds = originSeconds;
        runStartElapsedSeconds = elapsedSeconds;
        this.elapsedSeconds = elapsedSeconds;
        runStartPoints = session.stats().dataPoints();
        lastVolts = volts;
        transientRunning = true;
        restartDue = false;
    }

    /**
     * Reloads the circuit (for new auxiliary elements, or into a fresh instance after an ngspice exit);
     * a running transient, which the reload ends, continues from its last state at the next advance.
     */
    private void reloadKeepingRun() {
        boolean running = transientRunning;
        double[] state = lastVolts;
        reload();
        if (running) {
            lastVolts = state;
            transientRunning = true;
            restartDue = true;
        }
    }

    /**
     * Ends the present run and starts a fresh one from the state reached: every capacitor's {@code ic}
     * is altered to its present voltage and the analysis restarts with {@code uic}. ngspice keeps every
     * time point of a run in memory, so long co-simulations restart every {@link #restartPoints} points.
     * Only done when every source is constant in time (a restarted run restarts the clock of waveforms).
     *
     * @param firstPauseLimitSeconds the latest time of the fresh run's first point (its clock starts at 0
     *                               there): the advance that follows must still have time left to pause
     */
    private void restartFromState(double elapsedSeconds, double firstPauseLimitSeconds) {
        CommandBatch changes = takePending();
        for (Capacitor c : circuit.elements(Capacitor.class)) {
            changes.addAlter(SpiceNames.alterPrefix(c.name(), "ic"), lastVolts[c.a()] - lastVolts[c.b()]);
        }
        double[] volts = session.startTransient(changes, limits(), true, firstPauseLimitSeconds);
        restarts++;
        // a restarted run moves away from its initial conditions at once: its clock starts at t = 0
        startRun(volts, elapsedSeconds, 0);
    }

    /** Sets how many transient points a run may collect before it is restarted from its state (tests). */
    void restartPointsForTest(long points) {
        restartPoints = points;
    }

    /** How many times a long transient was restarted from its state. */
    long restarts() {
        return restarts;
    }

    @Override
    public NodeVoltages advance(double durationSeconds) {
        checkOpen();
        if (settings == null) {
            throw new UnsupportedOperationException(
                    "this NgspiceSubstrate was built without TransientSettings; use NgspiceSubstrate(circuit, settings)");
        }
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration must be positive and finite, got " + durationSeconds + " s");
        }
        double shortest = SHORTEST_DURATION_PER_STEP * settings.stepSeconds();
        if (!(durationSeconds > shortest)) {
            throw new IllegalArgumentException("duration " + durationSeconds + " s is too short for ngspice to pause after:"
                    + " it must exceed " + shortest + " s (" + SHORTEST_DURATION_PER_STEP + " of the time step)");
        }
        if (transientRunning && !session.hasCircuit() && timeInvariantSources()) {
            // ngspice exited under a paused run: a fresh instance continues from the state last read
            reloadKeepingRun();
        } else if (!transientRunning || !restartDue && !session.transientPaused()) {
            // a fresh substrate (or one whose run ended) starts from the DC equilibrium under its boundary
            settle();
        }
        restartDue |= session.stats().dataPoints() - runStartPoints > restartPoints && timeInvariantSources();
        if (restartDue) {
            restartFromState(elapsedSeconds, durationSeconds / 2);
        }
        double targetElapsed = elapsedSeconds + durationSeconds;
        double target = transientOriginSeconds + (targetElapsed - runStartElapsedSeconds);
        if (!(target > session.transientTimeSeconds())) {
            throw new SubstrateException("cannot advance by " + durationSeconds + " s: ngspice's first time step already"
                    + " reached " + session.transientTimeSeconds() + " s; advance by more after a settle");
        }
        double[] volts = session.transientUntil(takePending(), target);
        lastVolts = volts;
        elapsedSeconds = targetElapsed;
        return NodeVoltages.of(volts, targetElapsed);
    }

    private boolean timeInvariantSources() {
        for (VoltageSource v : sources) {
            if (!(v.waveform() instanceof Waveform.Dc)) {
                return false;
            }
        }
        for (CurrentSource i : circuit.elements(CurrentSource.class)) {
            if (!(i.waveform() instanceof Waveform.Dc)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Conductances adjust(Conductances requestedDeltas) {
        checkOpen();
        if (requestedDeltas.size() != bounds.length) {
            throw new IllegalArgumentException("expected " + bounds.length + " conductance changes, got "
                    + requestedDeltas.size());
        }
        double[] applied = new double[bounds.length];
        double[] next = siemens.clone();
        int changed = 0;
        for (int t = 0; t < bounds.length; t++) {
            double requested = siemens[t] + requestedDeltas.siemens(t);
            if (Double.isNaN(requested)) {
                throw new IllegalArgumentException("conductance change " + t + " is NaN");
            }
            next[t] = bounds[t].clip(requested);
            applied[t] = next[t] - siemens[t];
            if (Double.compare(next[t], siemens[t]) != 0) {
                changed++;
            }
        }
        if (changed == 0) {
            return Conductances.of(applied);
        }
        boolean reload = !transientRunning && changed > RELOAD_CROSSOVER_ALTERS_PER_ELEMENT * circuit.elements().size();
        for (int t = 0; t < bounds.length; t++) {
            if (!reload && Double.compare(next[t], siemens[t]) != 0) {
                pending.addAlter(alterPrefixes[t], 1.0 / next[t]);
            }
            siemens[t] = next[t];
        }
        if (reload) {
            reload();
        }
        return Conductances.of(applied);
    }

    /** Writes the netlist with the present conductances, inputs and auxiliary elements and loads it. */
    private void reload() {
        Circuit present = bounds.length == 0 ? circuit : circuit.withConductances(Conductances.of(siemens));
        for (VoltageSource v : present.elements(VoltageSource.class)) {
            double value = sourceVolts.get(v.name());
            if (Double.compare(value, v.dcVolts()) != 0) {
                present = present.withElement(v.withDcVolts(value));
            }
        }
        List<String> extra = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : auxIndexByNode.entrySet()) {
            int a = e.getValue();
            String node = circuit.nodeName(e.getKey());
            String target = SpiceNames.auxiliaryNode(AuxiliaryRole.NUDGE, a);
            extra.add(SpiceNames.auxiliaryElement('v', AuxiliaryRole.NUDGE, a) + " " + target + " 0 dc "
                    + SpiceNames.number(auxTarget[a]));
            extra.add(SpiceNames.auxiliaryElement('g', AuxiliaryRole.NUDGE, a) + " 0 " + node + " " + target + " " + node
                    + " " + SpiceNames.number(auxBeta[a]));
            if (clampElements) {
                String clampNode = SpiceNames.auxiliaryNode(AuxiliaryRole.CLAMP, a);
                extra.add(SpiceNames.auxiliaryElement('v', AuxiliaryRole.CLAMP, a) + " " + clampNode + " 0 dc "
                        + SpiceNames.number(auxClampVolts[a]));
                extra.add(SpiceNames.auxiliaryElement('r', AuxiliaryRole.CLAMP, a) + " " + node + " " + clampNode + " "
                        + SpiceNames.number(auxClamped[a] ? CLAMP_ON_OHMS : CLAMP_OFF_OHMS));
            }
        }
        if (settings != null) {
            // noinit: no "Initial Transient Solution" table (one output line per node) at every run start
            extra.add(settings.method() == IntegrationMethod.BACKWARD_EULER ? ".options method=gear maxord=1 noinit"
                    : ".options method=trap noinit");
        }
        List<String> lines;
        try {
            lines = NetlistWriter.lines(present, NetworkRoles.NONE, extra);
        } catch (IllegalArgumentException e) {
            throw new SubstrateException("circuit " + circuit.title() + " cannot be written for ngspice: " + e.getMessage(), e);
        }
        pending.clear();
        transientRunning = false;
        restartDue = false;
        reloads++;
        session.loadCircuit(lines, circuit.nodeNames());
        if (!saveNodeVoltages.isEmpty()) {
            session.commands(saveNodeVoltages);
        }
    }

    /**
     * For a DC-only substrate, {@code save} commands naming every node: each {@code op} then builds a
     * plot of node voltages only (not the branch currents of every source, which the substrate never
     * reads), which made an {@code op} of the Iris network about 4% cheaper. Empty when a node name
     * cannot be addressed in a command, and for transient substrates, whose {@code delete all} (which
     * clears stop conditions) would drop the saves.
     */
    private static List<String> saveCommands(Circuit circuit, TransientSettings settings) {
        List<String> names = circuit.nodeNames().subList(1, circuit.nodeCount());
        if (settings != null || names.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder("save");
        for (String name : names) {
            String n = SpiceNames.canonicalNode(name);
            if (!SpiceNames.isValid(n) || n.equals(SpiceNames.GROUND) || n.equals("all") || n.equals("none")) {
                return List.of(); // "save all" and "save none" are keywords
            }
            if (line.length() + 1 + n.length() > NgspiceSession.MAX_COMMAND_BYTES / 2) {
                out.add(line.toString());
                line.setLength(0);
                line.append("save");
            }
            line.append(' ').append(n);
        }
        out.add(line.toString());
        return List.copyOf(out);
    }

    /** How many times the circuit was (re)loaded. */
    long reloads() {
        return reloads;
    }

    /** Reloads the circuit now (benchmarks time it). */
    void reloadNow() {
        checkOpen();
        reload();
    }

    private void ensureLoaded() {
        if (!session.hasCircuit()) {
            reload();
        }
    }

    /** The pending changes, valid until the next call; pending is empty afterwards. */
    private CommandBatch takePending() {
        CommandBatch out = pending;
        pending = sent;
        sent = out;
        pending.clear();
        return out;
    }

    private TransientLimits limits() {
        double step = settings.stepSeconds();
        for (VoltageSource v : sources) {
            if (!(v.waveform() instanceof Waveform.Dc) && Double.compare(sourceVolts.get(v.name()), v.dcVolts()) != 0) {
                throw new SubstrateException("source " + v.name() + " has a time-varying waveform; ngspice cannot "
                        + "override it with a constant input during a transient");
            }
        }
        // ngspice preallocates every vector for (stop / print step) points: a print step of a tenth of the
        // stop time keeps that to a few points (the vectors grow as needed); the largest step is the setting's
        double stop = step * TRANSIENT_STOP_STEPS;
        return new TransientLimits(stop / 10, step, stop);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the substrate is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
        }
    }
}
