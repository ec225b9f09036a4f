package org.spicelearn.validation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.spicelearn.validation.Plot;

/**
 * Renders a {@link Plot} as a PNG with JFreeChart (headless). On logarithmic axes, points with a
 * non-positive coordinate are left out (and counted in the subtitle).
 */
public final class ChartRenderer {
    /** Width of every chart, pixels. */
    public static final int WIDTH_PIXELS = 720;
    /** Height of every chart, pixels. */
    public static final int HEIGHT_PIXELS = 420;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private ChartRenderer() {
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Plot plot) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        int dropped = 0;
        for (Plot.Series s : plot.series()) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            double[] x = s.x();
            double[] y = s.y();
            for (int i = 0; i < x.length; i++) {
                boolean ok = Double.isFinite(x[i]) && Double.isFinite(y[i])
                        && (!plot.logX() || x[i] > 0) && (!plot.logY() || y[i] > 0);
                if (ok) {
                    xy.add(x[i], y[i]);
                } else {
                    dropped++;
                }
            }
            data.addSeries(xy);
        }
        ValueAxis xAxis = axis(plot.xLabel(), plot.logX());
        ValueAxis yAxis = axis(plot.yLabel(), plot.logY());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        for (int i = 0; i < plot.series().size(); i++) {
            Plot.Style style = plot.series().get(i).style();
            renderer.setSeriesLinesVisible(i, style != Plot.Style.POINTS);
            renderer.setSeriesShapesVisible(i, style != Plot.Style.LINES);
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(style == Plot.Style.LINES ? 1.2f : 1.8f));
        }
        XYPlot xyPlot = new XYPlot(data, xAxis, yAxis, renderer);
        xyPlot.setBackgroundPaint(Color.WHITE);
        xyPlot.setDomainGridlinePaint(new Color(0xdddddd));
        xyPlot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(plot.title(), new Font("SansSerif", Font.BOLD, 14), xyPlot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (dropped > 0) {
            chart.addSubtitle(new org.jfree.chart.title.TextTitle(dropped + " non-positive or non-finite point(s) not shown"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH_PIXELS, HEIGHT_PIXELS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis a = new LogAxis(label);
            a.setBase(10);
            a.setSmallestValue(1e-300);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }
}
