package org.spicelearn.cli.run;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.cli.spec.TrainingSetup;
import org.spicelearn.learn.train.Checkpoint;
import org.spicelearn.learn.train.EpochMetrics;
import org.spicelearn.learn.train.TrainingListener;
import org.spicelearn.learn.train.TrainingResult;
import org.spicelearn.netlist.NetlistWriter;

/**
 * The output directory of a run, written as the run goes: {@code metrics.csv} (one row per epoch),
 * {@code checkpoints/epoch-NNNNNNNN.xml} (eight digits, so names sort by epoch), {@code trained.cir}
 * (the netlist with the latest conductances, valid SPICE) and {@code result.xml}. Files are
 * refreshed at most once a second and at the end; every file is replaced atomically and the
 * checkpoint is written last. After a Ctrl-C every file describes the same finished epoch; after a
 * kill every file is complete, and {@code metrics.csv} and {@code trained.cir} may be one flush (a
 * second) ahead of the last checkpoint, never behind it.
 */
public final class RunDirectory implements TrainingListener {
    /** Per-epoch metrics file name. */
    public static final String METRICS = "metrics.csv";
    /** Trained netlist file name. */
    public static final String TRAINED_NETLIST = "trained.cir";
    /** Result file name. */
    public static final String RESULT = "result.xml";
    /** Checkpoint directory name. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Header of {@code metrics.csv}. */
    public static final String METRICS_HEADER =
            "epoch,train_loss_v2,train_accuracy,test_loss_v2,test_accuracy,learning_rate,samples_per_second,wall_seconds";
    /** Files are rewritten at most this often during a run (1 s), and at its end. */
    public static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;
    private static final JAXBContext CONTEXT = context();

    private final Path dir;
    private final TrainingSetup setup;
    private final StringBuilder metrics = new StringBuilder(METRICS_HEADER).append('\n');
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private String lastCheckpoint;
    private Checkpoint pending;
    private long lastFlushNanos = System.nanoTime();

