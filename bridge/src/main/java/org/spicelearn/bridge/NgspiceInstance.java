package org.spicelearn.bridge;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;

/**
 * One initialised libngspice instance: a private copy of the library file loaded under a unique
 * name, its callbacks (held strongly here for the instance's whole life) and what they collected.
 *
 * <p>ngspice keeps global state, so each instance holds at most one circuit and must be used by one
 * thread at a time. An instance that called its exit callback is {@linkplain #exited() dead} and is
 * never called again; re-initialising the same copy after an exit is unsafe, so a fresh copy of the
 * file is loaded instead.
 */
final class NgspiceInstance {
    private static final AtomicInteger COPIES = new AtomicInteger();
    /** A pointer at address 0: {@code ABSOLUTE.getDouble(address)} reads the double at {@code address}. */
    private static final Pointer ABSOLUTE = new Pointer(0);
    private static Path copyDirectory;
    /** The JVM's own handlers, saved before the first ngspice init of this process. */
    private static Memory[] jvmSignalHandlers;

    private final SharedSpice lib;
    /** {@code ngSpice_Command} called directly (JNA {@link Function}), for lines in native memory. */
    private final Function commandFunction;
    private final String copyName;
    private volatile boolean exited;
    private final List<String> lines = new ArrayList<>();

    // data of the latest SendData point, by node index
    private Map<String, Integer> nodeIndexByName = Map.of();
    private int[] vectorToNode = new int[0];
    private final Map<String, int[]> mappingByPlotKind = new HashMap<>();
    private int scaleVector = -1;
    private double[] latestVolts = new double[1];
    private double latestTimeSeconds;
    private long dataPoints;
    private long callbackNanos;
    private double stepLimitSeconds = Double.NaN;
    private double stepLimitMarginSeconds;
    private final Map<String, DoubleUnaryOperator> externalSources = new HashMap<>();

    // callbacks: strong references for the library's lifetime (JNA keeps weak ones only)
    private final SharedSpice.SendChar sendChar = (line, ident, user) -> {
        lines.add(line);
        return 0;
    };
    private final SharedSpice.SendStat sendStat = (status, ident, user) -> 0;
    private final SharedSpice.ControlledExit controlledExit = (status, immediate, quit, ident, user) -> {
        exited = true;
        lines.add("stderr ngspice exit callback: status " + status + (quit != 0 ? " (quit)" : ""));
        return 0;
    };
    private final SharedSpice.SendData sendData = this::onData;
    private final SharedSpice.SendInitData sendInitData = this::onInitData;
    private final SharedSpice.BgThreadRunning bgThreadRunning = (finished, ident, user) -> 0;
    private final SharedSpice.GetVsrcData getVsrcData = this::onExternalSource;
    private final SharedSpice.GetIsrcData getIsrcData = this::onExternalSource;
    private final SharedSpice.GetSyncData getSyncData = this::onSync;
    private final IntByReference ident = new IntByReference(0);

    private NgspiceInstance(SharedSpice lib, Function commandFunction, String copyName) {
        this.lib = lib;
        this.commandFunction = commandFunction;
        this.copyName = copyName;
    }

