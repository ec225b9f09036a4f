package org.spicelearn.validation;

import java.util.List;

/**
 * A table of results in the report.
 *
 * @param caption what the table shows
 * @param header  column titles
 * @param rows    cells, one list per row (each as long as the header)
 */
public record Table(String caption, List<String> header, List<List<String>> rows) {
    /** Copies and validates. */
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("table '" + caption + "': a row has " + r.size() + " cells, the header "
                        + header.size());
            }
        }
    }
}
