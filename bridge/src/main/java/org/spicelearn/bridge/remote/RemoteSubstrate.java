package org.spicelearn.bridge.remote;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.spicelearn.circuit.BoundaryConditions;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.ConductanceBounds;
import org.spicelearn.circuit.Conductances;
import org.spicelearn.circuit.NodeVoltages;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.Substrate;

/**
 * A {@link Substrate} on hardware behind a HIL server (protocol version {@value HilProtocol#VERSION}).
 *
 * <p>The local circuit model gives the topology the learner reads; on connecting, the server's
 * {@code DESCRIBE} must match it (same nodes, same devices in the same order on the same terminals),
 * and {@link #circuit()} is the model with the server's device ranges as bounds. Boundary
 * conditions are sent with the next settle (one round trip carries {@code SET}, {@code BOUNDARY},
 * {@code SETTLE}, {@code MEASURE}). {@link #conductances()} are the last values the device reported
 * (reads carry read noise). {@link #adjust} programs per {@link Programming}; {@link
 * #setConductances} always uses the server's program-and-verify.
 *
 * <p>A lost connection (an I/O error or a reply timeout) pauses the caller: the substrate reconnects
 * with exponential backoff, says {@code HELLO} again, checks the description, re-sends its inputs and
 * boundary, and repeats the interrupted requests ({@code PULSE} and {@code WRITE} carry ids the server
 * uses to avoid applying them twice). Only when the reconnection budget runs out does it throw {@link
 * RemoteUnavailableException}. One owner thread.
 */
public final class RemoteSubstrate implements Substrate {
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 2000;

    private final RemoteOptions options;
    private final NetworkDescription description;
    private final Circuit circuit;
    private final int[] measureToModel;
    private final Map<String, Integer> deviceIndex;
    private final double[] siemens;
    private final double[] unsentSiemens;
    private final Random rounding;
    private final List<String> pending = new ArrayList<>();
    private String inputLine;
    private String boundaryLine = "BOUNDARY FREE";
    private Socket socket;
    private HilProtocol.LineReader in;
    private OutputStream out;
    private long nextId = 1;
    private long reconnects;
    private long lastStampMicros;
    private boolean closed;

    /**
     * Connects, checks the server's network against {@code model} and reads every device.
     *
     * @throws RemoteUnavailableException when the server cannot be reached
     * @throws HilException when the server refuses (token, version) or its network is not the model
     */
    public RemoteSubstrate(Circuit model, RemoteOptions options) {
        this.options = options;
        this.description = connect();
        this.circuit = description.conform(model);
        List<String> remoteNodes = description.nodes();
        measureToModel = new int[remoteNodes.size()];
        for (int i = 0; i < measureToModel.length; i++) {
            measureToModel[i] = circuit.nodeIndex(remoteNodes.get(i));
        }
        deviceIndex = description.deviceIndex();
        siemens = new double[description.devices().size()];
        unsentSiemens = new double[siemens.length];
        if (options.programming() instanceof Programming.Pulses p) {
            if (p.responses().size() != siemens.length) {
                throw new IllegalArgumentException("pulse programming needs " + siemens.length + " device responses, got "
                        + p.responses().size());
            }
            rounding = new Random(p.seed());
        } else {
            rounding = new Random(0);
        }
        read();
    }

    /** The prefix of a remote substrate option: {@code remote:HOST:PORT}. */
    public static final String OPTION_PREFIX = "remote:";

    /**
     * Opens a remote substrate from a substrate option {@code remote:HOST:PORT} (the form {@code train
     * --substrate} takes), with pulse programming from a device model file when one is given
     * ({@code calibrate devices}, accumulate-and-fire pulses), else the server's program-and-verify.
     *
     * @param option          {@code remote:HOST:PORT}
     * @param model           the local circuit model
     * @param token           the server's token, or null
     * @param deviceModelFile the device model file, or null
     * @param events          connection events (lost, reconnected)
     * @throws IllegalArgumentException for a malformed option or device model file (naming file and line)
     * @throws java.io.IOException when the device model file cannot be read
     */
    public static RemoteSubstrate open(String option, Circuit model, String token, java.nio.file.Path deviceModelFile,
                                       java.util.function.Consumer<String> events) throws IOException {
        if (!option.startsWith(OPTION_PREFIX)) {
            throw new IllegalArgumentException("a remote substrate is written remote:HOST:PORT, got '" + option + "'");
        }
        RemoteOptions o = RemoteOptions.parse(option.substring(OPTION_PREFIX.length())).withToken(token).withEvents(events);
        if (deviceModelFile == null) {
            return new RemoteSubstrate(model, o);
        }
        Map<String, PulseResponse> byName = PulseResponseFile.read(deviceModelFile);
        List<PulseResponse> responses = new ArrayList<>();
        for (org.spicelearn.circuit.Resistor r : model.trainables()) {
            PulseResponse p = byName.get(r.name());
            if (p == null) {
                throw new IllegalArgumentException(deviceModelFile + ": no calibration for device " + r.name());
            }
            responses.add(p);
        }
        return new RemoteSubstrate(model, o.withProgramming(new Programming.Pulses(responses, 64, Programming.Rounding.ACCUMULATED, 1)));
    }

