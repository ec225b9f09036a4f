package org.spicelearn.cli.batch;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** A batch of slow {@link FakeWorker} runs in its own JVM, to be killed with -9 by {@link BatchKillTest}. */
public final class FakeBatchMain {
    private FakeBatchMain() {
    }

    /** The runs: {@code count} slow ok runs. */
    static List<PlannedRun> runs(int count, long sleepMillis) {
        List<PlannedRun> runs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            runs.add(FakeWorker.run("k" + i, "ok", sleepMillis, i));
        }
        return runs;
    }

    /** {@code FakeBatchMain OUTDIR COUNT SLEEP_MILLIS}: two workers. */
    public static void main(String[] args) {
        new BatchRunner(Paths.get(args[0]), 2, FakeWorker.launcher(), System.err, null, null)
                .run(runs(Integer.parseInt(args[1]), Long.parseLong(args[2])));
    }
}
