package org.spicelearn.bridge;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import org.spicelearn.netlist.SpiceNames;

/**
 * A conversation with one libngspice instance about one circuit, owned by the thread that opened it.
 *
 * <p>The session enforces the rules of NGSPICE.md: the instance is initialised before any call
 * (with the JVM's signal handlers restored and a C numeric locale); command lines stay under
 * {@value #MAX_COMMAND_BYTES} bytes and several commands share a line joined by {@code " ; "};
 * {@code quit} and {@code exit} are never sent; every analysis is followed by {@code destroy all}
 * once its values are copied; {@code ngSpice_Command(NULL)} frees command memory every
 * {@value #COMMANDS_PER_CLEANUP} commands; {@code remcirc} precedes every new circuit; an analysis
 * without a circuit is refused. Errors that ngspice prints become {@link NgspiceException}s carrying
 * the command and ngspice's lines. When ngspice calls its exit callback the instance is retired and
 * the next {@link #loadCircuit} runs on a fresh copy of the library.
 *
 * <p>Node voltages come from the SendData callback, copied into Java arrays at once: no JNA type
 * leaves the bridge.
 */
public final class NgspiceSession implements AutoCloseable {
    /** Longest command line sent (ngspice truncates at 1024 bytes). */
    public static final int MAX_COMMAND_BYTES = 1000;
    /** Commands (counting each of a {@code ;}-joined line) between two {@code ngSpice_Command(NULL)} clean-ups. */
    public static final int COMMANDS_PER_CLEANUP = 1000;
    /**
     * How far a transient pause may miss its time, as a fraction of the largest step: the stop
     * condition is {@code time > T - margin} and a pause outside {@code [T - margin, T + margin]} is an error.
     */
    public static final double PAUSE_MARGIN_PER_MAX_STEP = 1e-9;

    /** Healthy instances of closed sessions, by library file, for the next sessions of this JVM. */
    private static final Map<Path, Deque<NgspiceInstance>> IDLE = new HashMap<>();
    private static final Pattern FORBIDDEN = Pattern.compile("(^|;)\\s*(quit|exit|bg_\\w*)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANALYSIS = Pattern.compile(
            "(^|;)\\s*(op|tran|dc|ac|run|resume|noise|tf|sens|pz|disto|pss|sp|step)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DC_EXTERNAL = Pattern.compile(
            "^(\\s*[vi]\\S*\\s+\\S+\\s+\\S+)\\s+dc\\s+\\S+(\\s+external\\b.*)$", Pattern.CASE_INSENSITIVE);

    private final Path libraryFile;
    private final Thread owner;
    private NgspiceInstance instance;
    private boolean hasCircuit;
    private boolean transientPaused;
    private boolean stopRegistered;
    private TransientLimits limits;
    private int commandsSinceCleanup;
    private long commandCalls;
    private long nativeNanos;
    private boolean closed;
    private final Map<String, DoubleUnaryOperator> externalSources = new HashMap<>();
    /** The commands of the present analysis call (reused). */
    private final CommandBatch batch = new CommandBatch();
    /** One command line being packed, and its copy in native memory that ngSpice_Command reads. */
    private final byte[] lineBytes = new byte[MAX_COMMAND_BYTES + 1];
    private final Memory lineMemory = new Memory(MAX_COMMAND_BYTES + 1);
    /** The characters of the batch being sent, and per command its number of ';' and whether it is not ASCII. */
    private char[] chars = new char[4096];
    private int[] semicolons = new int[256];
    private boolean[] wide = new boolean[256];

    private NgspiceSession(Path libraryFile) {
        this.libraryFile = libraryFile;
        this.owner = Thread.currentThread();
        this.instance = acquire(libraryFile);
    }

    /** Opens a session on the library found by {@link NgspiceLibraryLocator#locate()}. */
    public static NgspiceSession open() {
        return new NgspiceSession(NgspiceLibraryLocator.locate());
    }

    /** Opens a session on the given library file (a private copy of it is loaded). */
    public static NgspiceSession open(Path libraryFile) {
        return new NgspiceSession(libraryFile);
    }

