package org.spicelearn.bridge.remote;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.spicelearn.circuit.OutputBoundary;
import org.spicelearn.circuit.SubstrateException;

/**
 * The reference HIL server: speaks protocol version {@value HilProtocol#VERSION} over TCP for one
 * {@link ReferenceHardware}. One client owns the hardware at a time; a new successful {@code HELLO}
 * takes over (the previous connection is closed), which is how a client that lost its connection
 * gets back in. Hardware state (device states, inputs, boundary, last settled state) survives
 * connections. Every request is validated; hardware operations run on one hardware thread with an
 * operation timeout; a connection must say {@code HELLO} within {@value #HELLO_TIMEOUT_MILLIS} ms,
 * idle connections are closed after the idle timeout, and at most {@value #MAX_CONNECTIONS}
 * connections are open at once.
 */
public final class HilServer implements AutoCloseable {
    /** The server name sent in the {@code HELLO} reply. */
    public static final String SERVER_NAME = "spicelearn-reference";
    /** Largest input, clamp or target voltage accepted, volts. */
    public static final double MAX_VOLTS = 100;
    /** Largest nudge strength accepted, siemens. */
    public static final double MAX_BETA_SIEMENS = 1;
    /** Largest pulse count per device and request. */
    public static final int MAX_PULSES = 10_000;
    /** Longest WAIT accepted, seconds. */
    public static final double MAX_WAIT_SECONDS = 1e3;
    /** A connection that has not said a successful {@code HELLO} within this time is closed, milliseconds. */
    public static final int HELLO_TIMEOUT_MILLIS = 10_000;
    /** Connections open at once at most; a further one gets {@code ERR 409} and is closed. */
    public static final int MAX_CONNECTIONS = 8;
    /** How many PULSE/WRITE replies the server remembers for replay. */
    public static final int REMEMBERED_MUTATIONS = 4096;