    /**
     * Loads a fresh copy of the library file, checks its symbols and initialises it with the JVM's
     * signal handlers restored and a C numeric locale.
     */
    static synchronized NgspiceInstance load(Path libraryFile) {
        Path copy = copyOf(libraryFile);
        NativeLibrary nativeLibrary;
        try {
            nativeLibrary = NativeLibrary.getInstance(copy.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new NgspiceException(NgspiceException.Kind.LIBRARY_INVALID, "",
                    List.of(libraryFile + " could not be loaded: " + e.getMessage()));
        }
        List<String> missing = new ArrayList<>();
        for (String name : SharedSpice.FUNCTION_NAMES) {
            try {
                nativeLibrary.getFunction(name);
            } catch (UnsatisfiedLinkError e) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new NgspiceException(NgspiceException.Kind.LIBRARY_INVALID, "",
                    List.of(libraryFile + " is not a usable libngspice: it lacks " + String.join(", ", missing)));
        }
        SharedSpice lib = Native.load(copy.toString(), SharedSpice.class);
        try {
            Files.deleteIfExists(copy); // the mapping stays valid; nothing is left in the temp directory
        } catch (IOException ignored) {
            // left for the JVM's exit hook
        }
        NgspiceInstance instance = new NgspiceInstance(lib, nativeLibrary.getFunction("ngSpice_Command"),
                copy.getFileName().toString());
        instance.init();
        return instance;
    }

    private static Path copyOf(Path libraryFile) {
        try {
            if (copyDirectory == null) {
                copyDirectory = Files.createTempDirectory("spicelearn-ngspice-");
                copyDirectory.toFile().deleteOnExit();
            }
            Path copy = copyDirectory.resolve("libngspice-" + ProcessHandle.current().pid() + "-"
                    + COPIES.incrementAndGet() + ".so");
            Files.copy(libraryFile, copy);
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new NgspiceException(NgspiceException.Kind.LIBRARY_INVALID, "",
                    List.of("cannot copy " + libraryFile + " to a temporary directory: " + e.getMessage()));
        }
    }

    private void init() {
        if (jvmSignalHandlers == null) {
            jvmSignalHandlers = LibC.saveHandlers();
        }
        forceCNumericLocale();
        try {
            lib.ngSpice_Init(sendChar, sendStat, controlledExit, sendData, sendInitData, bgThreadRunning, null);
            lib.ngSpice_Init_Sync(getVsrcData, getIsrcData, getSyncData, ident, null);
            // no "Reference value" line (a SendChar callback) after every analysis
            lib.ngSpice_Command("set norefvalue");
        } finally {
            restoreSignalHandlers();
        }
        lines.clear();
    }

    /** Sets {@code LC_NUMERIC} to "C" so that ngspice parses numbers with a decimal point. */
    static void forceCNumericLocale() {
        LibC.INSTANCE.setlocale(LibC.LC_NUMERIC, "C");
    }

    /** Puts the JVM's SIGSEGV, SIGILL, SIGFPE and SIGBUS handlers back. */
    static void restoreSignalHandlers() {
        if (jvmSignalHandlers != null) {
            LibC.restoreHandlers(jvmSignalHandlers);
        }
    }

    /**
     * Puts the JVM's SIGILL handler back: the only one ngspice's front end touches after init (its
     * expression evaluation sets SIGILL to the default for every operator, a leading minus included;
     * measured: the other guarded handlers stay as they are).
     */
    static void restoreSigillHandler() {
        if (jvmSignalHandlers != null) {
            LibC.restoreHandler(jvmSignalHandlers, LibC.SIGILL_INDEX);
        }
    }

    /** Whether ngspice called its exit callback; a dead instance must not be called again. */
    boolean exited() {
        return exited;
    }

    /** The unique file name of this copy (for messages). */
    String copyName() {
        return copyName;
    }

    /** Sends one command line ({@code null} frees ngspice's command memory); returns ngspice's status. */
    int command(String command) {
        return lib.ngSpice_Command(command);
    }

    /**
     * Sends one command line held in native memory as a NUL-terminated string: no JNA string
     * conversion (a byte array and a malloc'd copy per call) and no interface-mapping dispatch.
     */
    int commandLine(Pointer line) {
        return commandFunction.invokeInt(new Object[] {line});
    }

    /** Loads a netlist, one line per entry, the last being {@code .end}. */
    int circuit(String[] netlistLines) {
        return lib.ngSpice_Circ(netlistLines);
    }

    /** Sets a transient breakpoint at {@code timeSeconds}; false when ngspice refused it. */
    boolean breakpoint(double timeSeconds) {
        return lib.ngSpice_SetBkpt(timeSeconds) != 0;
    }

    /**
     * Makes every transient time step end at or before {@code limitSeconds} until the limit is
     * cleared with {@code NaN}: a breakpoint that ngspice cannot drop (it discards its own breakpoints
     * when a step lands within {@code minbreak} short of them). Steps from within {@code marginSeconds}
     * of the limit are left alone, so a run paused there does not resume with a needlessly tiny step.
     */
    void limitSteps(double limitSeconds, double marginSeconds) {
        stepLimitSeconds = limitSeconds;
        stepLimitMarginSeconds = marginSeconds;
    }

    /** Whether a background simulation is running. */
    boolean running() {
        return lib.ngSpice_running() != 0;
    }

    /** The name of the current plot. */
    String currentPlot() {
        Pointer p = lib.ngSpice_CurPlot();
        return p == null ? "" : p.getString(0);
    }

    /** The names of every plot in memory. */
    List<String> plots() {
        Pointer p = lib.ngSpice_AllPlots();
        return p == null ? List.of() : List.of(p.getStringArray(0));
    }

    /** The names of the vectors of a plot. */
    List<String> vectorNames(String plot) {
        Pointer p = lib.ngSpice_AllVecs(plot);
        List<String> out = new ArrayList<>();
        if (p != null) {
            for (String s : p.getStringArray(0)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A copy of the real data of a vector of the current plot, or {@code null} when there is none. */
    double[] vector(String name) {
        Pointer info = lib.ngGet_Vec_Info(name);
        if (info == null) {
            return null;
        }
        Pointer data = info.getPointer(SharedSpice.VECTOR_INFO_REALDATA_OFFSET);
        int length = info.getInt(SharedSpice.VECTOR_INFO_LENGTH_OFFSET);
        return data == null ? null : data.getDoubleArray(0, length);
    }

    /** Forgets the output lines collected so far. */
    void discardLines() {
        lines.clear();
    }

    /** The output lines collected since the last {@link #takeLines()}, which clears them. */
    List<String> takeLines() {
        List<String> copy = List.copyOf(lines);
        lines.clear();
        return copy;
    }

    /** Declares the node names (index 0 is ground) whose voltages data points are copied into. */
    void watchNodes(List<String> nodeNames) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 1; i < nodeNames.size(); i++) {
            index.put(nodeNames.get(i).toLowerCase(Locale.ROOT), i);
        }
        nodeIndexByName = index;
        latestVolts = new double[nodeNames.size()];
        vectorToNode = new int[0];
        mappingByPlotKind.clear();
    }

    /** The number of data points received so far. */
    long dataPoints() {
        return dataPoints;
    }

    /** The node voltages of the latest data point, by node index (a copy). */
    double[] latestVolts() {
        return latestVolts.clone();
    }

    /** The scale (time) of the latest data point; 0 for an operating point. */
    double latestTimeSeconds() {
        return latestTimeSeconds;
    }

    /** Sets (or with {@code null} removes) the Java function giving an external source's value at a time. */
    void externalSource(String name, DoubleUnaryOperator valueAtTime) {
        if (valueAtTime == null) {
            externalSources.remove(name.toLowerCase(Locale.ROOT));
        } else {
            externalSources.put(name.toLowerCase(Locale.ROOT), valueAtTime);
        }
    }

    /** Forgets every external-source function. */
    void clearExternalSources() {
        externalSources.clear();
    }

    /**
     * Maps the vectors of a new plot to node indices. Every {@code op} makes a new plot with the
     * vectors in the same order, so the mapping is kept per plot type and vector count until the next
     * {@link #watchNodes} (a new circuit); only the first plot of each type reads the names.
     */
    private int onInitData(Pointer vecInfoAll, int id, Pointer user) {
        long start = System.nanoTime();
        int count = vecInfoAll.getInt(SharedSpice.VECINFOALL_COUNT_OFFSET);
        String key = vecInfoAll.getPointer(SharedSpice.VECINFOALL_TYPE_OFFSET).getString(0) + "/" + count;
        int[] cached = mappingByPlotKind.get(key);
        if (cached == null) {
            Pointer vecs = vecInfoAll.getPointer(SharedSpice.VECINFOALL_VECS_OFFSET);
            cached = new int[count + 1];
            cached[count] = -1; // the last slot holds the index of the time scale
            for (int i = 0; i < count; i++) {
                Pointer info = vecs.getPointer((long) i * Native.POINTER_SIZE);
                String name = normalise(info.getPointer(SharedSpice.VECINFO_NAME_OFFSET).getString(0));
                Integer node = nodeIndexByName.get(name);
                cached[i] = node == null ? -1 : node;
                if (name.equals("time")) {
                    cached[count] = i;
                }
            }
            mappingByPlotKind.put(key, cached);
        }
        vectorToNode = cached;
        scaleVector = cached[count];
        callbackNanos += System.nanoTime() - start;
        return 0;
    }

    private static String normalise(String vectorName) {
        String n = vectorName.toLowerCase(Locale.ROOT);
        if (n.startsWith("v(") && n.endsWith(")")) {
            n = n.substring(2, n.length() - 1);
        }
        return n;
    }

    /** Wall time spent in the data callbacks (mapping new plots, copying data points out), in nanoseconds. */
    long callbackNanos() {
        return callbackNanos;
    }

    private int onData(Pointer all, int count, int id, Pointer user) {
        long start = System.nanoTime();
        int n = Math.min(all.getInt(SharedSpice.VECVALUESALL_COUNT_OFFSET), vectorToNode.length - 1);
        // addresses read as numbers and dereferenced through one pointer at address 0: no Pointer object per vector
        long vecsa = all.getLong(SharedSpice.VECVALUESALL_VECSA_OFFSET);
        double[] volts = latestVolts;
        double time = 0;
        for (int i = 0; i < n; i++) {
            int node = vectorToNode[i];
            if (node > 0) {
                volts[node] = ABSOLUTE.getDouble(ABSOLUTE.getLong(vecsa + (long) i * Native.POINTER_SIZE)
                        + SharedSpice.VECVALUES_CREAL_OFFSET);
            } else if (i == scaleVector) {
                time = ABSOLUTE.getDouble(ABSOLUTE.getLong(vecsa + (long) i * Native.POINTER_SIZE)
                        + SharedSpice.VECVALUES_CREAL_OFFSET);
            }
        }
        latestTimeSeconds = time;
        dataPoints++;
        callbackNanos += System.nanoTime() - start;
        return 0;
    }

    /**
     * ngspice's GetSyncData: called with the step about to be taken, after ngspice's own breakpoint
     * handling ({@code location} 0), or about to be retried after a rejected step (1, {@code redoStep}
     * set, time already set back), and after every accepted step with the next step proposed (1); shortens
     * a step about to cross the limit so that it ends on it, and leaves proposals alone (ngspice's
     * breakpoint logic, which remembers the step it cuts, sees them first). Never asks for a redo.
     */
    private int onSync(double timeSeconds, Pointer delta, double oldDelta, int redoStep, int id, int location, Pointer user) {
        double limit = stepLimitSeconds;
        if ((location == 0 || redoStep != 0) && timeSeconds < limit - stepLimitMarginSeconds
                && timeSeconds + delta.getDouble(0) > limit) {
            delta.setDouble(0, limit - timeSeconds);
        }
        return 0;
    }

    private int onExternalSource(Pointer value, double timeSeconds, String name, int id, Pointer user) {
        DoubleUnaryOperator f = externalSources.get(name.toLowerCase(Locale.ROOT));
        value.setDouble(0, f == null ? 0.0 : f.applyAsDouble(timeSeconds));
        return 0;
    }
}
