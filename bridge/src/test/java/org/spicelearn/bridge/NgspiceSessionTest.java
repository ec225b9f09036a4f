package org.spicelearn.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's rules (NGSPICE.md) on the real library: values, typed errors, housekeeping, crash modes. */
@Tag("ngspice")
class NgspiceSessionTest {
    private static final List<String> DIVIDER = List.of("divider", "v1 in 0 dc 1", "r1 in mid 1000", "r2 mid 0 3000", ".end");
    private static final List<String> DIVIDER_NODES = List.of("0", "in", "mid");
    private static long[] jvmHandlers;

    private NgspiceSession session;

    @BeforeAll
    static void readTheJvmHandlersBeforeAnyInit() {
        NgspiceRequired.check();
        jvmHandlers = handlerWords();
    }

    /** The handler address and flags word of every guarded signal. */
    private static long[] handlerWords() {
        Memory[] saved = LibC.saveHandlers();
        long[] words = new long[2 * saved.length];
        for (int i = 0; i < saved.length; i++) {
            words[2 * i] = saved[i].getLong(0);
            words[2 * i + 1] = saved[i].getInt(136); // sa_flags after the 8-byte handler and 128-byte mask
        }
        return words;
    }

    @BeforeEach
    void open() {
        session = NgspiceSession.open();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void noCallCanReachTheLibraryBeforeItsInit() {
        // the raw mapping is package-private and an instance exists only initialised (load() runs ngSpice_Init)
        assertFalse(java.lang.reflect.Modifier.isPublic(SharedSpice.class.getModifiers()));
        assertFalse(java.lang.reflect.Modifier.isPublic(NgspiceInstance.class.getModifiers()));
        for (java.lang.reflect.Constructor<?> c : NgspiceInstance.class.getDeclaredConstructors()) {
            assertTrue(java.lang.reflect.Modifier.isPrivate(c.getModifiers()), c.toString());
        }
        for (java.lang.reflect.Constructor<?> c : NgspiceSession.class.getDeclaredConstructors()) {
            assertTrue(java.lang.reflect.Modifier.isPrivate(c.getModifiers()), c.toString());
        }
        assertEquals(0.75, sessionOnDivider().operatingPoint(List.of())[2], 1e-15, "the first call of a fresh session works");
    }

    private NgspiceSession sessionOnDivider() {
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        return session;
    }

    @Test
    void aFileThatIsNoUsableLibraryGivesOneClearError() throws Exception {
        Path text = localeDir.resolve("not-a-library.so");
        Files.writeString(text, "hello");
        NgspiceException e = assertThrows(NgspiceException.class, () -> NgspiceSession.open(text));
        assertEquals(NgspiceException.Kind.LIBRARY_INVALID, e.kind());
        assertTrue(e.getMessage().contains("not-a-library.so"), e.getMessage());
        Path libm = Path.of("/lib/x86_64-linux-gnu/libm.so.6");
        Assumptions.assumeTrue(Files.isRegularFile(libm), "needs a shared library without ngspice's functions");
        e = assertThrows(NgspiceException.class, () -> NgspiceSession.open(libm));
        assertEquals(NgspiceException.Kind.LIBRARY_INVALID, e.kind());
        for (String function : SharedSpice.FUNCTION_NAMES) {
            assertTrue(e.getMessage().contains(function), "names the missing " + function + ": " + e.getMessage());
        }
    }

    @Test
    void anOperatingPointGivesExactNodeVoltagesAndFollowsAlters() {
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        assertArrayEquals(new double[] {0, 1, 0.75}, session.operatingPoint(List.of()), 1e-15);
        double[] v = session.operatingPoint(List.of("alter r1 = 3000.0", "alter v1 = -2.5"));
        assertArrayEquals(new double[] {0, -2.5, -1.25}, v, 1e-15);
    }

    @Test
    void initAndNegativeNumbersLeaveTheJvmSignalHandlersInPlace() {
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        assertEquals(-0.375, session.operatingPoint(List.of("alter v1 = -0.5"))[2], 1e-15);
        assertArrayEquals(jvmHandlers, handlerWords(), "SIGILL/SIGBUS/SIGFPE/SIGSEGV handler and flags");
        session.command("alter r1 = 1e3*2"); // an expression, sent raw: the session restores the handlers after it
        assertArrayEquals(jvmHandlers, handlerWords());
    }

    @Test
    void everyAnalysisIsFollowedByDestroyAll() {
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        for (int i = 0; i < 50; i++) {
            session.operatingPoint(List.of());
        }
        assertEquals("const", session.instance().currentPlot(), "op plots are destroyed after reading");
        assertEquals(List.of("const"), session.instance().plots());
        assertTrue(session.instance().vectorNames("const").contains("pi"));
        double[] pi = session.instance().vector("pi");
        assertArrayEquals(new double[] {Math.PI}, pi, 1e-15, "ngGet_Vec_Info reads a vector's real data");
    }

    @Test
    void longCommandListsAreSplitUnderTheLengthLimit() {
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        List<String> alters = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            alters.add("alter r1 = " + (1000.0 + i));
        }
        long before = session.commandCalls();
        double[] v = session.operatingPoint(alters);
        assertEquals(3000.0 / (1399.0 + 3000.0), v[2], 1e-15, "the last alter wins");
        long calls = session.commandCalls() - before;
        assertTrue(calls >= 400 * "alter r1 = 1000.0 ; ".length() / NgspiceSession.MAX_COMMAND_BYTES && calls < 40,
                "400 alters took " + calls + " calls");
    }

