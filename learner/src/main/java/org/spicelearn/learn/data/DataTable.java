package org.spicelearn.learn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An immutable numeric table: named columns, one row per example.
 */
public final class DataTable {
    private final String name;
    private final List<String> columns;
    private final double[][] rows;

    /**
     * Creates a table (copies the rows).
     *
     * @param name    where the data came from (file name or builtin name)
     * @param columns column names (case preserved, looked up case-insensitively)
     * @param rows    rows, each with one value per column
     */
    public DataTable(String name, List<String> columns, double[][] rows) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.rows = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns.size()) {
                throw new IllegalArgumentException(name + ": row " + i + " has " + rows[i].length
                        + " values, expected " + columns.size());
            }
            this.rows[i] = rows[i].clone();
        }
    }

    /** Where the data came from. */
    public String name() {
        return name;
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    /** The number of rows. */
    public int size() {
        return rows.length;
    }

    /** The index of a column (case-insensitive). */
    public int column(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(columnName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + columnName + " (columns: " + columns + ")");
    }

    /** Whether a column of that name exists (case-insensitive). */
    public boolean hasColumn(String columnName) {
        return columns.stream().anyMatch(c -> c.equalsIgnoreCase(columnName));
    }

    /** One value. */
    public double value(int row, int column) {
        return rows[row][column];
    }

    /** The rows with the given indices, in that order. */
    public DataTable select(int[] rowIndices, String suffix) {
        double[][] out = new double[rowIndices.length][];
        for (int i = 0; i < rowIndices.length; i++) {
            out[i] = rows[rowIndices[i]];
        }
        return new DataTable(name + suffix, columns, out);
    }

    /** The distinct values of a column, sorted ascending (for class labels). */
    public double[] distinct(int column) {
        List<Double> values = new ArrayList<>();
        for (double[] r : rows) {
            if (!values.contains(r[column])) {
                values.add(r[column]);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DataTable[%s, %d rows, columns %s]", name, rows.length, columns);
    }
}
