package org.spicelearn.cli.batch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.spicelearn.cli.run.AtomicFiles;

/**
 * {@code summary.csv} and {@code summary.html} of a batch: one row per run with its id, status, key
 * parameters (those that vary across runs first), final metrics (the last row of its
 * {@code metrics.csv}; for a failed run, the last epoch it completed), the worker's wall time in
 * seconds, its exit code and the failure message; the HTML page adds a sortable table and plots of the
 * chosen metric of the completed runs against each varying parameter. Both files are written atomically.
 */
public final class BatchSummary {
    /** The summary table's file name. */
    public static final String CSV = "summary.csv";
    /** The summary page's file name. */
    public static final String HTML = "summary.html";

    /** Metric names preferred for plots, best first, compared by prefix without case, '_' or '-'. */
    private static final List<String> PREFERRED = List.of("testaccuracy", "testloss", "trainaccuracy", "trainloss");

    private BatchSummary() {
    }

    /** Writes both files, and each plot of the page also as {@code summary-<parameter>.png}. */
    static void write(Path outDir, List<RunOutcome> outcomes, String metric) {
        writeCsv(outDir, outcomes);
        List<SummaryCharts.Chart> charts = metric == null ? List.of()
                : SummaryCharts.charts(outcomes, metric, varyingParameters(outcomes));
        for (SummaryCharts.Chart c : charts) {
            AtomicFiles.write(outDir.resolve("summary-" + PlannedRun.safe(c.parameter()) + ".png"), c.png());
        }
        AtomicFiles.write(outDir.resolve(HTML), html(outDir, outcomes, metric, charts));
    }

    /** Writes {@value #CSV}. */
    static void writeCsv(Path outDir, List<RunOutcome> outcomes) {
        AtomicFiles.write(outDir.resolve(CSV), csv(outcomes));
    }