    @Test
    void netlistErrorsAreTypedAndCarryNgspiceMessages() {
        NgspiceException e = assertThrows(NgspiceException.class, () -> session.loadCircuit(
                List.of("bad", "v1 in 0 dc 1", "r1 in mid 1k", "d1 mid 0 nomodel", ".end"), DIVIDER_NODES));
        assertEquals(NgspiceException.Kind.NETLIST_ERROR, e.kind());
        assertTrue(String.join("\n", e.messages()).contains("nomodel"), e.getMessage());
        assertFalse(session.hasCircuit());
        e = assertThrows(NgspiceException.class, () -> session.operatingPoint(List.of()));
        assertEquals(NgspiceException.Kind.NO_CIRCUIT, e.kind(), "op on an empty circuit is refused, not sent");
        for (String raw : List.of("op", "echo a ; tran 1e-6 1e-3", "RUN")) {
            assertEquals(NgspiceException.Kind.NO_CIRCUIT,
                    assertThrows(NgspiceException.class, () -> session.command(raw)).kind(), raw);
        }
        assertEquals(NgspiceException.Kind.NO_CIRCUIT,
                assertThrows(NgspiceException.class, () -> session.commands(List.of("alter r1 = 5.0", "op"))).kind());
        assertEquals(List.of("stdout hello"), session.command("echo hello"), "other commands still go through");
    }

    @Test
    void commandAndAnalysisErrorsAreTyped() {
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        NgspiceException e = assertThrows(NgspiceException.class, () -> session.command("frobnicate all"));
        assertEquals(NgspiceException.Kind.COMMAND_ERROR, e.kind());
        assertEquals("frobnicate all", e.command());
        e = assertThrows(NgspiceException.class, () -> session.operatingPoint(List.of("alter rnope = 5.0")));
        assertEquals(NgspiceException.Kind.COMMAND_ERROR, e.kind());
        assertTrue(e.getMessage().contains("rnope"), e.getMessage());
        session.loadCircuit(List.of("floating", "v1 in 0 dc 1", "r1 in 0 1000", "r2 mid x 3000", ".end"),
                List.of("0", "in", "mid", "x"));
        e = assertThrows(NgspiceException.class, () -> session.operatingPoint(List.of()));
        assertEquals(NgspiceException.Kind.SINGULAR_MATRIX, e.kind(), e.getMessage());
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        assertEquals(0.75, session.operatingPoint(List.of())[2], 1e-15, "the session survives the errors");
    }

