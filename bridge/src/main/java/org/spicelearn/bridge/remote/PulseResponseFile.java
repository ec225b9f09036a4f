package org.spicelearn.bridge.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device model file written by {@code calibrate devices}: CSV with a header,
 * {@code device,g_min_siemens,g_max_siemens,up_fraction,down_fraction,rms_residual_siemens,points}, one
 * row per device in device order; lines starting with {@code #} are comments. The last two columns
 * describe the fit and are optional when reading.
 */
public final class PulseResponseFile {
    /** The header line. */
    public static final String HEADER = "device,g_min_siemens,g_max_siemens,up_fraction,down_fraction,"
            + "rms_residual_siemens,points";

    private PulseResponseFile() {
    }

    /**
     * One calibrated device.
     *
     * @param device            device name
     * @param response          the fitted response
     * @param rmsResidualSiemens root-mean-square residual of the fit, siemens (NaN when unknown)
     * @param points            measurements used (0 when unknown)
     */
    public record Entry(String device, PulseResponse response, double rmsResidualSiemens, int points) {
    }

    /** Writes the file atomically (a temporary file renamed into place). */
    public static void write(Path file, List<Entry> entries, String comment) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (comment != null && !comment.isEmpty()) {
            for (String line : comment.split("\n")) {
                sb.append("# ").append(line).append('\n');
            }
        }
        sb.append(HEADER).append('\n');
        for (Entry e : entries) {
            PulseResponse r = e.response();
            sb.append(e.device()).append(',').append(r.gMinSiemens()).append(',').append(r.gMaxSiemens()).append(',')
                    .append(r.upFraction()).append(',').append(r.downFraction()).append(',')
                    .append(e.rmsResidualSiemens()).append(',').append(e.points()).append('\n');
        }
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a file into responses by device name, in file order.
     *
     * @throws IllegalArgumentException naming the file, the line and the problem
     */
    public static Map<String, PulseResponse> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, PulseResponse> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            String where = file + ":" + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.startsWith("device,g_min_siemens,g_max_siemens,up_fraction,down_fraction")) {
                    problems.add(where + "expected the header '" + HEADER + "'");
                    break;
                }
                header = true;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 5 && f.length != 7) {
                problems.add(where + "expected 5 or 7 comma-separated fields, got " + f.length);
                continue;
            }
            try {
                PulseResponse r = new PulseResponse(parse(f[1]), parse(f[2]), parse(f[3]), parse(f[4]));
                if (out.put(f[0].trim().toLowerCase(java.util.Locale.ROOT), r) != null) {
                    problems.add(where + "device " + f[0] + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        if (!header && problems.isEmpty()) {
            problems.add(file + ": no header line");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return out;
    }

    private static double parse(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("'" + text + "' is not a finite number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }
}
