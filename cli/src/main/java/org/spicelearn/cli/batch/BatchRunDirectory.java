package org.spicelearn.cli.batch;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.spicelearn.cli.run.AtomicFiles;
import org.spicelearn.cli.run.RunDirectory;

/**
 * The directory of one run inside a batch output directory, and the batch's completion protocol:
 * the status marker {@value #MARKER} is the last file written, by atomic rename, and a run is
 * complete only when its marker says so and {@value #RESULT} exists. Anything else is a partial run.
 */
final class BatchRunDirectory {
    /** The result record that {@code spicelearn train} writes last. */
    static final String RESULT = RunDirectory.RESULT;
    /** The per-epoch metrics that {@code spicelearn train} writes. */
    static final String METRICS = RunDirectory.METRICS;
    /** The batch's status marker. */
    static final String MARKER = "batch-status.properties";
    /** The expanded spec of a sweep run. */
    static final String SPEC = "batch-spec.xml";
    /** The worker's standard output. */
    static final String STDOUT = "batch-worker.out";
    /** The worker's standard error. */
    static final String STDERR = "batch-worker.err";

    private static final int TAIL_LINES = 12;
    private static final int TAIL_CHARS = 4000;

    private final Path dir;

    BatchRunDirectory(Path outDir, String id) {
        this.dir = outDir.resolve(id);
    }

    Path dir() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /**
     * Whether the run completed from this very spec: its marker says {@code completed} with the
     * spec's fingerprint, and its result exists. A run whose spec has changed since is not complete.
     */
    boolean isComplete(String specFingerprint) {
        Properties marker = readMarker();
        return marker != null && RunStatus.COMPLETED.name().equals(marker.getProperty("status"))
                && specFingerprint.equals(marker.getProperty("spec_sha256"))
                && Files.isRegularFile(dir.resolve(RESULT));
    }

    /** Removes whatever a previous, unfinished or failed attempt left. */
    void clean() {
        FileTrees.deleteTree(dir);
    }

    /**
     * The {@code <status>} that {@code spicelearn train} wrote into {@value #RESULT} ({@code finished},
     * {@code stopped} or {@code failed}), or "" when the result has none or cannot be read.
     */
    String resultStatus() {
        try {
            var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(SpecDocument.RETHROW);
            var root = builder.parse(dir.resolve(RESULT).toFile()).getDocumentElement();
            var status = root.getElementsByTagName("status");
            return status.getLength() == 0 ? "" : status.item(0).getTextContent().trim();
        } catch (Exception e) {
            return "";
        }
    }

    /** Writes the marker of a finished run (atomically, last). */
    void mark(RunOutcome outcome, String specFingerprint) {
        Properties p = new Properties();
        p.setProperty("id", outcome.run().id());
        p.setProperty("spec_sha256", specFingerprint);
        p.setProperty("status", outcome.status().name());
        p.setProperty("exit_code", Integer.toString(outcome.exitCode()));
        p.setProperty("wall_seconds", String.format(Locale.ROOT, "%.3f", outcome.wallSeconds()));
        p.setProperty("finished", Instant.now().toString());
        p.setProperty("message", outcome.message());
        StringWriter w = new StringWriter();
        try {
            p.store(w, "spicelearn batch: run status, written last");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(dir.resolve(MARKER), w.toString());
    }

    /** The outcome recorded by an earlier invocation of a complete run. */
    RunOutcome recordedOutcome(PlannedRun run) {
        Properties p = readMarker();
        return new RunOutcome(run, RunStatus.COMPLETED, Integer.parseInt(p.getProperty("exit_code", "0")),
                Double.parseDouble(p.getProperty("wall_seconds", "NaN")), finalMetrics(), "", true);
    }

    private Properties readMarker() {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(marker, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return p;
    }

    /** The last data row of {@value #METRICS} by column name, or empty when it is missing or has no rows. */
    Map<String, String> finalMetrics() {
        Path file = dir.resolve(METRICS);
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return out;
        }
        if (lines.size() < 2) {
            return out;
        }
        String[] header = lines.get(0).split(",", -1);
        String[] last = lines.get(lines.size() - 1).split(",", -1);
        for (int i = 0; i < header.length && i < last.length; i++) {
            out.put(header[i].trim(), last[i].trim());
        }
        return out;
    }

    /**
     * The last non-blank lines of the worker's stderr (progress-bar carriage returns split lines,
     * terminal escapes removed), at most {@value #TAIL_LINES} lines.
     */
    String stderrTail() {
        Path file = dir.resolve(STDERR);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 64 * 1024);
            text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").split("[\r\n]+")) {
            if (!line.isBlank()) {
                lines.add(line.stripTrailing());
            }
        }
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        return tail.length() > TAIL_CHARS ? tail.substring(tail.length() - TAIL_CHARS) : tail;
    }

    /**
     * What a JVM crash log in the run directory says (the signal and the problematic frame, e.g.
     * {@code SIGSEGV in C [libngspice.so.0+0x1234], hs_err_pid42.log}), or "" when there is none.
     */
    String crashSummary() {
        try (var s = Files.list(dir)) {
            for (Path log : (Iterable<Path>) s.filter(p -> p.getFileName().toString().startsWith("hs_err_pid"))::iterator) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                String signal = "";
                String frame = "";
                for (int i = 0; i < lines.size(); i++) {
                    if (signal.isEmpty() && lines.get(i).matches("^#\\s+SIG[A-Z]+ .*")) {
                        signal = lines.get(i).replaceFirst("^#\\s+(SIG[A-Z]+) .*", "$1");
                    }
                    if (frame.isEmpty() && lines.get(i).startsWith("# Problematic frame:") && i + 1 < lines.size()) {
                        frame = lines.get(i + 1).replaceFirst("^#\\s*", "");
                    }
                }
                return (signal.isEmpty() ? "JVM crash" : signal) + (frame.isEmpty() ? "" : " in " + frame) + ", "
                        + log.getFileName();
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }
}
