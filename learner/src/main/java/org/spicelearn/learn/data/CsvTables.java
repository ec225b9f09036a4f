package org.spicelearn.learn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads numeric CSV files with a header line (comma separated, no quoting; blank lines and lines
 * starting with {@code #} are skipped; a {@code .gz} file is decompressed). Every malformed line
 * is reported with its line number, all at once.
 */
public final class CsvTables {
    private CsvTables() {
    }

    /** Reads a CSV file ({@code .csv} or {@code .csv.gz}). */
    public static DataTable read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream data = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return read(new InputStreamReader(data, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text.
     *
     * @param reader the text
     * @param name   the source name used in messages (file name)
     * @throws DataFormatException listing every problem with its line number
     */
    public static DataTable read(Reader reader, String name) {
        List<String> problems = new ArrayList<>();
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(reader)) {
            String line;
            int lineNo = 0;
            while ((line = br.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split(",", -1);
                if (header == null) {
                    header = Arrays.stream(fields).map(String::strip).toList();
                    if (header.stream().anyMatch(String::isEmpty)) {
                        problems.add(name + ":" + lineNo + ": the header has an empty column name");
                    }
                    continue;
                }
                if (fields.length != header.size()) {
                    problems.add(name + ":" + lineNo + ": " + fields.length + " fields, the header has " + header.size());
                    continue;
                }
                double[] row = new double[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    try {
                        row[i] = Double.parseDouble(fields[i].strip());
                        if (!Double.isFinite(row[i])) {
                            problems.add(name + ":" + lineNo + ": column " + header.get(i) + " is not finite");
                        }
                    } catch (NumberFormatException e) {
                        problems.add(name + ":" + lineNo + ": column " + header.get(i) + " is not a number: '"
                                + fields[i].strip() + "'");
                    }
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
        if (header == null) {
            problems.add(name + ": no header line");
        } else if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(name + ": no data rows");
        }
        if (!problems.isEmpty()) {
            throw new DataFormatException(problems);
        }
        return new DataTable(name, header, rows.toArray(new double[0][]));
    }
}
