package org.spicelearn.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress counts and the ETA formula: (pending + running/2) x mean run time / workers. */
class BatchProgressTest {
    private static RunOutcome outcome(String id, RunStatus status, double seconds) {
        PlannedRun run = new PlannedRun(id, Map.of(), new PlannedRun.ExpandedSpec("<training/>"));
        return new RunOutcome(run, status, status == RunStatus.COMPLETED ? 0 : 1, seconds, Map.of(), "", false);
    }

    @Test
    void countsAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        BatchProgress p = new BatchProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10, 1, 2, nanos::get);
        assertTrue(Double.isNaN(p.etaSeconds()), "no estimate before a run finished");
        p.started("a");
        p.started("b");
        nanos.set(4_000_000_000L);
        p.finished(outcome("a", RunStatus.COMPLETED, 4.0), "test_accuracy=0.9");
        p.started("c");
        nanos.set(8_000_000_000L);
        p.finished(outcome("b", RunStatus.FAILED, 8.0), "bad input (exit 2)");
        // done 1 skipped + 2; running 1 (c); pending 10 - 3 - 1 = 6; mean 6 s; ETA = (6 + 0.5) * 6 / 2 = 19.5 s
        assertEquals(19.5, p.etaSeconds(), 1e-12);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("batch: 1 of 10 runs already complete, skipped", lines[0]);
        assertTrue(lines[5].startsWith("batch: FAILED b (8.0 s): bad input (exit 2)"), lines[5]);
        assertTrue(lines[5].endsWith("| 3/10 done, 1 running, 1 failed, 6 pending | elapsed 0:08, ETA 0:20"), lines[5]);
        assertEquals("1:01:01", BatchProgress.clock(3661));
    }
}
