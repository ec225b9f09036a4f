package org.spicelearn.cli.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One training run of a batch.
 *
 * @param id         the run's id, also its directory name under the batch output directory
 * @param parameters the spec's key parameters by {@link SweepParameter#key()}, in enum order ("" when not set)
 * @param spec       what {@code spicelearn train} is given
 */
public record PlannedRun(String id, Map<String, String> parameters, RunSpec spec) {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9.+-]");
    /** The longest run id (file systems allow 255 bytes per name). */
    public static final int MAX_ID_LENGTH = 160;

    /** Copies the parameters; checks the id is a plain directory name. */
    public PlannedRun {
        if (id.isEmpty() || !id.equals(safe(id)) || id.startsWith(".")) {
            throw new IllegalArgumentException("run id '" + id + "' is not a plain directory name");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** {@code text} with every character other than letters, digits, '.', '+', '-' and '_' replaced by '-'. */
    static String safe(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (String part : text.split("_", -1)) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(UNSAFE.matcher(part).replaceAll("-"));
        }
        return sb.toString();
    }

    /**
     * {@code id} itself when it has at most {@value #MAX_ID_LENGTH} characters, else its first
     * characters, '_' and the first 12 hex digits of its SHA-256, {@value #MAX_ID_LENGTH} in all.
     */
    static String shortened(String id) {
        if (id.length() <= MAX_ID_LENGTH) {
            return id;
        }
        return id.substring(0, MAX_ID_LENGTH - 13) + "_" + sha256(id.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The SHA-256 of the spec's text (a spec file's current contents), in hex: a run is complete only
     * for the spec it was trained from. An unreadable spec file gives "unreadable".
     */
    public String specFingerprint() {
        byte[] bytes;
        if (spec instanceof ExpandedSpec e) {
            bytes = e.xml().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = Files.readAllBytes(((SpecFile) spec).path());
            } catch (IOException ex) {
                return "unreadable";
            }
        }
        return sha256(bytes);
    }

    /** The spec a run trains. */
    public sealed interface RunSpec permits SpecFile, ExpandedSpec {
    }

    /** A spec file used as it is. */
    public record SpecFile(Path path) implements RunSpec {
        /** Makes the path absolute. */
        public SpecFile {
            path = path.toAbsolutePath().normalize();
        }
    }

    /** A spec expanded from a sweep, as XML text with absolute file references, written into the run directory. */
    public record ExpandedSpec(String xml) implements RunSpec {
    }
}
