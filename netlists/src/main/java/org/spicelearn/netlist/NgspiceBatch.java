package org.spicelearn.netlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spicelearn.circuit.Circuit;
import org.spicelearn.circuit.SubstrateException;

/**
 * ngspice's own batch operating point, run as a process ({@code ngspice -b}): the reference the
 * oracle tests compare the ideal substrate with. The circuit is written by {@link NetlistWriter}
 * followed by a control block of spicelearn's own ({@code set numdgt=17}, {@code op},
 * {@code print all}); values are read at 17 significant digits, which identify a double.
 */
public final class NgspiceBatch {
    /** Where Debian's {@code ngspice} package installs the program. */
    public static final Path DEFAULT_PROGRAM = Path.of("/usr/bin/ngspice");

    private static final Pattern VALUE = Pattern.compile("^(\\S+) = (\\S+)$");
    private static final long TIMEOUT_SECONDS = 300;
    private static final List<String> CONTROL = List.of(".control", "set numdgt=17", "op", "print all", ".endc");

    private NgspiceBatch() {
    }

    /** Whether {@link #DEFAULT_PROGRAM} exists and is executable. */
    public static boolean available() {
        return Files.isExecutable(DEFAULT_PROGRAM);
    }

    /**
     * Runs the operating point of {@code circuit} in {@code ngspice -b}.
     *
     * @param circuit the circuit
     * @param workFile where to write the netlist (overwritten)
     * @return every printed vector by name: node voltages under the node name, branch currents as {@code NAME#branch}
     * @throws SubstrateException when ngspice cannot be run, reports an error, or prints no values
     */
    public static Map<String, Double> operatingPoint(Circuit circuit, Path workFile) {
        return run(NetlistWriter.lines(circuit, NetworkRoles.NONE, CONTROL), workFile);
    }

    /**
     * Runs the operating point of netlist text as it is (for example a hand-written file, to compare
     * ngspice's reading of it with its reading of the written circuit): the lines up to {@code .end}
     * then spicelearn's control block. Includes resolve relative to {@code workFile}.
     *
     * @see #operatingPoint(Circuit, Path)
     */
    public static Map<String, Double> operatingPointOfText(String netlist, Path workFile) {
        List<String> lines = new ArrayList<>();
        for (String line : netlist.split("\r?\n|\r")) {
            if (line.strip().equalsIgnoreCase(".end")) {
                break;
            }
            lines.add(line);
        }
        lines.addAll(CONTROL);
        lines.add(".end");
        return run(lines, workFile);
    }

    private static Map<String, Double> run(List<String> lines, Path workFile) {
        String text;
        try {
            Files.write(workFile, lines, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(DEFAULT_PROGRAM.toString(), "-b", workFile.toString())
                    .redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C");
            Process process = pb.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SubstrateException("ngspice -b did not finish within " + TIMEOUT_SECONDS + " s on " + workFile);
            }
            text = new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SubstrateException("cannot run " + DEFAULT_PROGRAM + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubstrateException("interrupted while waiting for ngspice", e);
        }
        Map<String, Double> values = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            Matcher m = VALUE.matcher(l);
            if (m.matches()) {
                values.put(m.group(1), Double.parseDouble(m.group(2)));
            } else if (l.contains("Error") || l.contains("rror on line") || l.contains("singular matrix")) {
                errors.add(l);
            }
        }
        if (!errors.isEmpty() || values.isEmpty()) {
            throw new SubstrateException("ngspice -b failed on " + workFile + ":\n" + (errors.isEmpty() ? text : String.join("\n", errors)));
        }
        return values;
    }
}
