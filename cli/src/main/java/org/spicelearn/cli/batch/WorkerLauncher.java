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
     * A child JVM of this JVM's runtime and class path running {@link BatchWorker}, with the serial
     * collector (one worker per core; a parallel collector's threads would compete with the other
     * workers) and its crash log, if ngspice takes it down, in the run directory.
     */
    static WorkerLauncher childJvm() {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        return (spec, runDir) -> {
            List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                    "-XX:ErrorFile=" + runDir.resolve("hs_err_pid%p.log"), "-cp", classPath));
            String jnaPath = System.getProperty("jna.library.path");
            if (jnaPath != null) {
                cmd.add("-Djna.library.path=" + jnaPath);
            }
            cmd.addAll(List.of(BatchWorker.class.getName(), spec.toString(), runDir.toString()));
            return cmd;
        };
    }
}
