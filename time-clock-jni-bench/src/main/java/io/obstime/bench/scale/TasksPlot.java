package io.obstime.bench.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lateness p99 against the number of periodic tasks on one timer, as a PNG drawn with XChart (as
 * {@link io.obstime.bench.report.PercentilePlot}): x the number of tasks, y the lateness in µs, both on log scales; one
 * colour per timer, solid for staggered slots and dashed for slots all on the same instant.
 */
final class TasksPlot {

    /** Lateness below this is drawn at this value (a log axis has no 0): 0.1 µs. */
    private static final double FLOOR_MICROS = 0.1;
    private static final Color[] COLORS = {new Color(0x1F, 0x77, 0xB4), new Color(0xD6, 0x27, 0x28),
        new Color(0x2C, 0xA0, 0x2C), new Color(0x94, 0x67, 0xBD), new Color(0xFF, 0x7F, 0x0E)};

    private TasksPlot() {
    }

    /**
     * @param title chart title (say the machine and JDK)
     * @param taskCounts the x values
     * @param points by series name ("timer staggered" / "timer aligned"): [p50, p99, p99.9][index of the task count],
     *               µs; 0 where not measured (left out)
     * @param png file to write
     */
    static void write(String title, int[] taskCounts, Map<String, double[][]> points, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(1280).height(760).title(title)
                .xAxisTitle("periodic 1 kHz tasks on one timer").yAxisTitle("lateness p99 (µs), median over rounds")
                .build();
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setYAxisLogarithmic(true);
        styler.setYAxisDecimalPattern("#,##0.#");
        styler.setXAxisDecimalPattern("#,##0");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        styler.setAntiAlias(true);
        List<String> timers = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : points.entrySet()) {
            String timer = e.getKey().substring(0, e.getKey().lastIndexOf(' '));
            if (!timers.contains(timer)) {
                timers.add(timer);
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < taskCounts.length; i++) {
                double p99 = e.getValue()[1][i];
                if (p99 > 0) {
                    x.add((double) taskCounts[i]);
                    y.add(Math.max(p99, FLOOR_MICROS));
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(e.getKey(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            Color color = COLORS[timers.indexOf(timer) % COLORS.length];
            series.setLineColor(color);
            series.setMarkerColor(color);
            series.setLineStyle(e.getKey().endsWith("aligned")
                    ? new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f,
                            new float[] {8.0f, 5.0f}, 0.0f)
                    : new BasicStroke(2.0f));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
