package org.spicelearn.learn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The data sets shipped with spicelearn: Iris and digits from scikit-learn (BSD-3-Clause), and
 * two small synthetic sets; sources and licences in {@code org/spicelearn/learn/data/README.txt}.
 */
public enum BuiltinData {
    /** Fisher's Iris: 150 rows, columns sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species (0..2). */
    IRIS("iris.csv", "species"),
    /** scikit-learn digits: 1797 rows, pixel counts p0..p63 (0..16), digit (0..9). */
    DIGITS("digits.csv.gz", "digit"),
    /** The four XOR points: x1, x2 in {-1, 1}, y in {0, 1} (regression target). */
    XOR("xor.csv", null),
    /** 200 rows of a linear map realisable by a passive network: x0..x7 in [-1, 1], y0..y7 (regression targets). */
    LINEAR("linear.csv", null);

    private final String resource;
    private final String labelColumn;

    BuiltinData(String resource, String labelColumn) {
        this.resource = resource;
        this.labelColumn = labelColumn;
    }

    /** The name of the class-label column, or {@code null} for regression sets. */
    public String labelColumn() {
        return labelColumn;
    }

    /** The builtin of that (case-insensitive) name, or {@code null}. */
    public static BuiltinData byName(String name) {
        for (BuiltinData b : values()) {
            if (b.name().equalsIgnoreCase(name)) {
                return b;
            }
        }
        return null;
    }

    /** Loads the table from the class path. */
    public DataTable load() {
        try (InputStream in = BuiltinData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("builtin data resource " + resource + " is missing");
            }
            InputStream data = resource.endsWith(".gz") ? new GZIPInputStream(in) : in;
            return CsvTables.read(new InputStreamReader(data, StandardCharsets.UTF_8), "builtin:" + name().toLowerCase(java.util.Locale.ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
