package org.spicelearn.cli.batch;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the worker process that trains one run. The worker must write the run into
 * {@code runDir} as {@code spicelearn train} does and exit 0 on success. Its standard input is a pipe
 * from the batch that is never written: end-of-file there means the batch is gone.
 */
@FunctionalInterface
public interface WorkerLauncher {
    /** The command that trains {@code spec} into {@code runDir} (both absolute). */
    List<String> command(Path spec, Path runDir);

    /**
     * A child JVM of this JVM's runtime and class path running {@link BatchWorker}, with its crash log,
     * if ngspice takes it down, in the run directory, and options for short CPU-bound runs: the
     * serial collector (one worker per core; a parallel collector's threads would compete with the
     * other workers) and the C1 compiler only, since C2's compile threads cost more CPU than they save
     * in runs of seconds: measured on Iris 4-10-3, 3 epochs on ngspice took 2.8 s of CPU with C2 and
     * 1.5 s without, 20 epochs on the ideal substrate 1.6 s and 0.8 s. {@code extraOptions} come last
     * and win, e.g. {@code -XX:TieredStopAtLevel=4} for long runs on the ideal substrate.
     */
    static WorkerLauncher childJvm(List<String> extraOptions) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> extra = List.copyOf(extraOptions);
        return (spec, runDir) -> {
            List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.awt.headless=true", "-XX:ErrorFile=" + runDir.resolve("hs_err_pid%p.log")));
            String jnaPath = System.getProperty("jna.library.path");
            if (jnaPath != null) {
                cmd.add("-Djna.library.path=" + jnaPath);
            }
            cmd.addAll(extra);
            cmd.addAll(List.of("-cp", classPath, BatchWorker.class.getName(), spec.toString(), runDir.toString()));
            return cmd;
        };
    }
}
