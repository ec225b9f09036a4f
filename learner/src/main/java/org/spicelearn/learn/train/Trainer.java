package org.spicelearn.learn.train;

import java.util.ArrayList;
import java.util.List;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Substrate;
import org.spicelearn.learn.Rng;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.phase.EdgeClock;
import org.spicelearn.learn.phase.PhaseDynamics;
import org.spicelearn.learn.phase.SampleSwitching;
import org.spicelearn.learn.phase.SubstrateMode;
import org.spicelearn.learn.rule.LocalRule;
import org.spicelearn.learn.rule.PhaseSignal;
import org.spicelearn.learn.rule.PhaseType;

/**
 * Trains a substrate: presents samples, runs phases (rigid or temporally local, DC or transient),
 * lets every edge compute its own update from its own voltage drop and the global phase signal,
 * passes the requests through the device model to {@link Substrate#adjust}, appends every step to
 * the {@link RunLog}, evaluates each epoch and notifies listeners.
 *
 * <p>A run is a pure function of the configuration, the data, the initial conductances and the
 * seed: on a deterministic substrate two runs are equal bit for bit, and a run resumed from a
 * {@link Checkpoint} continues exactly as the uninterrupted run would (phase state is reset at
 * every epoch boundary; the RNG state is part of the checkpoint). Not thread-safe, except for
 * {@link #requestStop()}.
 */
public final class Trainer {
    private final Substrate substrate;
    private final TrainingConfig config;
    private final TrainingData data;
    private final NetworkPorts ports;
    private final LocalRule localRule;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final RunLog log = new RunLog();
    private volatile boolean stopRequested;

    private Rng rng;
    private long samplesSeen;
    private long stepIndex;
    private double[] g;
    private double trainSeconds;
    // temporally local phase state, reset every epoch
    private PhaseType phaseType;
    private PhaseType previousType;
    private double phaseRemaining;

    /**
     * Creates a trainer.
     *
     * @throws IllegalArgumentException when the data's sources or outputs are not in the circuit
     */
    public Trainer(Substrate substrate, TrainingConfig config, TrainingData data) {
        this.substrate = substrate;
        this.config = config;
        this.data = data;
        this.ports = new NetworkPorts(substrate.circuit(), data.sourceNames(), data.outputNodes());
        this.localRule = config.rule().localRule();
    }

    /** Adds a listener (before {@link #run}). */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The run log (live, read-only). */
    public RunLog log() {
        return log;
    }

    /** The resolved ports. */
    public NetworkPorts ports() {
        return ports;
    }

    /** Asks the run to stop at the next sample boundary; the last complete checkpoint stays valid. Thread-safe. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Runs all epochs from the substrate's present conductances. */
    public TrainingResult run() {
        return run(null);
    }

    /** Runs the remaining epochs, resuming from {@code from} when it is not null. */
    public TrainingResult run(Checkpoint from) {
        int startEpoch = 0;
        if (from == null) {
            rng = new Rng(config.seed());
            samplesSeen = 0;
            stepIndex = 0;
        } else {
            substrate.setConductances(from.conductances());
            rng = Rng.fromState(from.rngState());
            samplesSeen = from.samplesSeen();
            stepIndex = from.stepsLogged();
            startEpoch = from.epochsCompleted();
        }
        g = substrate.conductances().toArray();
        if (config.mode() instanceof SubstrateMode.Transient) {
            // start the transient from a defined state, as every later epoch does after its evaluation
            substrate.setBoundary(ports.boundary(data.train().get(0), OutputBoundary.FREE));
            substrate.settle();
        }
        long startSamples = samplesSeen;
        long startNanos = System.nanoTime();
        trainSeconds = 0;
        for (TrainingListener l : listeners) {
            l.onInit(config, data, startEpoch);
        }
        List<EpochMetrics> epochs = new ArrayList<>();
        boolean stopped = false;
        for (int epoch = startEpoch + 1; epoch <= config.epochs(); epoch++) {
            double before = trainSeconds;
            long samplesBefore = samplesSeen;
            if (!runEpoch(epoch)) {
                stopped = true;
                break;
            }
            double epochSeconds = trainSeconds - before;
            EpochMetrics m = evaluate(epoch, (samplesSeen - samplesBefore) / Math.max(epochSeconds, 1e-12),
                    (System.nanoTime() - startNanos) * 1e-9);
            epochs.add(m);
            log.append(m);
            Checkpoint cp = new Checkpoint(epoch, samplesSeen, stepIndex, Conductances.of(g), rng.state());
            for (TrainingListener l : listeners) {
                l.onEpoch(m, cp);
            }
        }
        double wall = (System.nanoTime() - startNanos) * 1e-9;
        TrainingResult result = new TrainingResult(epochs, Conductances.of(g), samplesSeen, wall,
                (samplesSeen - startSamples) / Math.max(trainSeconds, 1e-12), stopped);
        for (TrainingListener l : listeners) {
            l.onFinish(result);
        }
        return result;
    }