    /** Creates (or reuses) the directory. */
    public RunDirectory(Path dir, TrainingSetup setup) {
        this.dir = dir;
        this.setup = setup;
        try {
            Files.createDirectories(dir.resolve(CHECKPOINTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(RunXml.Result.class, RunXml.Checkpoint.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    @Override
    public synchronized void onEpoch(EpochMetrics m, Checkpoint checkpoint) {
        epochs.add(m);
        metrics.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s%n", m.epoch(), num(m.trainLoss()),
                num(m.trainAccuracy()), num(m.testLoss()), num(m.testAccuracy()), num(m.learningRate()),
                num(m.samplesPerSecond()), num(m.wallSeconds())));
        pending = checkpoint;
        long now = System.nanoTime();
        if (now - lastFlushNanos >= FLUSH_INTERVAL_NANOS || checkpoint.epochsCompleted() == setup.config().epochs()) {
            flush();
            lastFlushNanos = now;
        }
    }

    /**
     * Writes the files of the last finished epoch: the metrics up to it, the trained netlist, and
     * last its checkpoint. Called at most every {@link #FLUSH_INTERVAL_NANOS} during a run (short
     * epochs would otherwise spend their time rewriting files) and always at the end.
     */
    private void flush() {
        Checkpoint checkpoint = pending;
        if (checkpoint == null) {
            return;
        }
        pending = null;
        // the checkpoint goes last: it is the commit point, so a kill between these writes leaves
        // metrics.csv and trained.cir at most one flush ahead of the last checkpoint, never behind it
        AtomicFiles.write(dir.resolve(METRICS), metrics.toString());
        AtomicFiles.write(dir.resolve(TRAINED_NETLIST), trainedNetlist(checkpoint.conductances()));
        String name = String.format(Locale.ROOT, "epoch-%08d.xml", checkpoint.epochsCompleted());
        AtomicFiles.write(dir.resolve(CHECKPOINTS).resolve(name), marshal(checkpointXml(checkpoint)));
        lastCheckpoint = CHECKPOINTS + "/" + name;
    }

    /** Writes {@code result.xml} (and the trained netlist) for a finished or stopped run. */
    public synchronized void writeResult(TrainingResult result, String status) {
        flush();
        AtomicFiles.write(dir.resolve(TRAINED_NETLIST), trainedNetlist(result.conductances()));
        RunXml.Result r = new RunXml.Result();
        r.status = status;
        r.substrate = setup.substrate().name().toLowerCase(Locale.ROOT);
        r.epochsCompleted = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
        r.epochsPlanned = setup.config().epochs();
        r.samplesSeen = result.samplesSeen();
        r.wallSeconds = result.wallSeconds();
        r.samplesPerSecond = result.samplesPerSecond();
        EpochMetrics last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        if (last != null) {
            r.finalTrain = metrics(last.trainLoss(), last.trainAccuracy(), setup.data().train().size());
            r.finalTest = setup.data().test().isEmpty() ? null
                    : metrics(last.testLoss(), last.testAccuracy(), setup.data().test().size());
        }
        r.files = new RunXml.Files();
        r.files.metrics = METRICS;
        r.files.trainedNetlist = TRAINED_NETLIST;
        r.files.lastCheckpoint = lastCheckpoint;
        r.spec = setup.spec();
        AtomicFiles.write(dir.resolve(RESULT), marshal(r));
    }

    private static RunXml.Metrics metrics(double loss, double accuracy, int rows) {
        RunXml.Metrics m = new RunXml.Metrics();
        m.lossVolts2 = loss;
        m.accuracy = Double.isNaN(accuracy) ? null : accuracy;
        m.rows = rows;
        return m;
    }

    private String trainedNetlist(Conductances g) {
        Circuit trained = setup.circuit().withConductances(g);
        return NetlistWriter.write(trained, setup.roles().withoutTrainables());
    }

    private RunXml.Checkpoint checkpointXml(Checkpoint c) {
        RunXml.Checkpoint x = new RunXml.Checkpoint();
        x.epochsCompleted = c.epochsCompleted();
        x.samplesSeen = c.samplesSeen();
        x.stepsLogged = c.stepsLogged();
        for (long w : c.rngState()) {
            x.rngState.add(w);
        }
        for (int i = 0; i < c.conductances().size(); i++) {
            RunXml.Conductance g = new RunXml.Conductance();
            g.name = setup.circuit().trainables().get(i).name();
            g.siemens = c.conductances().siemens(i);
            x.conductance.add(g);
        }
        return x;
    }

    /** Reads a checkpoint file back (names must match the circuit's trainables, in order). */
    public static Checkpoint readCheckpoint(Path file, Circuit circuit) {
        try {
            RunXml.Checkpoint x = (RunXml.Checkpoint) CONTEXT.createUnmarshaller().unmarshal(file.toFile());
            if (x.conductance.size() != circuit.trainables().size() || x.rngState.size() != 4) {
                throw new IllegalArgumentException(file + ": checkpoint does not fit the circuit ("
                        + x.conductance.size() + " conductances, " + circuit.trainables().size() + " trainables)");
            }
            double[] g = new double[x.conductance.size()];
            for (int i = 0; i < g.length; i++) {
                String expected = circuit.trainables().get(i).name();
                if (!expected.equals(x.conductance.get(i).name)) {
                    throw new IllegalArgumentException(file + ": conductance " + i + " is " + x.conductance.get(i).name
                            + ", the circuit's trainable " + i + " is " + expected);
                }
                g[i] = x.conductance.get(i).siemens;
            }
            long[] rng = x.rngState.stream().mapToLong(Long::longValue).toArray();
            return new Checkpoint(x.epochsCompleted, x.samplesSeen, x.stepsLogged, Conductances.of(g), rng);
        } catch (JAXBException e) {
            throw new IllegalArgumentException(file + ": unreadable checkpoint: " + e.getMessage(), e);
        }
    }

    private static String marshal(Object o) {
        try {
            Marshaller m = CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            StringWriter w = new StringWriter();
            m.marshal(o, w);
            return w.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }
}