    /**
     * How the server listens.
     *
     * @param bindAddress      the address to bind (loopback unless a lab opens it deliberately)
     * @param port             TCP port, 0 for any free port
     * @param token            shared token a client must present in {@code HELLO}, or null for none
     * @param maxLineBytes     longest request line accepted
     * @param idleTimeout      a connection silent this long is closed
     * @param operationTimeout a hardware operation taking longer fails with {@link HilErrorCode#TIMEOUT}
     */
    public record Options(InetAddress bindAddress, int port, String token, int maxLineBytes, Duration idleTimeout,
                          Duration operationTimeout) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(operationTimeout, "operationTimeout");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            if (maxLineBytes < 256) {
                throw new IllegalArgumentException("line limit must be at least 256 bytes");
            }
            if (token != null && (token.isEmpty() || !token.matches("[\\x21-\\x7e]{1,256}"))) {
                throw new IllegalArgumentException("token must be 1..256 printable ASCII characters without spaces");
            }
        }

        /** Loopback, the given port, no token, default limits (idle 10 min, operations 60 s). */
        public static Options loopback(int port) {
            return new Options(InetAddress.getLoopbackAddress(), port, null, HilProtocol.DEFAULT_MAX_LINE_BYTES,
                    Duration.ofMinutes(10), Duration.ofSeconds(60));
        }

        /** The same options with a token. */
        public Options withToken(String newToken) {
            return new Options(bindAddress, port, newToken, maxLineBytes, idleTimeout, operationTimeout);
        }
    }

    private final Options options;
    private final ExecutorService hardwareThread;
    private final ReferenceHardware hardware;
    private final ServerSocket serverSocket;
    private final Thread acceptThread;
    private final AtomicLong requests = new AtomicLong();
    private final Object lock = new Object();
    private Session active;
    private final List<Session> sessions = new ArrayList<>();
    /** Replies of the most recent PULSE and WRITE requests by id, so a retried request is not applied twice. */
    private final Map<String, String> mutationReplies = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_MUTATIONS;
        }
    };
    private volatile boolean closed;

    /**
     * Builds the hardware on the hardware thread and starts listening.
     *
     * @throws IOException when the port cannot be bound
     * @throws SubstrateException when the hardware cannot be built
     */
    public HilServer(Supplier<ReferenceHardware> hardwareFactory, Options options) throws IOException {
        this.options = options;
        this.hardwareThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hil-hardware");
            t.setDaemon(true);
            return t;
        });
        try {
            this.hardware = hardwareThread.submit(hardwareFactory::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hardwareThread.shutdownNow();
            throw new IOException("interrupted while building the hardware", e);
        } catch (ExecutionException e) {
            hardwareThread.shutdownNow();
            throw e.getCause() instanceof RuntimeException re ? re : new SubstrateException("hardware failed", e.getCause());
        }
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(options.bindAddress(), options.port()), 8);
        } catch (IOException e) {
            ss.close();
            onHardwareQuietly(() -> {
                hardware.close();
                return null;
            });
            hardwareThread.shutdownNow();
            throw e;
        }
        this.serverSocket = ss;
        this.acceptThread = new Thread(this::acceptLoop, "hil-accept");
        acceptThread.setDaemon(true);
        acceptThread.start();
    }

    /** The port the server listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The address the server listens on. */
    public InetAddress address() {
        return serverSocket.getInetAddress();
    }

    /** The hardware (touch it only through {@link #onHardware}). */
    public ReferenceHardware hardware() {
        return hardware;
    }

    /** Requests served so far. */
    public long requests() {
        return requests.get();
    }

    /** Runs {@code task} on the hardware thread and waits for it (for tests and acceptance figures). */
    public <T> T onHardware(Callable<T> task) {
        Future<T> f = hardwareThread.submit(task);
        try {
            return f.get(options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HilException(HilErrorCode.TIMEOUT, "operation took longer than " + options.operationTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HilException(HilErrorCode.DEVICE_FAILURE, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HilException h) {
                throw h;
            }
            throw new HilException(HilErrorCode.DEVICE_FAILURE, String.valueOf(c.getMessage()));
        }
    }

    private void onHardwareQuietly(Callable<Void> task) {
        try {
            hardwareThread.submit(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort during shutdown
        }
    }

    /** Closes every client connection (the hardware keeps its state); a test's way to cut the cable. */
    public void dropConnections() {
        synchronized (lock) {
            for (Session s : sessions) {
                s.closeSocket();
            }
            active = null;
        }
    }

    /** Stops listening, closes connections and the hardware. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            // under the lock: the accept loop registers no session after this
            closed = true;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            // already closed
        }
        dropConnections();
        onHardwareQuietly(() -> {
            hardware.close();
            return null;
        });
        hardwareThread.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = serverSocket.accept();
                s.setSoTimeout((int) Math.min(HELLO_TIMEOUT_MILLIS, options.idleTimeout().toMillis()));
                s.setTcpNoDelay(true);
                Session session = new Session(s);
                boolean refused;
                synchronized (lock) {
                    if (closed) {
                        // accepted while closing (the listening socket's close is deferred while accept blocks)
                        s.close();
                        return;
                    }
                    refused = sessions.size() >= MAX_CONNECTIONS;
                    if (!refused) {
                        sessions.add(session);
                    }
                }
                if (refused) {
                    refuse(s);
                    continue;
                }
                Thread t = new Thread(session, "hil-session-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private static void refuse(Socket s) {
        try (s) {
            s.getOutputStream().write((HilProtocol.error(HilErrorCode.CONFLICT, "too many connections (at most "
                    + MAX_CONNECTIONS + ")") + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the peer is gone already
        }
    }

    /** One client connection. */
    private final class Session implements Runnable {
        private final Socket socket;
        private boolean authenticated;

        Session(Socket socket) {
            this.socket = socket;
        }

        void closeSocket() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void run() {
            try (socket) {
                HilProtocol.LineReader in = new HilProtocol.LineReader(new BufferedInputStream(socket.getInputStream()),
                        options.maxLineBytes());
                OutputStream out = socket.getOutputStream();
                while (true) {
                    String reply;
                    boolean bye = false;
                    try {
                        String line = in.readLine();
                        if (line == null) {
                            return;
                        }
                        requests.incrementAndGet();
                        List<String> tokens = HilProtocol.tokens(line);
                        bye = !tokens.isEmpty() && tokens.get(0).equals("BYE");
                        reply = handle(tokens);
                    } catch (HilProtocol.LineTooLongException e) {
                        reply = HilProtocol.error(HilErrorCode.LINE_TOO_LONG, e.getMessage());
                    } catch (HilException e) {
                        reply = HilProtocol.error(e.code(), e.getMessage().substring(4));
                    } catch (SocketTimeoutException e) {
                        return;
                    } catch (RuntimeException e) {
                        reply = HilProtocol.error(HilErrorCode.DEVICE_FAILURE, String.valueOf(e.getMessage()));
                    }
                    out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (bye) {
                        return;
                    }
                }
            } catch (SocketException e) {
                // the peer went away or the connection was taken over
            } catch (IOException e) {
                // the connection is lost; the hardware keeps its state
            } finally {
                synchronized (lock) {
                    sessions.remove(this);
                    if (active == this) {
                        active = null;
                    }
                }
            }
        }

        private String handle(List<String> t) {
            if (t.isEmpty()) {
                throw new HilException(HilErrorCode.BAD_REQUEST, "empty request");
            }
            String command = t.get(0);
            if (command.equals("HELLO")) {
                return hello(t);
            }
            if (command.equals("BYE")) {
                return HilProtocol.OK + " BYE";
            }
            if (!authenticated) {
                throw new HilException(HilErrorCode.UNAUTHORIZED, "say HELLO first");
            }
            synchronized (lock) {
                if (active != this) {
                    throw new HilException(HilErrorCode.CONFLICT, "another client has taken over the hardware");
                }
            }
            switch (command) {
                case "PING":
                    arity(t, 1, 1);
                    return HilProtocol.OK + " PING";
                case "DESCRIBE":
                    arity(t, 1, 1);
                    return String.join("\n", hardware.description().toLines());
                case "SET":
                    return set(t);
                case "BOUNDARY":
                    return boundary(t);
                case "SETTLE":
                    arity(t, 1, 1);
                    onHardware(() -> {
                        hardware.settle();
                        return null;
                    });
                    return HilProtocol.OK + " SETTLE";
                case "WAIT": {
                    arity(t, 2, 2);
                    double s = HilProtocol.number(t.get(1), "wait seconds", 0, MAX_WAIT_SECONDS);
                    if (!(s > 0)) {
                        throw new HilException(HilErrorCode.OUT_OF_RANGE, "wait seconds must be > 0");
                    }
                    double now = onHardware(() -> hardware.advance(s));
                    return HilProtocol.OK + " WAIT t=" + HilProtocol.format(now);
                }
                case "MEASURE":
                    return measure(t);
                case "READ":
                    return read(t);
                case "PULSE":
                case "WRITE":
                    return program(t);
                default:
                    throw new HilException(HilErrorCode.BAD_REQUEST, "unknown command '" + command + "'");
            }
        }

        private String hello(List<String> t) {
            arity(t, 2, 3);
            long version = HilProtocol.integer(t.get(1), "version", 0, Integer.MAX_VALUE);
            if (version != HilProtocol.VERSION) {
                throw new HilException(HilErrorCode.VERSION_UNSUPPORTED, "this server speaks version "
                        + HilProtocol.VERSION + ", not " + version);
            }
            if (options.token() != null) {
                String given = t.size() == 3 ? t.get(2) : "";
                if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                        options.token().getBytes(StandardCharsets.UTF_8))) {
                    throw new HilException(HilErrorCode.UNAUTHORIZED, "wrong or missing token");
                }
            }
            authenticated = true;
            try {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.idleTimeout().toMillis()));
            } catch (SocketException e) {
                throw new HilException(HilErrorCode.DEVICE_FAILURE, "connection lost during HELLO");
            }
            synchronized (lock) {
                if (active != null && active != this) {
                    active.closeSocket();
                }
                active = this;
            }
            return HilProtocol.OK + " HELLO " + HilProtocol.VERSION + " " + SERVER_NAME;
        }

        private String set(List<String> t) {
            arity(t, 2, Integer.MAX_VALUE);
            Map<String, Double> volts = new LinkedHashMap<>();
            java.util.Set<String> known = new java.util.HashSet<>();
            for (NetworkDescription.Input in : hardware.description().inputs()) {
                known.add(in.name());
            }
            for (String token : t.subList(1, t.size())) {
                String[] kv = HilProtocol.keyValue(token);
                if (!known.contains(kv[0])) {
                    throw new HilException(HilErrorCode.UNKNOWN_NAME, "no voltage source named '" + kv[0] + "'");
                }
                volts.put(kv[0], HilProtocol.number(kv[1], "volts of " + kv[0], -MAX_VOLTS, MAX_VOLTS));
            }
            onHardware(() -> {
                hardware.setInputs(volts);
                return null;
            });
            return HilProtocol.OK + " SET " + volts.size();
        }

        private String boundary(List<String> t) {
            arity(t, 2, Integer.MAX_VALUE);
            String kind = t.get(1);
            OutputBoundary b;
            if (kind.equals("FREE")) {
                arity(t, 2, 2);
                b = OutputBoundary.FREE;
            } else if (kind.equals("NUDGE") || kind.equals("CLAMP")) {
                int first = kind.equals("NUDGE") ? 3 : 2;
                arity(t, first + 1, Integer.MAX_VALUE);
                int n = t.size() - first;
                int[] nodes = new int[n];
                double[] volts = new double[n];
                for (int i = 0; i < n; i++) {
                    String[] kv = HilProtocol.keyValue(t.get(first + i));
                    Integer node = hardware.node(kv[0]);
                    if (node == null) {
                        throw new HilException(HilErrorCode.UNKNOWN_NAME, "no node named '" + kv[0] + "'");
                    }
                    nodes[i] = node;
                    volts[i] = HilProtocol.number(kv[1], "volts of " + kv[0], -MAX_VOLTS, MAX_VOLTS);
                }
                if (kind.equals("NUDGE")) {
                    double beta = HilProtocol.number(t.get(2), "beta siemens", -MAX_BETA_SIEMENS, MAX_BETA_SIEMENS);
                    if (beta == 0) {
                        throw new HilException(HilErrorCode.OUT_OF_RANGE, "beta must not be 0 (use BOUNDARY FREE)");
                    }
                    b = new OutputBoundary.Nudge(beta, nodes, volts);
                } else {
                    b = new OutputBoundary.Clamp(nodes, volts);
                }
            } else {
                throw new HilException(HilErrorCode.BAD_REQUEST, "boundary must be FREE, NUDGE or CLAMP, got '" + kind + "'");
            }
            OutputBoundary boundary = b;
            onHardware(() -> {
                hardware.setOutput(boundary);
                return null;
            });
            return HilProtocol.OK + " BOUNDARY " + kind;
        }

        private String measure(List<String> t) {
            arity(t, 1, 1);
            double[][] result = onHardware(() -> new double[][] {hardware.measure(), {hardware.stateSeconds()}});
            Instant now = Instant.now();
            long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
            StringBuilder sb = new StringBuilder(HilProtocol.OK).append(" MEASURE t=")
                    .append(HilProtocol.format(result[1][0])).append(" stamp_us=").append(micros);
            for (double v : result[0]) {
                sb.append(' ').append(HilProtocol.format(v));
            }
            return sb.toString();
        }

        private String read(List<String> t) {
            arity(t, 2, Integer.MAX_VALUE);
            List<String> names = new ArrayList<>();
            if (t.size() == 2 && t.get(1).equals("*")) {
                for (NetworkDescription.Device d : hardware.description().devices()) {
                    names.add(d.name());
                }
            } else {
                names.addAll(t.subList(1, t.size()));
            }
            int[] idx = new int[names.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = deviceIndex(names.get(i));
            }
            double[] g = onHardware(() -> {
                double[] out = new double[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    out[i] = hardware.read(idx[i]);
                }
                return out;
            });
            StringBuilder sb = new StringBuilder(HilProtocol.OK).append(" READ");
            for (int i = 0; i < idx.length; i++) {
                sb.append(' ').append(names.get(i)).append('=').append(HilProtocol.format(g[i]));
            }
            return sb.toString();
        }

        /** PULSE id=K name=n ... or WRITE id=K name=siemens ...; a repeated id replays the reply. */
        private String program(List<String> t) {
            boolean pulse = t.get(0).equals("PULSE");
            arity(t, 3, Integer.MAX_VALUE);
            String[] idKv = HilProtocol.keyValue(t.get(1));
            if (!idKv[0].equals("id")) {
                throw new HilException(HilErrorCode.BAD_REQUEST, t.get(0) + " needs id=K as its first argument");
            }
            String id = t.get(0) + " " + HilProtocol.integer(idKv[1], "id", 0, Long.MAX_VALUE / 2);
            synchronized (lock) {
                String replay = mutationReplies.get(id);
                if (replay != null) {
                    return replay;
                }
            }
            int n = t.size() - 2;
            int[] idx = new int[n];
            String[] names = new String[n];
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                String[] kv = HilProtocol.keyValue(t.get(2 + i));
                names[i] = kv[0];
                idx[i] = deviceIndex(kv[0]);
                if (pulse) {
                    values[i] = HilProtocol.integer(kv[1], "pulses of " + kv[0], -MAX_PULSES, MAX_PULSES);
                } else {
                    org.spicelearn.circuit.ConductanceBounds b = hardware.description().devices().get(idx[i]).bounds();
                    values[i] = HilProtocol.number(kv[1], "target siemens of " + kv[0], b.minSiemens(), b.maxSiemens());
                }
            }
            double[][] result = onHardware(() -> {
                double[] g = new double[n];
                double used = 0;
                for (int i = 0; i < n; i++) {
                    if (pulse) {
                        g[i] = hardware.pulse(idx[i], (int) values[i]);
                        used += Math.abs(values[i]);
                    } else {
                        double[] w = hardware.write(idx[i], values[i]);
                        g[i] = w[0];
                        used += w[1];
                    }
                }
                return new double[][] {g, {used}};
            });
            StringBuilder sb = new StringBuilder(HilProtocol.OK).append(' ').append(t.get(0)).append(' ')
                    .append(t.get(1)).append(" pulses=").append((long) result[1][0]);
            for (int i = 0; i < n; i++) {
                sb.append(' ').append(names[i]).append('=').append(HilProtocol.format(result[0][i]));
            }
            String reply = sb.toString();
            synchronized (lock) {
                mutationReplies.put(id, reply);
            }
            return reply;
        }

        private int deviceIndex(String name) {
            Integer e = hardware.device(name);
            if (e == null) {
                throw new HilException(HilErrorCode.UNKNOWN_NAME, "no device named '" + name + "'");
            }
            return e;
        }

        private void arity(List<String> t, int min, int max) {
            if (t.size() < min || t.size() > max) {
                throw new HilException(HilErrorCode.BAD_REQUEST, t.get(0) + " takes "
                        + (min == max ? String.valueOf(min - 1) : (min - 1) + ".." + (max == Integer.MAX_VALUE ? "n" : String.valueOf(max - 1)))
                        + " arguments, got " + (t.size() - 1));
            }
        }
    }
}
