package org.vi4j.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The mixture reports' picture: a normalised histogram of the data with density curves over it
 * (the true density and fitted predictive densities), {@link Charts#WIDTH} x {@link Charts#HEIGHT}.
 *
 * <p>The y axis stops a little above the histogram's tallest bar or the fitted curves' peaks,
 * whichever is higher, but at most {@value #MAX_OVER_HISTOGRAM} times the tallest bar: a very
 * narrow component (a spike) would otherwise flatten everything else. A curve that is cut off says
 * so, with its peak, in its legend entry.
 */
final class MixtureCharts {

  /** The y axis is at most this many times the tallest histogram bar. */
  static final double MAX_OVER_HISTOGRAM = 1.2;

  static final Color HISTOGRAM = new Color(190, 200, 215, 170);
  static final Color TRUE = new Color(30, 30, 30);
  static final Color BLUE = new Color(20, 90, 200);
  static final Color GREEN = new Color(0, 150, 70);
  static final Color ORANGE = new Color(230, 120, 0);

  /** One density curve: a label, its values on the grid, a colour, dashed or solid. */
  record Curve(String label, double[] density, Color color, boolean dashed, float width) {}

  private MixtureCharts() {}

  /**
   * The evaluation grid: {@code n} even points over [lo, hi] plus 80 points within 4 scales of
   * each of {@code centres} (so narrow components are drawn at their true height), sorted.
   */
  static double[] grid(double lo, double hi, int n, double[] centres, double[] scales) {
    TreeSet<Double> g = new TreeSet<>();
    for (int i = 0; i <= n; i++) {
      g.add(lo + (hi - lo) * i / n);
    }
    for (int c = 0; c < centres.length; c++) {
      double b = scales[c];
      if (!(b > 0) || !Double.isFinite(b) || !Double.isFinite(centres[c])) {
        continue;
      }
      for (int j = -40; j <= 40; j++) {
        double v = centres[c] + b * 4.0 * j / 40;
        if (v >= lo && v <= hi) {
          g.add(v);
        }
      }
    }
    return g.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Bin edges and heights of the normalised histogram (area 1) of {@code x}, {@code bins} bins over [lo, hi]. */
  static double[][] histogram(double[] x, double lo, double hi, int bins) {
    double[] h = new double[bins];
    double w = (hi - lo) / bins;
    for (double v : x) {
      int b = (int) Math.floor((v - lo) / w);
      if (b >= 0 && b <= bins) {
        h[Math.min(b, bins - 1)] += 1.0 / (x.length * w);
      }
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + i * w;
    }
    return new double[][] {edges, h};
  }

  /**
   * Writes the histogram of {@code data} with {@code curves} over {@code grid}.
   *
   * @param histogramLabel the histogram's legend entry
   */
  static void histogramWithDensities(Path file, String title, double[] data, String histogramLabel,
      double lo, double hi, int bins, double[] grid, List<Curve> curves) throws IOException {
    double[][] hist = histogram(data, lo, hi, bins);
    double[] edges = hist[0];
    double[] h = hist[1];
    double maxBar = Arrays.stream(h).max().orElse(1);
    double cap = MAX_OVER_HISTOGRAM * maxBar;
    double top = maxBar;
    for (Curve c : curves) {
      top = Math.max(top, Math.min(cap, max(c.density())));
    }
    top *= 1.08;

    XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
        .xAxisTitle("x").yAxisTitle("density").build();
    style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisMin(lo);
    chart.getStyler().setXAxisMax(hi);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(top);
    chart.getStyler().setYAxisDecimalPattern("#0.0#");
    chart.getStyler().setXAxisDecimalPattern("#0.#");

    double[] hx = new double[4 * h.length];
    double[] hy = new double[4 * h.length];
    for (int i = 0; i < h.length; i++) {
      hx[4 * i] = edges[i];
      hy[4 * i] = 0;
      hx[4 * i + 1] = edges[i];
      hy[4 * i + 1] = h[i];
      hx[4 * i + 2] = edges[i + 1];
      hy[4 * i + 2] = h[i];
      hx[4 * i + 3] = edges[i + 1];
      hy[4 * i + 3] = 0;
    }
    XYSeries hs = chart.addSeries(histogramLabel, hx, hy);
    hs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    hs.setFillColor(HISTOGRAM);
    hs.setLineColor(new Color(150, 160, 180));
    hs.setLineWidth(0.8f);
    hs.setMarker(SeriesMarkers.NONE);

    for (Curve c : curves) {
      double peak = max(c.density());
      String label = c.label();
      if (peak > top) {
        int at = argmax(c.density());
        label += String.format(Locale.ROOT, " [peak %.3g at x = %.3g, cut off]", peak, grid[at]);
      }
      double[] y = new double[grid.length];
      for (int i = 0; i < y.length; i++) {
        double v = c.density()[i];
        y[i] = Double.isFinite(v) ? Math.min(v, 1.5 * top) : 0;
      }
      XYSeries s = chart.addSeries(label, grid, y);
      s.setLineColor(c.color());
      s.setMarker(SeriesMarkers.NONE);
      s.setLineWidth(c.width());
      if (c.dashed()) {
        s.setLineStyle(new BasicStroke(c.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {8f, 5f}, 0f));
      } else {
        s.setLineStyle(new BasicStroke(c.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      }
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
  }

  private static void style(XYChart chart) {
    XYStyler st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setLegendBackgroundColor(new Color(255, 255, 255, 225));
    st.setChartTitleBoxVisible(false);
    st.setPlotBorderVisible(true);
    st.setAntiAlias(true);
    st.setLocale(Locale.ROOT);
  }

  /** exp of each value (0 where not finite). */
  static double[] exp(double[] logDensity) {
    double[] out = new double[logDensity.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.isFinite(logDensity[i]) ? Math.exp(logDensity[i]) : 0.0;
    }
    return out;
  }

  private static double max(double[] v) {
    double m = 0;
    for (double d : v) {
      if (Double.isFinite(d)) {
        m = Math.max(m, d);
      }
    }
    return m;
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