    private EpochMetrics evaluate(int epoch, double samplesPerSecond, double wallSeconds) {
        Evaluation train = Evaluation.of(substrate, ports, data.train(), data.classification());
        Evaluation test = Evaluation.of(substrate, ports, data.test(), data.classification());
        return new EpochMetrics(epoch, train.loss(), train.accuracy(), test.loss(), test.accuracy(),
                config.rate().rate(samplesSeen), samplesPerSecond, wallSeconds);
    }

    /** One pass over the shuffled training set; false when stopped. */
    private boolean runEpoch(int epoch) {
        int n = data.train().size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        phaseType = null;
        previousType = null;
        phaseRemaining = 0;
        for (int k = 0; k < n; k++) {
            if (stopRequested) {
                return false;
            }
            long t0 = System.nanoTime();
            int sample = order[k];
            Example ex = data.train().get(sample);
            if (config.dynamics() instanceof PhaseDynamics.Rigid rigid) {
                presentRigid(epoch, sample, ex, rigid);
            } else {
                presentTemporallyLocal(epoch, sample, ex, (PhaseDynamics.TemporallyLocal) config.dynamics());
            }
            samplesSeen++;
            trainSeconds += (System.nanoTime() - t0) * 1e-9;
        }
        return true;
    }

    private double[] freeOutputs(Example ex) {
        if (!config.rule().needsFreeOutputs()) {
            return null;
        }
        substrate.setBoundary(ports.boundary(ex, OutputBoundary.FREE));
        return ports.outputVolts(substrate.settle());
    }

    private OutputBoundary boundary(PhaseType type, Example ex, double[] freeOut) {
        return config.rule().boundary(type, ports.outputNodes(), ex.targetVolts(), freeOut);
    }

    /** Produces a phase's end state: DC settle, or transient advance through {@code length} seconds. */
    private NodeVoltages runPhaseState(double length) {
        if (config.mode() instanceof SubstrateMode.Transient tr) {
            NodeVoltages v = null;
            for (long k = steps(length, tr); k > 0; k--) {
                v = substrate.advance(tr.stepSeconds());
            }
            return v;
        }
        return substrate.settle();
    }

    private void presentRigid(int epoch, int sample, Example ex, PhaseDynamics.Rigid rigid) {
        double rate = config.rate().rate(samplesSeen);
        double[] freeOut = freeOutputs(ex);
        substrate.setBoundary(ports.boundary(ex, boundary(PhaseType.NEGATIVE, ex, freeOut)));
        NodeVoltages neg = runPhaseState(rigid.negativeLength());
        int m = ports.edgeCount();
        // the stored, temporally non-local quantity: each edge's negative-phase term
        double[] stored = new double[m];
        PhaseSignal negSignal = new PhaseSignal(PhaseType.NEGATIVE, 1.0, rate);
        for (int e = 0; e < m; e++) {
            stored[e] = localRule.deltaSiemens(ports.sense(neg, e, g[e]), negSignal);
        }
        logStep(epoch, sample, PhaseType.NEGATIVE, rigid.negativeLength(), 1.0, rate, ports.cost(neg, ex), 0, 0);
        substrate.setBoundary(ports.boundary(ex, boundary(PhaseType.POSITIVE, ex, freeOut)));
        NodeVoltages pos = runPhaseState(rigid.positiveLength());
        double scale = 0.5 * (rigid.positiveLength() + rigid.negativeLength());
        PhaseSignal posSignal = new PhaseSignal(PhaseType.POSITIVE, 1.0, rate);
        double[] requested = new double[m];
        for (int e = 0; e < m; e++) {
            requested[e] = scale * (localRule.deltaSiemens(ports.sense(pos, e, g[e]), posSignal) + stored[e]);
        }
        double[] l1 = write(requested);
        logStep(epoch, sample, PhaseType.POSITIVE, rigid.positiveLength(), 1.0, rate, ports.cost(pos, ex), l1[0], l1[1]);
    }