    private static NgspiceInstance acquire(Path libraryFile) {
        NgspiceInstance reused;
        synchronized (IDLE) {
            Deque<NgspiceInstance> idle = IDLE.get(libraryFile);
            reused = idle == null ? null : idle.pollFirst();
        }
        if (reused != null) {
            NgspiceInstance.forceCNumericLocale();
            return reused;
        }
        return NgspiceInstance.load(libraryFile);
    }

    private static void release(Path libraryFile, NgspiceInstance instance) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(libraryFile, f -> new ArrayDeque<>()).addFirst(instance);
        }
    }

    /**
     * Loads and initialises instances of the located library ahead of time, so that sessions opened
     * later (for example by parallel workers) reuse them. ngspice's init swaps the process's SIGSEGV
     * handler for its duration; preparing instances before other threads run Java code keeps that
     * window away from them.
     *
     * @param count how many idle instances should be ready
     */
    public static void prepareInstances(int count) {
        Path file = NgspiceLibraryLocator.locate();
        synchronized (IDLE) {
            Deque<NgspiceInstance> idle = IDLE.computeIfAbsent(file, f -> new ArrayDeque<>());
            while (idle.size() < count) {
                idle.addLast(NgspiceInstance.load(file));
            }
        }
    }

    /** The instance underneath (for tests that provoke its failure modes). */
    NgspiceInstance instance() {
        return instance;
    }

    /**
     * Loads a netlist (the previous circuit is removed first) and declares which node voltages to
     * read back: {@code nodeNames.get(i)} is the ngspice name of node index {@code i}, index 0 being ground.
     *
     * <p>Voltage or current sources written {@code dc <value> external} (which crash ngspice 39.3)
     * are rewritten without the dc value.
     *
     * @throws NgspiceException of kind {@code NETLIST_ERROR} when ngspice does not accept it
     */
    public void loadCircuit(List<String> netlistLines, List<String> nodeNames) {
        checkUsable();
        if (instance.exited()) {
            instance = acquire(libraryFile);
            externalSources.forEach(instance::externalSource);
            hasCircuit = false;
        }
        if (hasCircuit) {
            hasCircuit = false;
            transientPaused = false;
            stopRegistered = false;
            run("delete all ; remcirc ; destroy all", false);
        }
        List<String> lines = new ArrayList<>(netlistLines.size() + 1);
        for (String line : netlistLines) {
            lines.add(DC_EXTERNAL.matcher(line).replaceFirst("$1$2"));
        }
        if (lines.isEmpty() || !lines.get(lines.size() - 1).trim().equalsIgnoreCase(".end")) {
            lines.add(".end");
        }
        instance.watchNodes(nodeNames);
        instance.takeLines();
        long start = System.nanoTime();
        instance.circuit(lines.toArray(new String[0]));
        nativeNanos += System.nanoTime() - start;
        count(1, 1);
        List<String> out = instance.takeLines();
        NgspiceException failure = classify("load circuit '" + lines.get(0) + "'", out);
        if (failure != null) {
            if (failure.kind() != NgspiceException.Kind.EXITED) {
                run("remcirc", false);
            }
            throw failure.kind() == NgspiceException.Kind.COMMAND_ERROR
                    ? new NgspiceException(NgspiceException.Kind.NETLIST_ERROR, failure.command(), failure.messages())
                    : failure;
        }
        hasCircuit = true;
    }

    /** Whether a circuit is loaded. */
    public boolean hasCircuit() {
        return hasCircuit && !instance.exited();
    }

    /**
     * Sends one front-end command line as given (for tools and tests); {@code quit}, {@code exit} and
     * background-thread commands are refused, and the JVM's signal handlers are restored afterwards
     * in case the line held an expression.
     *
     * @return ngspice's output lines for it
     */
    public List<String> command(String line) {
        checkUsable();
        refuseUnsafe(line, !hasCircuit());
        try {
            return run(line, true);
        } finally {
            NgspiceInstance.restoreSignalHandlers();
        }
    }

    /**
     * Sends commands such as {@code alter r1=1000.0} (plain numbers only: no expressions), packing
     * them into as few lines as the length limit allows; {@code quit}, {@code exit} and background
     * commands are refused.
     */
    public void commands(List<String> commands) {
        commands(CommandBatch.of(commands));
    }

    /** {@link #commands(List)} for commands written into a batch (no string per command). */
    void commands(CommandBatch commands) {
        checkUsable();
        boolean noCircuit = !hasCircuit();
        int n = commands.size();
        int total = n == 0 ? 0 : commands.end(n - 1);
        if (chars.length < total) {
            chars = new char[Math.max(total, 2 * chars.length)];
        }
        if (semicolons.length < n) {
            semicolons = new int[Math.max(n, 2 * semicolons.length)];
            wide = new boolean[semicolons.length];
        }
        commands.getChars(chars);
        boolean minus = false;
        boolean allPlainAlters = true;
        // one pass over the characters: what each command holds
        for (int i = 0; i < n; i++) {
            int start = commands.start(i);
            int end = commands.end(i);
            int semicolon = 0;
            boolean hasMinus = false;
            boolean nonAscii = false;
            for (int k = start; k < end; k++) {
                char c = chars[k];
                semicolon += c == ';' ? 1 : 0;
                hasMinus |= c == '-';
                nonAscii |= c >= 0x80;
            }
            semicolons[i] = semicolon;
            wide[i] = nonAscii;
            boolean plainAlter = semicolon == 0 && commands.startsWith(i, "alter ");
            if (!plainAlter || noCircuit) {
                refuseUnsafe(commands.command(i), noCircuit);
            }
            allPlainAlters &= plainAlter;
            minus |= hasMinus;
        }
        try {
            send(commands);
        } finally {
            if (minus) {
                // ngspice's front end parses a leading minus as an operator, which resets SIGILL (NGSPICE.md);
                // alters touch no other handler (measured), other commands get all four back
                if (allPlainAlters) {
                    NgspiceInstance.restoreSigillHandler();
                } else {
                    NgspiceInstance.restoreSignalHandlers();
                }
            }
        }
    }

    /**
     * Packs the commands (their characters in {@link #chars}) into lines of fewer than
     * {@value #MAX_COMMAND_BYTES} bytes joined by {@code " ; "}, written into a reusable native buffer
     * (no Java string and no JNA allocation per line), and sends each line, stopping at the first
     * that ngspice reports an error for.
     */
    private void send(CommandBatch commands) {
        int length = 0;
        int inLine = 0;
        for (int i = 0; i < commands.size(); i++) {
            int start = commands.start(i);
            int end = commands.end(i);
            byte[] encoded = wide[i] ? commands.command(i).getBytes(StandardCharsets.UTF_8) : null;
            int bytes = encoded != null ? encoded.length : end - start;
            if (bytes >= MAX_COMMAND_BYTES) {
                throw new NgspiceException(NgspiceException.Kind.REFUSED, commands.command(i),
                        List.of("command longer than " + MAX_COMMAND_BYTES + " bytes would be truncated by ngspice"));
            }
            if (length > 0 && length + 3 + bytes >= MAX_COMMAND_BYTES) {
                sendLine(length, inLine);
                length = 0;
                inLine = 0;
            }
            if (length > 0) {
                lineBytes[length++] = ' ';
                lineBytes[length++] = ';';
                lineBytes[length++] = ' ';
            }
            if (encoded != null) {
                System.arraycopy(encoded, 0, lineBytes, length, bytes);
                length += bytes;
            } else {
                for (int k = start; k < end; k++) {
                    lineBytes[length++] = (byte) chars[k];
                }
            }
            inLine += 1 + semicolons[i];
        }
        if (length > 0) {
            sendLine(length, inLine);
        }
    }

    /** Sends the first {@code length} bytes of {@link #lineBytes} as one command line and checks ngspice's answer. */
    private void sendLine(int length, int commandsInLine) {
        lineBytes[length] = 0;
        lineMemory.write(0, lineBytes, 0, length + 1);
        instance.discardLines();
        long start = System.nanoTime();
        instance.commandLine(lineMemory);
        nativeNanos += System.nanoTime() - start;
        count(1, commandsInLine);
        List<String> out = instance.takeLines();
        if (instance.exited()) {
            hasCircuit = false;
            transientPaused = false;
            NgspiceInstance.restoreSignalHandlers();
        }
        if (!out.isEmpty() || instance.exited()) {
            NgspiceException failure = classify(new String(lineBytes, 0, length, StandardCharsets.UTF_8), out);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Refuses lines that would kill or race the library, and analyses when no circuit is loaded. */
    private static void refuseUnsafe(String line, boolean noCircuit) {
        if (FORBIDDEN.matcher(line).find()) {
            throw new NgspiceException(NgspiceException.Kind.REFUSED, line,
                    List.of("quit, exit and background commands would kill or race the shared library"));
        }
        if (noCircuit && ANALYSIS.matcher(line).find()) {
            throw new NgspiceException(NgspiceException.Kind.NO_CIRCUIT, line,
                    List.of("no circuit is loaded (an analysis on an empty circuit crashes ngspice)"));
        }
    }

    /**
     * Applies {@code changes} (bridge-made commands such as alters), runs {@code op} and returns
     * every node voltage by index (index 0 is ground, 0 V); the plot is destroyed afterwards.
     *
     * @throws NgspiceException of kind {@code NO_CIRCUIT} when no circuit is loaded, or as ngspice reports
     */
    public double[] operatingPoint(List<String> changes) {
        return operatingPoint(CommandBatch.of(changes));
    }

    /** {@link #operatingPoint(List)} for changes written into a batch. */
    double[] operatingPoint(CommandBatch changes) {
        requireCircuit("op");
        CommandBatch all = batch;
        all.clear();
        if (stopRegistered) {
            all.add("delete all"); // a transient's stop condition would be checked (and fail) during op
            stopRegistered = false;
        }
        all.addAll(changes);
        all.add("op");
        all.add("destroy all");
        transientPaused = false;
        long before = instance.dataPoints();
        commands(all);
        if (instance.dataPoints() == before) {
            throw new NgspiceException(NgspiceException.Kind.NO_CONVERGENCE, "op", List.of("op produced no data"));
        }
        return instance.latestVolts();
    }

    /**
     * Starts a transient analysis from the DC operating point under the present values and pauses
     * at its first time point after 0 (where the state still equals the operating point); returns
     * every node voltage there. {@link #transientTimeSeconds()} tells the time reached.
     *
     * <p>An exact first pause is not possible: ngspice drops breakpoints set before a second
     * {@code tran} of the same circuit. Every later pause ({@link #transientUntil}) is exact.
     *
     * @param changes bridge-made commands (alters) applied before the analysis starts
     * @param limits  step limits of the analysis
     */
    public double[] startTransient(List<String> changes, TransientLimits limits) {
        return startTransient(changes, limits, false);
    }

    /**
     * Starts a transient analysis as {@link #startTransient(List, TransientLimits)} does; with
     * {@code fromInitialConditions} it skips the operating point and starts from the capacitors'
     * {@code ic} values ({@code tran ... uic}), which is how a long run continues from its state in a
     * fresh analysis. A paused analysis is ended and its plot freed first.
     */
    public double[] startTransient(List<String> changes, TransientLimits limits, boolean fromInitialConditions) {
        return startTransient(changes, limits, fromInitialConditions, Double.NaN);
    }

    /**
     * Starts a transient analysis as {@link #startTransient(List, TransientLimits, boolean)} does, with
     * its first pause (its first time point) no later than {@code firstPauseLimitSeconds}, so that a
     * short first {@link #transientUntil} stays possible; {@code NaN} leaves the first step to ngspice.
     */
    public double[] startTransient(List<String> changes, TransientLimits limits, boolean fromInitialConditions,
                                   double firstPauseLimitSeconds) {
        return startTransient(CommandBatch.of(changes), limits, fromInitialConditions, firstPauseLimitSeconds);
    }

    /** {@link #startTransient(List, TransientLimits, boolean, double)} for changes written into a batch. */
    double[] startTransient(CommandBatch changes, TransientLimits limits, boolean fromInitialConditions,
                            double firstPauseLimitSeconds) {
        requireCircuit("tran");
        if (transientPaused) {
            operatingPoint(new CommandBatch()); // ends the paused run cleanly; its plot goes with "destroy all"
        }
        CommandBatch all = batch;
        all.clear();
        all.add("delete all");
        all.add("stop when time > 0");
        all.addAll(changes);
        transientPaused = false;
        stopRegistered = true;
        commands(all);
        // "tran" and "resume" sharing a line with an alter crash ngspice 39.3: they get their own call
        instance.limitSteps(firstPauseLimitSeconds, 0);
        try {
            run("tran " + SpiceNames.number(limits.stepSeconds()) + " " + SpiceNames.number(limits.stopSeconds()) + " 0 "
                    + SpiceNames.number(limits.maxStepSeconds()) + (fromInitialConditions ? " uic" : ""), true);
        } finally {
            instance.limitSteps(Double.NaN, 0);
        }
        if (!(instance.latestTimeSeconds() > 0)) {
            throw new NgspiceException(NgspiceException.Kind.COMMAND_ERROR, "tran", List.of("the transient did not pause"));
        }
        this.limits = limits;
        transientPaused = true;
        return instance.latestVolts();
    }

    /**
     * Continues the paused transient analysis until exactly {@code pauseSeconds} (breakpoint plus stop
     * condition, NGSPICE.md) and returns every node voltage there; {@code changes} are applied at the
     * present pause before continuing, and the run goes on from the state it paused in.
     *
     * <p>ngspice 39.3 discards a breakpoint when an accepted step lands less than its {@code minbreak}
     * short of it (5e-5 of the largest step after a {@code resume}; the {@code minbreak} option does not
     * reach the task an interactive {@code tran} makes), and the next step then ran past the pause. So
     * every step about to cross the pause time is also cut to end on it from the GetSyncData callback,
     * which ngspice calls after its own breakpoint handling; a point within
     * {@link #PAUSE_MARGIN_PER_MAX_STEP} of the largest step before the pause time counts as the pause.
     *
     * @param changes      bridge-made commands (alters) applied before running on
     * @param pauseSeconds absolute simulation time to pause at, more than {@link #minimumPauseSeconds} after
     *                     the present time and before the stop time
     */
    public double[] transientUntil(List<String> changes, double pauseSeconds) {
        return transientUntil(CommandBatch.of(changes), pauseSeconds);
    }

    /** {@link #transientUntil(List, double)} for changes written into a batch. */
    double[] transientUntil(CommandBatch changes, double pauseSeconds) {
        requireCircuit("resume");
        if (!transientPaused) {
            throw new NgspiceException(NgspiceException.Kind.REFUSED, "resume",
                    List.of("no transient is paused (a resume after the end restarts from t = 0)"));
        }
        double now = instance.latestTimeSeconds();
        double margin = PAUSE_MARGIN_PER_MAX_STEP * limits.maxStepSeconds();
        if (!(pauseSeconds - now > minimumPauseSeconds(limits.maxStepSeconds())) || !(pauseSeconds < limits.stopSeconds())) {
            throw new IllegalArgumentException("pause time " + pauseSeconds + " s must lie in (" + now + " + "
                    + minimumPauseSeconds(limits.maxStepSeconds()) + ", " + limits.stopSeconds() + ") s");
        }
        if (!instance.breakpoint(pauseSeconds)) {
            throw new NgspiceException(NgspiceException.Kind.COMMAND_ERROR,
                    "ngSpice_SetBkpt(" + SpiceNames.number(pauseSeconds) + ")", List.of("ngspice refused the breakpoint"));
        }
        // the breakpoint makes ngspice land on T up to rounding (and cut the integration order there, where
        // alters may have changed the circuit); stopping a hair before T keeps a point at T - 1 ulp from
        // running one more step; the step limit ends a step on T when ngspice has dropped the breakpoint
        CommandBatch all = batch;
        all.clear();
        all.add("delete all");
        all.add("stop when time > " + SpiceNames.number(pauseSeconds - margin));
        all.addAll(changes);
        transientPaused = false;
        commands(all);
        instance.limitSteps(pauseSeconds, margin);
        try {
            run("resume", true);
        } finally {
            instance.limitSteps(Double.NaN, 0);
        }
        double reached = instance.latestTimeSeconds();
        if (Math.abs(reached - pauseSeconds) > margin) {
            throw new NgspiceException(NgspiceException.Kind.COMMAND_ERROR, all + " ; resume",
                    List.of("transient stopped at " + reached + " s instead of " + SpiceNames.number(pauseSeconds) + " s"));
        }
        transientPaused = true;
        return instance.latestVolts();
    }

    /**
     * The shortest stretch {@link #transientUntil} can pause after the present time, in seconds:
     * twice the pause margin (a stop condition for a closer time would already hold).
     *
     * @param maxStepSeconds the largest step of the analysis
     */
    public static double minimumPauseSeconds(double maxStepSeconds) {
        return 2 * PAUSE_MARGIN_PER_MAX_STEP * maxStepSeconds;
    }

    /** The simulation time of the latest transient data point, in seconds. */
    public double transientTimeSeconds() {
        return instance.latestTimeSeconds();
    }

    /** Whether a transient analysis is paused and can be resumed. */
    public boolean transientPaused() {
        return transientPaused && !instance.exited();
    }

    /** Ends a paused transient analysis (with an {@code op}, whose plot and the run's are then destroyed). */
    public void endTransient() {
        if (hasCircuit() && transientPaused) {
            operatingPoint(List.of());
        }
    }

    /**
     * Sets the Java function giving the value (volts or amps) of the source declared
     * {@code <name> <n+> <n-> external} at a simulation time; it is called at every Newton iteration,
     * at trial times that may go backwards, so it must depend on the time only. {@code null} removes it.
     * The function is kept by the session and given to a fresh instance after an exit.
     */
    public void externalSource(String name, DoubleUnaryOperator valueAtTime) {
        checkUsable();
        if (valueAtTime == null) {
            externalSources.remove(name);
        } else {
            externalSources.put(name, valueAtTime);
        }
        instance.externalSource(name, valueAtTime);
    }

    /**
     * Cumulative costs of a session, for benchmarks.
     *
     * @param commandCalls  {@code ngSpice_Command} and {@code ngSpice_Circ} calls made
     * @param nativeNanos   wall time spent inside those calls (callbacks included)
     * @param callbackNanos wall time spent in the data callback copying node voltages out
     * @param dataPoints    data points received
     */
    public record Stats(long commandCalls, long nativeNanos, long callbackNanos, long dataPoints) {
        /** The time inside ngspice itself: calls minus the bridge's callback work, in nanoseconds. */
        public long ngspiceNanos() {
            return nativeNanos - callbackNanos;
        }

        /** The difference {@code this - earlier}. */
        public Stats minus(Stats earlier) {
            return new Stats(commandCalls - earlier.commandCalls, nativeNanos - earlier.nativeNanos,
                    callbackNanos - earlier.callbackNanos, dataPoints - earlier.dataPoints);
        }
    }

    /** The session's cumulative costs so far. */
    public Stats stats() {
        return new Stats(commandCalls, nativeNanos, instance.callbackNanos(), instance.dataPoints());
    }

    /** The number of {@code ngSpice_Command} and {@code ngSpice_Circ} calls made by this session. */
    public long commandCalls() {
        return commandCalls;
    }

    /** Whether the current instance has exited (the next {@link #loadCircuit} starts a fresh one). */
    public boolean instanceExited() {
        return instance.exited();
    }

    /** Ends the session; a healthy instance is cleaned and kept for the next session of this JVM. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkOwner();
        closed = true;
        if (instance.exited()) {
            return;
        }
        try {
            if (hasCircuit) {
                instance.command("delete all");
                instance.command("remcirc");
            }
            instance.command("destroy all");
            instance.command(null);
            instance.takeLines();
            instance.watchNodes(List.of("0"));
            instance.clearExternalSources();
            if (!instance.exited()) {
                release(libraryFile, instance);
            }
        } finally {
            hasCircuit = false;
        }
    }

    private List<String> run(String line, boolean check) {
        // a UTF-16 char takes at most 3 UTF-8 bytes: only long lines need the exact count
        if (3 * line.length() >= MAX_COMMAND_BYTES
                && line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= MAX_COMMAND_BYTES) {
            throw new NgspiceException(NgspiceException.Kind.REFUSED, line,
                    List.of("command longer than " + MAX_COMMAND_BYTES + " bytes would be truncated by ngspice"));
        }
        instance.takeLines();
        long start = System.nanoTime();
        instance.command(line);
        nativeNanos += System.nanoTime() - start;
        count(1, commandsIn(line));
        List<String> out = instance.takeLines();
        if (instance.exited()) {
            hasCircuit = false;
            transientPaused = false;
            NgspiceInstance.restoreSignalHandlers();
        }
        if (check) {
            NgspiceException failure = classify(line, out);
            if (failure != null) {
                throw failure;
            }
        }
        return out;
    }

    /** The number of {@code ;}-separated commands of a line. */
    private static int commandsIn(String line) {
        int n = 1;
        for (int i = line.indexOf(';'); i >= 0; i = line.indexOf(';', i + 1)) {
            n++;
        }
        return n;
    }

    private void count(int calls, int commands) {
        commandCalls += calls;
        commandsSinceCleanup += commands;
        if (commandsSinceCleanup >= COMMANDS_PER_CLEANUP && !instance.exited()) {
            instance.command(null);
            commandsSinceCleanup = 0;
        }
    }

    /** Turns ngspice's lines about a command into an exception, or {@code null} when they report no error. */
    private NgspiceException classify(String command, List<String> lines) {
        if (lines.isEmpty() && !instance.exited()) {
            return null;
        }
        if (instance.exited()) {
            return new NgspiceException(NgspiceException.Kind.EXITED, command, errorLines(lines, true));
        }
        List<String> errors = errorLines(lines, false);
        if (errors.isEmpty()) {
            return null;
        }
        String all = String.join("\n", errors).toLowerCase(Locale.ROOT);
        NgspiceException.Kind kind;
        if (all.contains("singular matrix")) {
            kind = NgspiceException.Kind.SINGULAR_MATRIX;
        } else if (all.contains("timestep too small")) {
            kind = NgspiceException.Kind.TIMESTEP_TOO_SMALL;
        } else if (all.contains("doanalyses") || all.contains("iteration limit") || all.contains("stepping failed")
                || all.contains("simulation(s) aborted")) {
            kind = NgspiceException.Kind.NO_CONVERGENCE;
        } else if (all.contains("error on line") || all.contains("circuit not parsed")) {
            kind = NgspiceException.Kind.NETLIST_ERROR;
        } else {
            kind = NgspiceException.Kind.COMMAND_ERROR;
        }
        return new NgspiceException(kind, command, errors);
    }

    private static List<String> errorLines(List<String> lines, boolean all) {
        boolean error = false;
        for (String l : lines) {
            // only stderr lines can report an error: the others need not be lower-cased
            error |= l.regionMatches(true, 0, "stderr", 0, 6) && isErrorLine(l.toLowerCase(Locale.ROOT));
        }
        List<String> out = new ArrayList<>();
        if (error || all) {
            for (String l : lines) {
                if (all || l.startsWith("stderr")) {
                    out.add(l.startsWith("stderr ") || l.startsWith("stdout ") ? l.substring(7) : l);
                }
            }
        }
        return out;
    }

    private static boolean isErrorLine(String lower) {
        if (!lower.startsWith("stderr") || lower.contains("pause requested") || lower.contains("simulation interrupted")) {
            return false;
        }
        return lower.contains("error") || lower.contains("singular matrix") || lower.contains("timestep too small")
                || lower.contains("doanalyses") || lower.contains("not parsed") || lower.contains("aborted")
                || lower.contains("no such command") || lower.contains("no circuit") || lower.contains("exit callback");
    }

    private void requireCircuit(String analysis) {
        checkUsable();
        if (!hasCircuit()) {
            throw new NgspiceException(NgspiceException.Kind.NO_CIRCUIT, analysis,
                    List.of(instance.exited() ? "the ngspice instance exited; load the circuit again"
                            : "no circuit is loaded (an analysis on an empty circuit crashes ngspice)"));
        }
    }

    private void checkUsable() {
        checkOwner();
        if (closed) {
            throw new NgspiceException(NgspiceException.Kind.REFUSED, "", List.of("the session is closed"));
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new NgspiceException(NgspiceException.Kind.REFUSED, "", List.of("session owned by thread "
                    + owner.getName() + " used from " + Thread.currentThread().getName()
                    + " (two threads on one ngspice instance crash it)"));
        }
    }
}
