package org.spicelearn.bridge;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The few libc functions the bridge needs around ngspice: {@code sigaction} to save and restore the
 * JVM's signal handlers, {@code setlocale} to force a C numeric locale, {@code setenv} for tests.
 */
interface LibC extends Library {
    /** The process's C library. */
    LibC INSTANCE = Native.load("c", LibC.class);

    /** glibc's {@code LC_NUMERIC}. */
    int LC_NUMERIC = 1;
    /** Signals whose handlers ngspice's init replaces or resets and the JVM relies on. */
    int[] GUARDED_SIGNALS = {4 /* SIGILL */, 7 /* SIGBUS */, 8 /* SIGFPE */, 11 /* SIGSEGV */};
    /** The index of SIGILL in {@link #GUARDED_SIGNALS}: the one handler ngspice's expression evaluation resets. */
    int SIGILL_INDEX = 0;
    /** Bytes reserved per saved {@code struct sigaction} (glibc x86-64 uses 152). */
    int SIGACTION_BYTES = 256;

    int sigaction(int signal, Pointer action, Pointer oldAction);

    String setlocale(int category, String locale);

    int setenv(String name, String value, int overwrite);

    /** glibc's {@code struct mallinfo2} (every field a {@code size_t}). */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    MallInfo2 mallinfo2();

    /** Bytes the C heap has handed out and not had back (small blocks plus mmap'd blocks). */
    static long mallocInUseBytes() {
        MallInfo2 m = INSTANCE.mallinfo2();
        return m.uordblks + m.hblkhd;
    }

    /** Reads the present {@code struct sigaction} of every guarded signal. */
    static Memory[] saveHandlers() {
        Memory[] saved = new Memory[GUARDED_SIGNALS.length];
        for (int i = 0; i < saved.length; i++) {
            saved[i] = new Memory(SIGACTION_BYTES);
            saved[i].clear();
            if (INSTANCE.sigaction(GUARDED_SIGNALS[i], null, saved[i]) != 0) {
                throw new IllegalStateException("sigaction could not read the handler of signal " + GUARDED_SIGNALS[i]);
            }
        }
        return saved;
    }

    /** Installs the handlers saved by {@link #saveHandlers()} again. */
    static void restoreHandlers(Memory[] saved) {
        for (int i = 0; i < saved.length; i++) {
            restoreHandler(saved, i);
        }
    }

    /** Installs the handler of {@code GUARDED_SIGNALS[index]} saved by {@link #saveHandlers()} again. */
    static void restoreHandler(Memory[] saved, int index) {
        if (DirectLibC.sigaction(GUARDED_SIGNALS[index], saved[index], null) != 0) {
            throw new IllegalStateException("sigaction could not restore the handler of signal " + GUARDED_SIGNALS[index]);
        }
    }
}