    private void presentTemporallyLocal(int epoch, int sample, Example ex, PhaseDynamics.TemporallyLocal tl) {
        double[] freeOut = freeOutputs(ex);
        double sampleLeft = tl.switching() instanceof SampleSwitching.RandomClock clock
                ? -clock.meanDuration() * Math.log(rng.nextOpenDouble()) : Double.POSITIVE_INFINITY;
        int phasesDone = 0;
        while (true) {
            if (phaseType == null) {
                phaseType = tl.order().next(previousType, rng);
                phaseRemaining = tl.lengths().sample(tl.meanLength(phaseType), rng);
            }
            double segment = Math.min(phaseRemaining, sampleLeft);
            runSegment(epoch, sample, ex, freeOut, segment, tl);
            phaseRemaining -= segment;
            sampleLeft -= segment;
            if (phaseRemaining <= 0) {
                previousType = phaseType;
                phaseType = null;
                phasesDone++;
            }
            if (tl.switching() instanceof SampleSwitching.EveryKPhases every) {
                if (phasesDone >= every.k()) {
                    return;
                }
            } else if (sampleLeft <= 0) {
                return;
            }
        }
    }

    /**
     * The whole solver steps a transient segment of {@code length} seconds takes: the length
     * rounded to the step grid, at least one step (so every segment boundary falls on a step).
     */
    private static long steps(double length, SubstrateMode.Transient tr) {
        return Math.max(1, Math.round(length / tr.stepSeconds()));
    }

    /** One stretch of constant phase and sample: the boundary switches at its start. */
    private void runSegment(int epoch, int sample, Example ex, double[] freeOut, double length,
                            PhaseDynamics.TemporallyLocal tl) {
        double rate = config.rate().rate(samplesSeen);
        double weight = tl.weight(phaseType);
        PhaseSignal signal = new PhaseSignal(phaseType, weight, rate);
        substrate.setBoundary(ports.boundary(ex, boundary(phaseType, ex, freeOut)));
        double[] l1 = {0, 0};
        NodeVoltages v;
        if (config.mode() instanceof SubstrateMode.Transient tr) {
            v = null;
            double dt = tr.stepSeconds();
            long steps = steps(length, tr);
            for (long k = 1; k <= steps; k++) {
                v = substrate.advance(dt);
                if (k * dt > tr.deadTimeSeconds()) {
                    addTo(l1, update(v, signal, tl.edgeClock(), dt, true));
                }
            }
        } else {
            v = substrate.settle();
            addTo(l1, update(v, signal, tl.edgeClock(), length, false));
        }
        logStep(epoch, sample, phaseType, length, weight, rate, v == null ? Double.NaN : ports.cost(v, ex), l1[0], l1[1]);
    }

    /**
     * Every edge's request for {@code duration} units of phase time in state {@code v}, written
     * through the device model. A desynchronised edge ticks {@code Poisson(rate * duration)} times
     * (DC) or with probability {@code min(1, rate * dt)} (one solver step), each tick scaled so the
     * expectation is unchanged.
     */
    private double[] update(NodeVoltages v, PhaseSignal signal, EdgeClock clock, double duration, boolean perStep) {
        int m = ports.edgeCount();
        double[] requested = new double[m];
        for (int e = 0; e < m; e++) {
            double factor = duration;
            if (clock instanceof EdgeClock.Desynchronised d) {
                if (perStep) {
                    double p = Math.min(1.0, d.ticksPerUnit() * duration);
                    factor = rng.nextBoolean(p) ? duration / p : 0;
                } else {
                    factor = rng.nextPoisson(d.ticksPerUnit() * duration) / d.ticksPerUnit();
                }
            }
            if (factor != 0) {
                requested[e] = factor * localRule.deltaSiemens(ports.sense(v, e, g[e]), signal);
            }
        }
        return write(requested);
    }

    /** Device model, then the substrate; returns {requested L1, applied L1}. */
    private double[] write(double[] requested) {
        int m = requested.length;
        double[] device = new double[m];
        double requestedL1 = 0;
        for (int e = 0; e < m; e++) {
            requestedL1 += Math.abs(requested[e]);
            if (requested[e] != 0) {
                device[e] = config.device().applied(e, g[e], requested[e], ports.bounds(e), rng);
            }
        }
        Conductances applied = substrate.adjust(Conductances.of(device));
        double appliedL1 = 0;
        for (int e = 0; e < m; e++) {
            appliedL1 += Math.abs(applied.siemens(e));
        }
        g = substrate.conductances().toArray();
        return new double[] {requestedL1, appliedL1};
    }

    private static void addTo(double[] acc, double[] x) {
        acc[0] += x[0];
        acc[1] += x[1];
    }

    private void logStep(int epoch, int sample, PhaseType type, double duration, double weight, double rate,
                         double cost, double requestedL1, double appliedL1) {
        TrainingStep step = new TrainingStep(stepIndex++, epoch, sample, type, duration, weight, rate, cost,
                requestedL1, appliedL1);
        log.append(step);
        for (TrainingListener l : listeners) {
            l.onStep(step);
        }
    }
}