    /** The summary table as CSV text (RFC 4180 quoting; a message's line breaks become " | "). */
    static String csv(List<RunOutcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("id", "status"));
        header.addAll(parameterColumns(outcomes));
        header.addAll(metricColumns(outcomes));
        header.addAll(List.of("worker_seconds", "exit_code", "message"));
        sb.append(csvLine(header));
        for (RunOutcome o : outcomes) {
            sb.append(csvLine(row(o, outcomes)));
        }
        return sb.toString();
    }

    private static List<String> row(RunOutcome o, List<RunOutcome> all) {
        List<String> cells = new ArrayList<>(List.of(o.run().id(), o.status().name().toLowerCase(Locale.ROOT)));
        for (String p : parameterColumns(all)) {
            cells.add(o.run().parameters().getOrDefault(p, ""));
        }
        for (String m : metricColumns(all)) {
            cells.add(o.metrics().getOrDefault(m, ""));
        }
        cells.add(String.format(Locale.ROOT, "%.3f", o.wallSeconds()));
        cells.add(Integer.toString(o.exitCode()));
        cells.add(o.message().replaceAll("\\s*\\R\\s*", " | "));
        return cells;
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(c.matches("[^\",\r\n]*") ? c : "\"" + c.replace("\"", "\"\"") + "\"");
        }
        return String.join(",", quoted) + "\n";
    }

    /** The key parameters of the runs: those whose values differ across runs first, each group in parameter order. */
    static List<String> parameterColumns(List<RunOutcome> outcomes) {
        Set<String> all = new LinkedHashSet<>();
        outcomes.forEach(o -> all.addAll(o.run().parameters().keySet()));
        List<String> varying = varyingParameters(outcomes);
        List<String> out = new ArrayList<>(varying);
        all.stream().filter(k -> !varying.contains(k)).forEach(out::add);
        return out;
    }

    /** The key parameters that take at least two values across the runs, in parameter order. */
    static List<String> varyingParameters(List<RunOutcome> outcomes) {
        Set<String> all = new LinkedHashSet<>();
        outcomes.forEach(o -> all.addAll(o.run().parameters().keySet()));
        List<String> out = new ArrayList<>();
        for (String k : all) {
            if (outcomes.stream().map(o -> o.run().parameters().getOrDefault(k, "")).distinct().count() > 1) {
                out.add(k);
            }
        }
        return out;
    }

    /** The union of the runs' metric columns, in order of first appearance. */
    static List<String> metricColumns(List<RunOutcome> outcomes) {
        Set<String> out = new LinkedHashSet<>();
        outcomes.forEach(o -> out.addAll(o.metrics().keySet()));
        return new ArrayList<>(out);
    }

    /**
     * The metric to plot: the first of test accuracy, test loss, train accuracy, train loss that
     * some run reports as a finite number; else the first such numeric column other than the epoch;
     * null when there is none.
     */
    static String chooseMetric(List<RunOutcome> outcomes) {
        List<String> columns = metricColumns(outcomes).stream().filter(c -> hasFinite(outcomes, c)).toList();
        for (String preferred : PREFERRED) {
            for (String c : columns) {
                if (c.toLowerCase(Locale.ROOT).replaceAll("[_-]", "").startsWith(preferred)) {
                    return c;
                }
            }
        }
        return columns.stream().filter(c -> !c.equalsIgnoreCase("epoch")).findFirst().orElse(null);
    }

    private static boolean hasFinite(List<RunOutcome> outcomes, String metric) {
        return outcomes.stream().anyMatch(o -> Double.isFinite(o.metric(metric)));
    }

    private static String html(Path outDir, List<RunOutcome> outcomes, String metric, List<SummaryCharts.Chart> charts) {
        long failed = outcomes.stream().filter(o -> o.status() == RunStatus.FAILED).count();
        StringBuilder sb = new StringBuilder();
        sb.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>spicelearn batch summary</title>
                <style>
                body{font-family:sans-serif;margin:1.5em;color:#222}
                table{border-collapse:collapse;font-size:13px}
                th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
                th{background:#eee;cursor:pointer;user-select:none}
                th.asc:after{content:" \\25B2"} th.desc:after{content:" \\25BC"}
                tr.failed td{background:#fde8e8}
                td.msg{font-family:monospace;white-space:pre-wrap;max-width:40em;font-size:11px}
                img{margin:0 1em 1em 0;border:1px solid #ddd}
                </style></head><body>
                """);
        sb.append("<h1>spicelearn batch summary</h1>\n<p>").append(esc(outDir.toString())).append(": ")
                .append(outcomes.size()).append(" runs, ").append(outcomes.size() - failed).append(" completed, ")
                .append(failed).append(" failed. Written ").append(Instant.now()).append(".</p>\n");
        if (!charts.isEmpty()) {
            sb.append("<h2>Final ").append(esc(metric)).append(" against the swept parameters</h2>\n<div>\n");
            for (SummaryCharts.Chart c : charts) {
                sb.append("<img alt=\"").append(esc(c.title())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(c.png())).append("\">\n");
            }
            sb.append("</div>\n");
        }
        sb.append("<h2>Runs</h2>\n<p>Click a column header to sort.</p>\n<table id=\"runs\"><thead><tr>");
        List<String> header = new ArrayList<>(List.of("id", "status"));
        header.addAll(parameterColumns(outcomes));
        header.addAll(metricColumns(outcomes));
        header.addAll(List.of("worker_seconds", "exit_code", "message"));
        header.forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
        sb.append("</tr></thead><tbody>\n");
        for (RunOutcome o : outcomes) {
            List<String> cells = row(o, outcomes);
            cells.set(cells.size() - 1, o.message());
            sb.append(o.status() == RunStatus.FAILED ? "<tr class=\"failed\">" : "<tr>");
            sb.append("<td><a href=\"").append(esc(o.run().id())).append("/\">").append(esc(o.run().id())).append("</a></td>");
            for (int i = 1; i < cells.size() - 1; i++) {
                sb.append(cell(cells.get(i)));
            }
            sb.append("<td class=\"msg\">").append(esc(cells.get(cells.size() - 1))).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        sb.append("""
                <script>
                document.querySelectorAll('#runs th').forEach(function (th, col) {
                  th.addEventListener('click', function () {
                    var body = document.querySelector('#runs tbody');
                    var asc = !th.classList.contains('asc');
                    document.querySelectorAll('#runs th').forEach(function (h) { h.classList.remove('asc', 'desc'); });
                    th.classList.add(asc ? 'asc' : 'desc');
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                      var x = a.cells[col].textContent, y = b.cells[col].textContent;
                      var nx = parseFloat(x), ny = parseFloat(y);
                      var c = (!isNaN(nx) && !isNaN(ny) && isFinite(x) && isFinite(y)) ? nx - ny : x.localeCompare(y);
                      return asc ? c : -c;
                    });
                    rows.forEach(function (r) { body.appendChild(r); });
                  });
                });
                </script>
                </body></html>
                """);
        return sb.toString();
    }

    /** A table cell; a number with more than 4 significant digits is shown rounded, with its full value as the title. */
    private static String cell(String value) {
        if (value.matches("-?\\d*\\.\\d{5,}(E-?\\d+)?")) {
            String shown = String.format(Locale.ROOT, "%.4g", Double.parseDouble(value));
            return "<td title=\"" + esc(value) + "\">" + esc(shown) + "</td>";
        }
        return "<td>" + esc(value) + "</td>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
