package org.spicelearn.cli.batch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The plots of a batch summary: for each parameter that varies across runs, the final value of a
 * metric against that parameter, every run as a grey point and the mean over runs with the same
 * value as a line; when exactly one other non-seed parameter varies, one mean line per value of it.
 * Numeric parameters get a numeric axis (logarithmic when positive and spanning two decades),
 * others a category axis in order of first appearance. The seed is plotted only when nothing else varies.
 */
final class SummaryCharts {
    static final int WIDTH_PX = 560;
    static final int HEIGHT_PX = 380;

    /**
     * A rendered chart.
     *
     * @param title     what it plots
     * @param parameter the parameter on its x axis
     * @param png       the PNG image
     */
    record Chart(String title, String parameter, byte[] png) {
    }

    private SummaryCharts() {
    }

    /** One chart per varying parameter, from the completed runs that report a finite {@code metric}. */
    static List<Chart> charts(List<RunOutcome> outcomes, String metric, List<String> varying) {
        System.setProperty("java.awt.headless", "true");
        List<RunOutcome> plotted = outcomes.stream()
                .filter(o -> o.status() == RunStatus.COMPLETED && Double.isFinite(o.metric(metric))).toList();
        List<String> axes = new ArrayList<>(varying);
        if (axes.size() > 1) {
            axes.remove(SweepParameter.SEED.key());
        }
        List<Chart> charts = new ArrayList<>();
        if (plotted.isEmpty()) {
            return charts;
        }
        for (String x : axes) {
            List<String> others = axes.stream().filter(k -> !k.equals(x)).toList();
            String group = others.size() == 1 ? others.get(0) : null;
            JFreeChart chart = chart(plotted, metric, x, group);
            charts.add(new Chart(metric + " vs " + x, x, png(chart)));
        }
        return charts;
    }

    /** The chart of {@code metric} against parameter {@code x}, mean lines grouped by {@code group} (nullable). */
    static JFreeChart chart(List<RunOutcome> runs, String metric, String x, String group) {
        List<String> xValues = distinct(runs, x);
        boolean numeric = xValues.stream().allMatch(SummaryCharts::isNumber);
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> groups = group == null ? List.of("") : distinct(runs, group);
        for (String g : groups) {
            XYSeries mean = new XYSeries(group == null ? "mean of the runs" : group + " = " + g, true, true);
            for (String xv : xValues) {
                double sum = 0;
                int n = 0;
                for (RunOutcome o : runs) {
                    if (xv.equals(param(o, x)) && (group == null || g.equals(param(o, group)))) {
                        sum += o.metric(metric);
                        n++;
                    }
                }
                if (n > 0) {
                    mean.add(position(xv, xValues, numeric), sum / n);
                }
            }
            data.addSeries(mean);
        }
        XYSeries points = new XYSeries("each run", true, true);
        for (RunOutcome o : runs) {
            points.add(position(param(o, x), xValues, numeric), o.metric(metric));
        }
        data.addSeries(points);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int pointsIndex = data.getSeriesCount() - 1;
        renderer.setSeriesLinesVisible(pointsIndex, false);
        renderer.setSeriesPaint(pointsIndex, new Color(0, 0, 0, 90));
        for (int i = 0; i < pointsIndex; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        NumberAxis yAxis = new NumberAxis(metric);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, xAxis(x, xValues, numeric), yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("final " + metric + " vs " + x, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static ValueAxis xAxis(String x, List<String> values, boolean numeric) {
        if (!numeric) {
            return new SymbolAxis(x, values.toArray(new String[0]));
        }
        double min = values.stream().mapToDouble(Double::parseDouble).min().orElse(1);
        double max = values.stream().mapToDouble(Double::parseDouble).max().orElse(1);
        if (min > 0 && max / min >= 100) {
            LogAxis log = new LogAxis(x);
            log.setSmallestValue(min / 2);
            return log;
        }
        NumberAxis axis = new NumberAxis(x);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static double position(String value, List<String> values, boolean numeric) {
        return numeric ? Double.parseDouble(value) : values.indexOf(value);
    }

    private static String param(RunOutcome o, String key) {
        return o.run().parameters().getOrDefault(key, "");
    }

    private static List<String> distinct(List<RunOutcome> runs, String key) {
        Set<String> out = new LinkedHashSet<>();
        runs.forEach(o -> out.add(param(o, key)));
        List<String> list = new ArrayList<>(out);
        if (list.stream().allMatch(SummaryCharts::isNumber)) {
            list.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        return list;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The chart as PNG bytes. */
    static byte[] png(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH_PX, HEIGHT_PX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