    /** The description the server gave. */
    public NetworkDescription description() {
        return description;
    }

    /** How many times the connection was re-established. */
    public long reconnects() {
        return reconnects;
    }

    /** The server's timestamp of the last measurement, microseconds since the Unix epoch. */
    public long lastStampMicros() {
        return lastStampMicros;
    }

    @Override
    public Circuit circuit() {
        return circuit;
    }

    @Override
    public Conductances conductances() {
        return Conductances.of(siemens);
    }

    @Override
    public void setBoundary(BoundaryConditions conditions) {
        checkOpen();
        StringBuilder set = new StringBuilder("SET");
        for (Map.Entry<String, Double> e : conditions.sourceVolts().entrySet()) {
            set.append(' ').append(e.getKey()).append('=').append(finite(e.getValue(), "input " + e.getKey()));
        }
        inputLine = conditions.sourceVolts().isEmpty() ? null : set.toString();
        OutputBoundary o = conditions.output();
        StringBuilder b = new StringBuilder("BOUNDARY ");
        if (o instanceof OutputBoundary.Nudge n) {
            b.append("NUDGE ").append(finite(n.betaSiemens(), "beta"));
            appendNodes(b, n.nodes(), n.targetVolts());
        } else if (o instanceof OutputBoundary.Clamp c) {
            b.append("CLAMP");
            appendNodes(b, c.nodes(), c.volts());
        } else {
            b.append("FREE");
        }
        boundaryLine = b.toString();
        if (inputLine != null) {
            pending.add(inputLine);
        }
        pending.add(boundaryLine);
    }

    private void appendNodes(StringBuilder b, int[] nodes, double[] volts) {
        for (int i = 0; i < nodes.length; i++) {
            b.append(' ').append(circuit.nodeName(nodes[i])).append('=').append(finite(volts[i], "output volts"));
        }
    }