    @Test
    void quitExitLongLinesAndOtherThreadsAreRefused() throws InterruptedException, TimeoutException {
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        assertEquals(NgspiceException.Kind.REFUSED, assertThrows(NgspiceException.class, () -> session.command("quit")).kind());
        assertEquals(NgspiceException.Kind.REFUSED,
                assertThrows(NgspiceException.class, () -> session.command("echo x ; exit")).kind());
        assertEquals(NgspiceException.Kind.REFUSED,
                assertThrows(NgspiceException.class, () -> session.command("echo " + "x".repeat(1100))).kind());
        CompletableFuture<Object> other = CompletableFuture.supplyAsync(() -> session.operatingPoint(List.of()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> other.get(30, TimeUnit.SECONDS));
        assertEquals(NgspiceException.Kind.REFUSED, ((NgspiceException) e.getCause()).kind());
        assertEquals(0.75, session.operatingPoint(List.of())[2], 1e-15);
    }

    @Test
    void aControlledExitRetiresTheInstanceAndTheNextLoadGetsAFreshCopy() {
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        NgspiceInstance first = session.instance();
        first.command("quit"); // the one way to make ngspice call ControlledExit on purpose
        assertTrue(first.exited());
        assertTrue(session.instanceExited());
        NgspiceException e = assertThrows(NgspiceException.class, () -> session.operatingPoint(List.of()));
        assertEquals(NgspiceException.Kind.NO_CIRCUIT, e.kind());
        session.loadCircuit(DIVIDER, DIVIDER_NODES);
        assertTrue(session.instance() != first, "a fresh instance");
        assertFalse(session.instance().copyName().equals(first.copyName()));
        assertEquals(0.75, session.operatingPoint(List.of())[2], 1e-15);
    }

    @Test
    void dcExternalSourcesAreRewrittenAndTakeTheirValuesFromJava() {
        // "V n 0 dc 0 external" crashes ngspice 39.3; the session writes "V n 0 external"
        session.loadCircuit(List.of("ext", "v1 in 0 dc 0 external", "r1 in mid 1000", "r2 mid 0 3000", ".end"),
                DIVIDER_NODES);
        session.externalSource("v1", t -> 2.0);
        assertEquals(1.5, session.operatingPoint(List.of())[2], 1e-15);
        session.externalSource("v1", t -> t < 1e-3 ? 0.0 : 4.0);
        assertEquals(0.0, session.startTransient(List.of(), new TransientLimits(1e-4, 1e-4, 1.0))[2], 1e-15);
        assertEquals(0.0, session.transientUntil(List.of(), 0.5e-3)[2], 1e-15);
        assertEquals(3.0, session.transientUntil(List.of(), 2e-3)[2], 1e-12);
    }

    @Test
    void aTransientPausesExactlyAndResumesFromTheSameState() {
        session.loadCircuit(List.of("rc", "v1 in 0 dc 0", "r1 in out 1000", "c1 out 0 1e-6", ".end"),
                List.of("0", "in", "out"));
        double tau = 1e-3;
        double[] v = session.startTransient(List.of(), new TransientLimits(tau / 100, tau / 100, 1.0));
        double t0 = session.transientTimeSeconds();
        assertEquals(0, v[2], 1e-15);
        assertTrue(t0 > 0 && t0 < tau / 100, "first pause at " + t0);
        double previous = 0;
        for (int k = 1; k <= 3; k++) {
            double[] w = session.transientUntil(k == 1 ? List.of("alter v1 = 1.0") : List.of(), t0 + k * tau);
            assertEquals(t0 + k * tau, session.transientTimeSeconds(), 1e-15);
            assertEquals(1 - Math.exp(-k), w[2], 1e-5, "trapezoidal, 100 steps per tau");
            assertTrue(w[2] > previous);
            previous = w[2];
        }
        // a conductance change at the pause: the exponential goes on from the state with the new tau
        double[] w = session.transientUntil(List.of("alter r1 = 500.0"), t0 + 4 * tau);
        assertEquals(1 - (1 - previous) * Math.exp(-2), w[2], 1e-5);
        assertTrue(session.instance().vectorNames(session.instance().currentPlot()).containsAll(List.of("time", "out")),
                "the paused run's plot keeps its vectors");
        session.endTransient();
        assertFalse(session.transientPaused());
        assertEquals(List.of("const"), session.instance().plots(), "ending the run freed its plot");
        assertEquals(1.0, session.operatingPoint(List.of())[2], 1e-15, "an op after a pause");
    }

    @TempDir
    Path localeDir;

    @Test
    void aDecimalCommaLocaleDoesNotBreakParamCircuits() throws Exception {
        Path compiled = localeDir.resolve("de_DE.UTF-8");
        Process p = new ProcessBuilder("localedef", "-i", "de_DE", "-f", "UTF-8", compiled.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && Files.isDirectory(compiled), "localedef cannot build de_DE here");
        LibC.INSTANCE.setenv("LOCPATH", localeDir.toString(), 1);
        try {
            assertNotNull(LibC.INSTANCE.setlocale(LibC.LC_NUMERIC, "de_DE.UTF-8"), "comma locale set");
            assertEquals("de_DE.UTF-8", LibC.INSTANCE.setlocale(LibC.LC_NUMERIC, null));
            try (NgspiceSession s = NgspiceSession.open()) {
                s.loadCircuit(List.of("param", ".param rr=1.5k", "v1 in 0 dc 1", "r1 in mid {rr*2}", "r2 mid 0 1.5k", ".end"),
                        DIVIDER_NODES);
                assertEquals(1.0 / 3, s.operatingPoint(List.of())[2], 1e-15);
            }
        } finally {
            LibC.INSTANCE.setlocale(LibC.LC_NUMERIC, "C");
        }
    }
}
