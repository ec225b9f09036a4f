package org.spicelearn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spicelearn.bridge.NgspiceLibraryLocator;
import picocli.CommandLine.Option;

/**
 * Runs a memory benchmark again in a child JVM whose Java heap has a fixed size (and a serial
 * collector), so that the child's resident set grows only when native memory (ngspice's) grows: in
 * the default JVM the heap's young generation grows and shrinks by tens of megabytes on its own.
 */
final class FixedHeapJvm {
    /** The option that makes a bench command measure in its own JVM instead of starting a child. */
    static final String IN_THIS_JVM = "--in-this-jvm";
    /** The child's fixed heap. */
    static final String HEAP = "96m";

    private FixedHeapJvm() {
    }

    /**
     * The hidden {@value #IN_THIS_JVM} option of a bench command measured in a child JVM, as a picocli
     * mixin: without it the command reruns itself through {@link #rerun}.
     */
    static final class InThisJvmOption {
        @Option(names = IN_THIS_JVM, hidden = true,
                description = "Measure in this JVM (the default starts a child JVM with a fixed heap).")
        private boolean inThisJvm;

        /** Whether the command measures in this JVM (it is the child) rather than starting a child. */
        boolean inThisJvm() {
            return inThisJvm;
        }
    }

    /** Runs {@code spicelearn ARGS --in-this-jvm} in a child JVM, copying its output; returns its exit code. */
    static int rerun(PrintWriter out, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + HEAP, "-Xmx" + HEAP, "-XX:+UseSerialGC", "-XX:-UsePerfData"));
        String library = System.getProperty(NgspiceLibraryLocator.LIBRARY_PROPERTY);
        if (library != null) {
            command.add("-D" + NgspiceLibraryLocator.LIBRARY_PROPERTY + "=" + library);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        command.add(IN_THIS_JVM);
        out.printf("(measuring in a child JVM with a fixed %s Java heap and the serial collector, so that the resident"
                + " set follows native memory)%n", HEAP);
        out.flush();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.println(line);
                out.flush();
            }
        }
        return p.waitFor();
    }
}
