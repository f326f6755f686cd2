package io.obstime.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The HdrHistogram-style percentile plot of lateness as a PNG, drawn with XChart: x is the percentile on a log scale
 * of {@code 1/(1−p)} (labels 90%, 99%, 99.9%...), y the lateness in µs on a log scale, one line per contender.
 */
public final class PercentilePlot {

    /** Lateness below this is drawn at this value (a log axis has no 0): 0.1 µs. */
    static final double FLOOR_MICROS = 0.1;

    private static final Color[] REFERENCE_COLORS = {Color.BLACK, Color.GRAY};

    private PercentilePlot() {
    }

    /**
     * @param title chart title (say the machine and JDK)
     * @param latenessNanos lateness histograms in nanoseconds, by contender, in legend order
     * @param isReference contenders drawn as dashed dark lines (the machine's floor)
     * @param png file to write
     */
    public static void write(String title, Map<String, Histogram> latenessNanos, Predicate<String> isReference,
            Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(1280).height(760).title(title)
                .xAxisTitle("percentile (log scale of 1/(1-p))").yAxisTitle("lateness against the absolute deadline (µs)")
                .build();
        XYStyler styler = chart.getStyler();
        // x is drawn as log10(1/(1-p)) on a linear axis, labelled with p: XChart's logarithmic axis cannot take a
        // custom label function (its tick search does not terminate with one).
        styler.setxAxisTickLabelsFormattingFunction(PercentilePlot::percentileLabel);
        styler.setXAxisMin(0.0);
        styler.setYAxisLogarithmic(true);
        styler.setYAxisDecimalPattern("#,##0.#");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        styler.setAntiAlias(true);
        int references = 0;
        for (Map.Entry<String, Histogram> e : latenessNanos.entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() == 0) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue v : h.percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 1.0) {
                    break;
                }
                x.add(Math.log10(1.0 / (1.0 - p)));
                y.add(Math.max(h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0, FLOOR_MICROS));
            }
            // The maximum, drawn at the last percentile the sample size can resolve: 1 - 1/count.
            x.add(Math.log10(Math.max(h.getTotalCount(), 2)));
            y.add(Math.max(h.getMaxValue() / 1000.0, FLOOR_MICROS));
            XYSeries series = chart.addSeries(e.getKey(), x, y);
            series.setMarker(SeriesMarkers.NONE);
            if (isReference.test(e.getKey())) {
                series.setLineColor(REFERENCE_COLORS[references++ % REFERENCE_COLORS.length]);
                series.setLineStyle(new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f,
                        new float[] {8.0f, 5.0f}, 0.0f));
            } else {
                series.setLineStyle(new BasicStroke(2.0f));
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** @return the label at {@code x = log10(1/(1−p))}: 0 → "0%", 1 → "90%", 3 → "99.9%"; between decades none */
    static String percentileLabel(double x) {
        if (!Double.isFinite(x) || x < 0 || Math.abs(x - Math.rint(x)) > 1e-9) {
            return "";
        }
        double percent = 100.0 * (1.0 - Math.pow(10, -x));
        BigDecimal rounded = new BigDecimal(percent)
                .setScale((int) Math.rint(x), java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.toPlainString() + "%";
    }
}
