package org.spicelearn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Crash modes shown contained in a child JVM ({@link CrashProbe}): whatever ngspice does there, this
 * JVM survives and reads a typed outcome.
 */
@Tag("ngspice")
class CrashContainmentTest {
    @BeforeAll
    static void needsNgspice() {
        NgspiceRequired.check();
    }

    private static List<String> runProbe(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashProbe.class.getName(), mode)
                .redirectErrorStream(true).start();
        boolean finished = p.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the child hung (a broken signal handler spins at 100% CPU): " + out);
        assertEquals(0, p.exitValue(), "child exit code; output:\n" + out);
        return out.lines().toList();
    }

    @Test
    void afterInitAndAMinusSignTheJvmStillTakesImplicitNullChecks() throws Exception {
        List<String> out = runProbe("signals");
        String alive = out.stream().filter(l -> l.startsWith("ALIVE ")).findFirst().orElseThrow(() -> new AssertionError(out));
        String[] parts = alive.split(" ");
        // 3,000 nulls count 1000 each; of the rest, 1,497,000 even indices read "ab" and 1,500,000 odd ones "abc"
        assertEquals(3_000 * 1000 + 1_497_000 * 2 + 1_500_000 * 3, Long.parseLong(parts[1]),
                "every NullPointerException was delivered as an exception");
        assertEquals(-0.75, Double.parseDouble(parts[2]), 1e-15, "the divider at v1 = -1 V");
    }

    @Test
    void aControlledExitGivesATypedFailureAndAFreshInstance() throws Exception {
        List<String> out = runProbe("exit");
        assertTrue(out.contains("TYPED NO_CIRCUIT"), String.join("\n", out));
        assertTrue(out.contains("RECOVERED 1.5"), String.join("\n", out));
    }
}
