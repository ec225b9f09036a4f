package org.spicelearn.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** The summary plots: means per parameter value and group, axis kinds, which runs are plotted. */
class SummaryChartsTest {
    private static RunOutcome run(String beta, String device, String seed, double accuracy, RunStatus status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("beta", beta);
        params.put("device", device);
        params.put("seed", seed);
        PlannedRun r = new PlannedRun("b" + beta + "_" + device + "_" + seed, params, new PlannedRun.ExpandedSpec("<training/>"));
        return new RunOutcome(r, status, 0, 1, Map.of("test_accuracy", Double.toString(accuracy)), "", false);
    }

    private static List<RunOutcome> grid() {
        List<RunOutcome> runs = new ArrayList<>();
        String[] betas = {"1e-5", "1e-4", "1e-3"};
        for (int b = 0; b < 3; b++) {
            for (String device : List.of("ideal", "quantised")) {
                for (int seed = 1; seed <= 2; seed++) {
                    // accuracy = 0.5 + 0.1 b + (quantised ? -0.2 : 0) + (seed == 2 ? 0.04 : 0)
                    double a = 0.5 + 0.1 * b + (device.equals("quantised") ? -0.2 : 0) + (seed == 2 ? 0.04 : 0);
                    runs.add(run(betas[b], device, Integer.toString(seed), a, RunStatus.COMPLETED));
                }
            }
        }
        runs.add(run("1e-3", "ideal", "3", 0.0, RunStatus.FAILED));
        return runs;
    }

    @Test
    void meansPerValueAndGroupOverTheSeeds() {
        JFreeChart chart = SummaryCharts.chart(grid().stream().filter(o -> o.status() == RunStatus.COMPLETED).toList(),
                "test_accuracy", "beta", "device");
        XYPlot plot = chart.getXYPlot();
        assertInstanceOf(LogAxis.class, plot.getDomainAxis(), "beta spans two decades");
        XYDataset data = plot.getDataset();
        assertEquals(3, data.getSeriesCount(), "one mean line per device, then the runs");
        assertEquals("device = ideal", data.getSeriesKey(0));
        assertEquals("device = quantised", data.getSeriesKey(1));
        for (int b = 0; b < 3; b++) {
            assertEquals(Math.pow(10, b - 5), data.getXValue(0, b), 1e-18);
            assertEquals(0.52 + 0.1 * b, data.getYValue(0, b), 1e-12);
            assertEquals(0.32 + 0.1 * b, data.getYValue(1, b), 1e-12);
        }
        assertEquals(12, data.getItemCount(2), "every completed run is a point");
    }

    @Test
    void categoricalAndLinearAxesAndOnlyCompletedRuns() {
        List<SummaryCharts.Chart> charts = SummaryCharts.charts(grid(), "test_accuracy", List.of("beta", "device", "seed"));
        assertEquals(List.of("beta", "device"), charts.stream().map(SummaryCharts.Chart::parameter).toList(),
                "the seed is not an axis while other parameters vary");
        assertTrue(charts.get(0).png().length > 1000);
        List<RunOutcome> completed = grid().stream().filter(o -> o.status() == RunStatus.COMPLETED).toList();
        XYPlot byDevice = SummaryCharts.chart(completed, "test_accuracy", "device", "beta").getXYPlot();
        assertInstanceOf(SymbolAxis.class, byDevice.getDomainAxis());
        assertEquals(0.0, byDevice.getDataset().getXValue(0, 0), 0);
        assertEquals(1.0, byDevice.getDataset().getXValue(0, 1), 0);
        assertEquals(0.52, byDevice.getDataset().getYValue(0, 0), 1e-12); // beta = 1e-5, ideal
        XYPlot bySeed = SummaryCharts.chart(completed, "test_accuracy", "seed", null).getXYPlot();
        assertInstanceOf(NumberAxis.class, bySeed.getDomainAxis());
        assertEquals("mean of the runs", bySeed.getDataset().getSeriesKey(0));
        // seed 1: mean over 3 betas x 2 devices = 0.5 + 0.1 - 0.1 = 0.5; seed 2: 0.54
        assertEquals(0.5, bySeed.getDataset().getYValue(0, 0), 1e-12);
        assertEquals(0.54, bySeed.getDataset().getYValue(0, 1), 1e-12);
    }
}
