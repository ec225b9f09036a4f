package org.spicelearn.bridge;

import java.util.List;

/**
 * A small program run in a child JVM by {@link CrashContainmentTest}: it provokes one of ngspice's
 * crash modes through the bridge and prints what happened, so that a failure kills only the child.
 */
public final class CrashProbe {
    private static final List<String> DIVIDER = List.of("divider", "v1 in 0 dc 1", "r1 in mid 1000", "r2 mid 0 3000", ".end");
    private static final List<String> NODES = List.of("0", "in", "mid");

    private CrashProbe() {
    }

    /** Runs the mode named by {@code args[0]}: {@code signals} or {@code exit}. */
    public static void main(String[] args) {
        try (NgspiceSession session = NgspiceSession.open()) {
            session.loadCircuit(DIVIDER, NODES);
            if (args[0].equals("signals")) {
                session.operatingPoint(List.of("alter v1 = -1.0")); // a minus sign resets SIGILL inside ngspice
                System.out.println("ALIVE " + implicitNullChecks() + " " + session.operatingPoint(List.of())[2]);
            } else {
                session.instance().command("quit");
                try {
                    session.operatingPoint(List.of());
                } catch (NgspiceException e) {
                    System.out.println("TYPED " + e.kind());
                }
                session.loadCircuit(DIVIDER, NODES);
                System.out.println("RECOVERED " + session.operatingPoint(List.of("alter v1 = 2.0"))[2]);
            }
        }
        System.out.flush();
    }

    /**
     * Makes HotSpot compile a loop whose null checks are implicit (SIGSEGV-based) and take them,
     * plus garbage collections (safepoint polls); with a broken SIGSEGV handler this hangs or dies.
     */
    private static long implicitNullChecks() {
        String[] words = {"ab", null, "abc"};
        long total = 0;
        for (int i = 0; i < 3_000_000; i++) {
            try {
                total += words[i % 1000 == 0 ? 1 : i % 2 == 0 ? 0 : 2].length();
            } catch (NullPointerException e) {
                total += 1000;
            }
            if (i % 1_000_000 == 0) {
                System.gc();
            }
        }
        return total;
    }
}
