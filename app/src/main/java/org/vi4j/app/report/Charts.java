package org.vi4j.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's XChart line charts, written as PNG: the ELBO trace and a posterior density
 * comparison. {@link #WIDTH} x {@link #HEIGHT} pixels each.
 */
final class Charts {

  /** Chart width in pixels. */
  static final int WIDTH = 900;
  /** Chart height in pixels. */
  static final int HEIGHT = 560;

  private static final Color RAW = new Color(120, 160, 210);
  private static final Color SMOOTH = new Color(20, 60, 140);
  private static final Color EXACT = new Color(200, 30, 30);
  private static final Color FINAL = new Color(0, 140, 60);

  private Charts() {}

  /**
   * The per-step ELBO estimates, their moving average and, where known, the exact log p(x).
   *
   * <p>The y range covers the steps after the first 5% (and log p(x)); when the start lies far
   * below that range it is cut off, and the y axis title says so.
   *
   * @param file where to write (a {@code .png} path)
   * @param steps step numbers; {@code elbo} the estimate at each
   * @param logEvidence the exact log p(x), if the model has it
   * @param finalElbo the fit's final evaluation (drawn as a marker after the last step), if any
   * @param finalLabel its legend entry
   * @param subtitle what ran, for the title
   */
  static void elboTrace(Path file, long[] steps, double[] elbo, OptionalDouble logEvidence,
      OptionalDouble finalElbo, String finalLabel, String subtitle) throws IOException {
    int n = steps.length;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = steps[i];
    }
    double[] y = elbo.clone();
    int window = Math.max(1, Math.min(200, n / 40));
    double[] smooth = movingAverage(y, window);

    double[] range = yRange(y, smooth, logEvidence, finalElbo);
    boolean clipped = range[2] > 0;
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("ELBO per step — " + subtitle)
        .xAxisTitle("step")
        .yAxisTitle(clipped ? "ELBO (nats; values far below are cut off)" : "ELBO (nats)")
        .build();
    style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    double xEnd = n == 0 ? 1 : Math.max(x[n - 1] + 1, x[0] + 1);
    if (n > 0) {
      chart.getStyler().setYAxisMin(range[0]);
      chart.getStyler().setYAxisMax(range[1]);
      chart.getStyler().setXAxisMin(x[0]);
      chart.getStyler().setXAxisMax(xEnd);
    }
    double[] xs = n == 0 ? new double[] {0} : x;
    double[] ys = n == 0 ? new double[] {0} : clip(y, range);
    XYSeries raw = chart.addSeries("ELBO estimate at each step", xs, ys);
    raw.setLineColor(RAW);
    raw.setLineWidth(1f);
    raw.setMarker(n <= 2 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    raw.setMarkerColor(RAW);
    if (window > 1) {
      XYSeries s = chart.addSeries("moving average over " + window + " steps", xs,
          clip(smooth, range));
      s.setLineColor(SMOOTH);
      s.setLineWidth(2.2f);
      s.setMarker(SeriesMarkers.NONE);
    }
    if (logEvidence.isPresent() && n > 0) {
      double le = logEvidence.getAsDouble();
      XYSeries ev = chart.addSeries("exact log p(x) = " + shortNumber(le),
          new double[] {x[0], xEnd}, new double[] {le, le});
      ev.setLineColor(EXACT);
      ev.setLineStyle(SeriesLines.DASH_DASH);
      ev.setLineWidth(1.8f);
      ev.setMarker(SeriesMarkers.NONE);
    }
    if (finalElbo.isPresent() && Double.isFinite(finalElbo.getAsDouble())) {
      XYSeries f = chart.addSeries(finalLabel, new double[] {xEnd},
          new double[] {finalElbo.getAsDouble()});
      f.setMarker(SeriesMarkers.DIAMOND);
      f.setMarkerColor(FINAL);
      f.setLineColor(FINAL);
      f.setLineStyle(SeriesLines.NONE);
    }
    niceXTicks(chart, x.length == 0 ? 0 : x[0], xEnd, 0.5 * (range[0] + range[1]));
    chart.getStyler().setYAxisDecimalPattern("#,##0.####");
    save(chart, file);
  }

  /**
   * Two densities over one axis: the exact posterior's and q's.
   *
   * @param exactX grid; {@code exactY} the exact density on it
   * @param qX points (sorted); {@code qY} q's density at them
   * @param qLabel legend of q's curve
   */
  static void densities(Path file, String title, String xTitle, double[] exactX, double[] exactY,
      String exactLabel, double[] qX, double[] qY, String qLabel) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle("density").build();
    style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setXAxisMin(Math.min(exactX[0], qX.length > 0 ? qX[0] : exactX[0]));
    chart.getStyler().setXAxisMax(exactX[exactX.length - 1]);
    chart.getStyler().setYAxisDecimalPattern("#0.0#");
    XYSeries e = chart.addSeries(exactLabel, exactX, exactY);
    e.setLineColor(EXACT);
    e.setLineWidth(3.5f);
    e.setMarker(SeriesMarkers.NONE);
    XYSeries q = chart.addSeries(qLabel, qX, qY);
    q.setLineColor(SMOOTH);
    q.setLineWidth(2f);
    q.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
        new float[] {8f, 5f}, 0f));
    q.setMarker(SeriesMarkers.NONE);
    niceXTicks(chart, Math.min(exactX[0], qX.length > 0 ? qX[0] : exactX[0]),
        exactX[exactX.length - 1], 0.0);
    save(chart, file);
  }

  private static void style(XYChart chart) {
    XYStyler st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    st.setLegendBackgroundColor(new Color(255, 255, 255, 220));
    st.setChartTitleBoxVisible(false);
    st.setPlotBorderVisible(true);
    st.setAntiAlias(true);
    st.setXAxisTickMarkSpacingHint(90);
    chart.getStyler().setLocale(Locale.ROOT);
  }

  /**
   * Adds an invisible, unlisted series whose x values are not on the data's even spacing: XChart
   * puts the x ticks at data values (e.g. 0, 278, 556, ...) when all x values are equally spaced,
   * and at round numbers (0, 500, 1,000, ...) otherwise.
   */
  private static void niceXTicks(XYChart chart, double min, double max, double y) {
    double odd = min + (max - min) * 0.3819660112501051;   // off any grid of round steps
    if (Math.abs(odd - Math.rint(odd)) < 1e-3) {
      odd += 0.5 * Math.ulp(max) + 1e-3 * (max - min);
    }
    XYSeries h = chart.addSeries(" ", new double[] {min, odd, max}, new double[] {y, y, y});
    h.setShowInLegend(false);
    h.setMarker(SeriesMarkers.NONE);
    h.setLineColor(new Color(0, 0, 0, 0));
    h.setLineWidth(0.1f);
  }

  private static void save(XYChart chart, Path file) throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
  }

  /** {@code v} to 7 significant digits, without trailing zeros ("1.5", "-19726.94"). */
  static String shortNumber(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(7)).stripTrailingZeros()
        .toPlainString();
  }

  /** Centered moving average; windows shrink at the ends. */
  static double[] movingAverage(double[] y, int window) {
    int n = y.length;
    double[] out = new double[n];
    int half = window / 2;
    for (int i = 0; i < n; i++) {
      int lo = Math.max(0, i - half);
      int hi = Math.min(n, i + half + 1);
      double s = 0;
      int c = 0;
      for (int j = lo; j < hi; j++) {
        if (Double.isFinite(y[j])) {
          s += y[j];
          c++;
        }
      }
      out[i] = c == 0 ? Double.NaN : s / c;
    }
    return out;
  }

  /**
   * {min, max, clipped}: the range of the finite values after the first 10% of steps (the 0.5%
   * quantile as the low end, so a few outliers do not squash the plot), of log p(x) and of the
   * final ELBO, padded by 5%; widened to all values when the start is not far below it (clipped =
   * 0 then).
   */
  static double[] yRange(double[] y, double[] smooth, OptionalDouble logEvidence,
      OptionalDouble finalElbo) {
    int n = y.length;
    int skip = n >= 20 ? Math.max(1, n / 10) : 0;
    double[] rest = finite(Arrays.copyOfRange(y, skip, n));
    if (rest.length == 0) {
      return new double[] {-1, 1, 0};
    }
    Arrays.sort(rest);
    double lo = Math.min(rest[(int) Math.floor(0.005 * (rest.length - 1))], min(smooth, skip));
    double hi = Math.max(rest[rest.length - 1], max(smooth, skip));
    for (OptionalDouble extra : List.of(logEvidence, finalElbo)) {
      if (extra.isPresent() && Double.isFinite(extra.getAsDouble())) {
        lo = Math.min(lo, extra.getAsDouble());
        hi = Math.max(hi, extra.getAsDouble());
      }
    }
    double[] all = finite(y);
    double allMin = Arrays.stream(all).min().orElse(lo);
    double span = Math.max(hi - lo, 1e-9 * Math.max(1, Math.abs(hi)));
    double clipped = 0;
    if (allMin >= lo - 0.5 * span) {
      lo = Math.min(lo, allMin);
      span = Math.max(hi - lo, span);
    } else {
      clipped = 1;
    }
    return new double[] {lo - 0.05 * span, hi + 0.05 * span, clipped};
  }

  private static double min(double[] v, int from) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = from; i < v.length; i++) {
      if (Double.isFinite(v[i])) {
        m = Math.min(m, v[i]);
      }
    }
    return m;
  }

  private static double max(double[] v, int from) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = from; i < v.length; i++) {
      if (Double.isFinite(v[i])) {
        m = Math.max(m, v[i]);
      }
    }
    return m;
  }

  private static double[] finite(double[] v) {
    return Arrays.stream(v).filter(Double::isFinite).toArray();
  }

  /**
   * Values limited to a little beyond the axis range (non-finite ones at the bottom) so the line
   * leaves the plot at the edge instead of being dropped.
   */
  private static double[] clip(double[] v, double[] range) {
    double span = range[1] - range[0];
    double lo = range[0] - span;
    double hi = range[1] + span;
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double d = v[i];
      out[i] = Double.isNaN(d) || d < lo ? lo : Math.min(d, hi);
    }
    return out;
  }
}
