package org.spicelearn.learn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The data sets shipped with spicelearn (from scikit-learn, BSD-3-Clause; see
 * {@code org/spicelearn/learn/data/README.txt}).
 */
public enum BuiltinData {
    /** Fisher's Iris: 150 rows, columns sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species (0..2). */
    IRIS("iris.csv", "species"),
    /** scikit-learn digits: 1797 rows, pixel counts p0..p63 (0..16), digit (0..9). */
    DIGITS("digits.csv.gz", "digit");

    private final String resource;
    private final String labelColumn;

    BuiltinData(String resource, String labelColumn) {
        this.resource = resource;
        this.labelColumn = labelColumn;
    }

    /** The name of the class-label column. */
    public String labelColumn() {
        return labelColumn;
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