    private static String finite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is not finite: " + v);
        }
        return HilProtocol.format(v);
    }

    @Override
    public NodeVoltages settle() {
        return state("SETTLE");
    }

    @Override
    public NodeVoltages advance(double durationSeconds) {
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration must be positive and finite, got " + durationSeconds);
        }
        return state("WAIT " + HilProtocol.format(durationSeconds));
    }

    private NodeVoltages state(String command) {
        checkOpen();
        List<String> lines = new ArrayList<>(pending);
        pending.clear();
        lines.add(command);
        lines.add("MEASURE");
        List<String> replies = exchange(lines);
        List<String> t = HilProtocol.tokens(replies.get(replies.size() - 1));
        if (t.size() != 4 + measureToModel.length || !t.get(1).equals("MEASURE")) {
            throw new HilException(HilErrorCode.BAD_REQUEST, "MEASURE reply has " + (t.size() - 4) + " values, expected "
                    + measureToModel.length);
        }
        double time = HilProtocol.number(HilProtocol.keyValue(t.get(2))[1], "t");
        lastStampMicros = HilProtocol.integer(HilProtocol.keyValue(t.get(3))[1], "stamp_us", 0, Long.MAX_VALUE);
        double[] volts = new double[circuit.nodeCount()];
        for (int i = 0; i < measureToModel.length; i++) {
            volts[measureToModel[i]] = HilProtocol.number(t.get(4 + i), "node volts");
        }
        return NodeVoltages.of(volts, time);
    }

    @Override
    public Conductances adjust(Conductances requestedDeltas) {
        checkOpen();
        if (requestedDeltas.size() != siemens.length) {
            throw new IllegalArgumentException("expected " + siemens.length + " changes, got " + requestedDeltas.size());
        }
        double[] before = siemens.clone();
        List<String> clauses = new ArrayList<>();
        for (int e = 0; e < siemens.length; e++) {
            double delta = requestedDeltas.siemens(e);
            if (Double.isNaN(delta)) {
                throw new IllegalArgumentException("conductance change " + e + " is NaN");
            }
            if (delta == 0) {
                continue;
            }
            String name = description.devices().get(e).name();
            if (options.programming() instanceof Programming.Pulses p) {
                PulseResponse response = p.responses().get(e);
                long n;
                if (p.rounding() == Programming.Rounding.ACCUMULATED) {
                    // the running request, in siemens, fires the whole pulses nearest to it
                    unsentSiemens[e] += delta;
                    n = Math.round(response.pulsesFor(siemens[e], unsentSiemens[e], p.maxPulses()));
                    unsentSiemens[e] -= response.after(siemens[e], (int) n) - siemens[e];
                } else {
                    double x = response.pulsesFor(siemens[e], delta, p.maxPulses());
                    double lower = Math.floor(x);
                    n = (long) (rounding.nextDouble() < x - lower ? lower + 1 : lower);
                }
                if (n != 0) {
                    clauses.add(name + "=" + n);
                }
            } else {
                ConductanceBounds b = description.devices().get(e).bounds();
                clauses.add(name + "=" + HilProtocol.format(b.clip(siemens[e] + delta)));
            }
        }
        program(options.programming() instanceof Programming.Pulses ? "PULSE" : "WRITE", clauses);
        return Conductances.of(siemens).minus(Conductances.of(before));
    }

    /**
     * Sends pulse counts to the devices ({@code PULSE}: positive potentiation, negative depression,
     * zero leaves a device alone) and returns every device's conductance as last read.
     */
    public Conductances pulse(long[] pulsesPerDevice) {
        checkOpen();
        if (pulsesPerDevice.length != siemens.length) {
            throw new IllegalArgumentException("expected " + siemens.length + " pulse counts, got " + pulsesPerDevice.length);
        }
        List<String> clauses = new ArrayList<>();
        for (int e = 0; e < siemens.length; e++) {
            if (pulsesPerDevice[e] != 0) {
                clauses.add(description.devices().get(e).name() + "=" + pulsesPerDevice[e]);
            }
        }
        program("PULSE", clauses);
        return conductances();
    }

    /** Reads every device ({@code READ}) and returns the values. */
    public Conductances read() {
        checkOpen();
        List<String> reads = new ArrayList<>();
        for (List<String> chunk : chunks(description.devices().stream().map(NetworkDescription.Device::name).toList())) {
            reads.add("READ " + String.join(" ", chunk));
        }
        for (String reply : exchange(reads)) {
            readDeviceValues(reply, 2);
        }
        return conductances();
    }

    /** Programs every device to its target with the server's program-and-verify; returns the change. */
    @Override
    public Conductances setConductances(Conductances target) {
        checkOpen();
        if (target.size() != siemens.length) {
            throw new IllegalArgumentException("expected " + siemens.length + " conductances, got " + target.size());
        }
        double[] before = siemens.clone();
        List<String> clauses = new ArrayList<>();
        for (int e = 0; e < siemens.length; e++) {
            ConductanceBounds b = description.devices().get(e).bounds();
            clauses.add(description.devices().get(e).name() + "=" + finite(b.clip(target.siemens(e)), "target"));
        }
        program("WRITE", clauses);
        return Conductances.of(siemens).minus(Conductances.of(before));
    }

    private void program(String command, List<String> clauses) {
        if (clauses.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (List<String> chunk : chunks(clauses)) {
            lines.add(command + " id=" + nextId++ + " " + String.join(" ", chunk));
        }
        for (String reply : exchange(lines)) {
            readDeviceValues(reply, 4);
        }
    }

    private void readDeviceValues(String reply, int firstValue) {
        List<String> t = HilProtocol.tokens(reply);
        for (int i = firstValue; i < t.size(); i++) {
            String[] kv = HilProtocol.keyValue(t.get(i));
            Integer e = deviceIndex.get(kv[0]);
            if (e == null) {
                throw new HilException(HilErrorCode.UNKNOWN_NAME, "reply names an unknown device: " + kv[0]);
            }
            siemens[e] = HilProtocol.number(kv[1], "siemens of " + kv[0]);
        }
    }

    private static List<List<String>> chunks(List<String> items) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += HilProtocol.MAX_CLAUSES_PER_LINE) {
            out.add(items.subList(i, Math.min(items.size(), i + HilProtocol.MAX_CLAUSES_PER_LINE)));
        }
        return out;
    }

    // ------------------------------------------------------------------ connection

    /**
     * Sends the lines (pipelined) and returns one reply per line; on a lost connection, reconnects
     * and sends them again.
     *
     * @throws HilException for the first {@code ERR} reply (after every reply was read)
     */
    private List<String> exchange(List<String> lines) {
        while (true) {
            try {
                return send(lines);
            } catch (IOException e) {
                options.events().accept("connection to " + options.host() + ":" + options.port() + " lost ("
                        + e.getMessage() + "); reconnecting");
                reconnect(e);
                reconnects++;
                options.events().accept("reconnected to " + options.host() + ":" + options.port()
                        + "; state re-established, continuing");
            }
        }
    }

    private List<String> send(List<String> lines) throws IOException {
        if (socket == null) {
            throw new IOException("not connected");
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> replies = new ArrayList<>(lines.size());
        HilException first = null;
        for (int i = 0; i < lines.size(); i++) {
            String reply = in.readLine();
            if (reply == null) {
                throw new IOException("server closed the connection");
            }
            replies.add(reply);
            if (reply.startsWith(HilProtocol.ERR) && first == null) {
                first = error(reply, lines.get(i));
            }
        }
        if (first != null) {
            throw first;
        }
        return replies;
    }

    private static HilException error(String reply, String request) {
        List<String> t = HilProtocol.tokens(reply);
        int code = t.size() > 1 ? (int) HilProtocol.integer(t.get(1), "error code", 0, 999) : 500;
        String message = reply.length() > 8 ? reply.substring(Math.min(reply.length(), 8)) : "";
        String shown = request.length() > 80 ? request.substring(0, 80) + "..." : request;
        return new HilException(HilErrorCode.of(code), message + " (request: " + shown + ")");
    }

    /** Opens the connection, says HELLO and returns the description. */
    private NetworkDescription connect() {
        try {
            return open();
        } catch (IOException e) {
            reconnect(e);
            return describe();
        }
    }

    private NetworkDescription open() throws IOException {
        closeSocket();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(options.host(), options.port()), (int) options.connectTimeout().toMillis());
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.replyTimeout().toMillis()));
            s.setTcpNoDelay(true);
            socket = s;
            in = new HilProtocol.LineReader(new BufferedInputStream(s.getInputStream()), HilProtocol.MAX_REPLY_LINE_BYTES);
            out = s.getOutputStream();
            try {
                send(List.of("HELLO " + HilProtocol.VERSION + (options.token() != null ? " " + options.token() : "")));
            } catch (HilException e) {
                if (e.code() == HilErrorCode.CONFLICT) {
                    // the server is full for now: as good as unreachable, so try again within the budget
                    throw new IOException(e.getMessage(), e);
                }
                throw e;
            }
            return describeRaw();
        } catch (IOException | RuntimeException e) {
            closeSocket();
            throw e;
        }
    }

    private NetworkDescription describe() {
        try {
            return describeRaw();
        } catch (IOException e) {
            throw new RemoteUnavailableException("lost the connection while reading the description", e);
        }
    }

    private NetworkDescription describeRaw() throws IOException {
        out.write("DESCRIBE\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        String header = in.readLine();
        if (header == null) {
            throw new IOException("server closed the connection");
        }
        if (header.startsWith(HilProtocol.ERR)) {
            throw error(header, "DESCRIBE");
        }
        return NetworkDescription.parse(header, () -> {
            String l = in.readLine();
            if (l == null) {
                throw new IOException("server closed the connection inside DESCRIBE");
            }
            return l;
        });
    }

    /** Reconnects with exponential backoff within the budget and re-establishes inputs and boundary. */
    private void reconnect(IOException cause) {
        long deadline = System.nanoTime() + options.reconnectBudget().toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        IOException last = cause;
        while (true) {
            try {
                NetworkDescription d = open();
                if (description != null && !d.equals(description)) {
                    throw new HilException(HilErrorCode.CONFLICT, "the server describes a different network after reconnecting");
                }
                List<String> restore = new ArrayList<>();
                if (inputLine != null) {
                    restore.add(inputLine);
                }
                restore.add(boundaryLine);
                if (description != null) {
                    send(restore);
                }
                return;
            } catch (IOException e) {
                last = e;
            }
            if (System.nanoTime() + backoff * 1_000_000L > deadline) {
                throw new RemoteUnavailableException("cannot reach the HIL server at " + options.host() + ":"
                        + options.port() + " within " + options.reconnectBudget() + ": " + last.getMessage(), last);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new RemoteUnavailableException("interrupted while reconnecting", ie);
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
            socket = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("remote substrate is closed");
        }
    }

    /** Says BYE (best effort) and closes the connection; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (socket != null) {
            try {
                socket.setSoTimeout(1000);
                send(List.of("BYE"));
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
        closeSocket();
    }
}
