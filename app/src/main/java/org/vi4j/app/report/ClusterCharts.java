package org.vi4j.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The multivariate mixture report's picture: a scatter plot of 2-D data with one ellipse per
 * Gaussian component, {@link Charts#WIDTH} x {@link Charts#HEIGHT}.
 *
 * <pre>{@code
 * ClusterCharts.scatterWithEllipses(file, "title", x, "data (300 points)", List.of(
 *     new ClusterCharts.Ellipse("component 1", mean, covariance, ClusterCharts.palette(0), true, 2f)));
 * }</pre>
 *
 * <p><strong>An ellipse</strong> is the set of points at Mahalanobis distance {@value #RADIUS} from
 * its centre under its covariance ({x : (x − m)ᵀ Σ⁻¹ (x − m) = 4}, which holds 1 − e⁻² ≈ 86% of a 2-D
 * Gaussian's mass), drawn as m + 2 L (cos t, sin t) with Σ = L Lᵀ (a diamond at m if marked). The
 * legend is to the right of the plot. The axes
 * cover the data and the ellipses, and the shorter range is widened so one unit has about the same
 * length on both axes (round ellipses look round).
 */
final class ClusterCharts {

  /** The ellipses' Mahalanobis radius. */
  static final double RADIUS = 2.0;

  private static final Color POINTS = new Color(120, 130, 150, 150);
  private static final Color[] PALETTE = {new Color(230, 120, 0), new Color(20, 90, 200),
      new Color(0, 150, 70), new Color(190, 30, 120), new Color(120, 70, 200),
      new Color(0, 150, 160), new Color(170, 120, 20), new Color(200, 40, 40)};
  /** Plot area of the chart (legend to its right), roughly, for the aspect. */
  private static final double PLOT_WIDTH = Charts.WIDTH - 250;
  private static final double PLOT_HEIGHT = Charts.HEIGHT - 110;

  /**
   * One ellipse: a legend entry (null: not in the legend), a centre (length 2), a 2 x 2
   * covariance, its colour and width; {@code marked} draws a diamond at the centre.
   */
  record Ellipse(String label, double[] centre, double[][] covariance, Color color, boolean marked,
      float width) {}

  private ClusterCharts() {}

  /** The i-th colour of the components (cycling). */
  static Color palette(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** Points of one ellipse (closed), or null if its covariance is not positive definite. */
  static double[][] outline(double[] m, double[][] cov, int n) {
    double a = cov[0][0];
    double b = 0.5 * (cov[0][1] + cov[1][0]);
    double c = cov[1][1];
    if (!(a > 0) || !(a * c - b * b > 0)) {
      return null;
    }
    double l11 = Math.sqrt(a);
    double l21 = b / l11;
    double l22 = Math.sqrt(c - l21 * l21);
    double[] xs = new double[n + 1];
    double[] ys = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      double t = 2 * Math.PI * i / n;
      double u = RADIUS * Math.cos(t);
      double v = RADIUS * Math.sin(t);
      xs[i] = m[0] + l11 * u;
      ys[i] = m[1] + l21 * u + l22 * v;
    }
    return new double[][] {xs, ys};
  }

  /**
   * Writes the scatter plot of {@code data} (N x 2) with {@code ellipses}.
   *
   * @param pointsLabel the points' legend entry
   */
  static void scatterWithEllipses(Path file, String title, double[][] data, String pointsLabel,
      List<Ellipse> ellipses) throws IOException {
    double[] px = new double[data.length];
    double[] py = new double[data.length];
    double xlo = Double.POSITIVE_INFINITY;
    double xhi = Double.NEGATIVE_INFINITY;
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < data.length; i++) {
      px[i] = data[i][0];
      py[i] = data[i][1];
      xlo = Math.min(xlo, px[i]);
      xhi = Math.max(xhi, px[i]);
      ylo = Math.min(ylo, py[i]);
      yhi = Math.max(yhi, py[i]);
    }
    double[][][] outlines = new double[ellipses.size()][][];
    for (int e = 0; e < outlines.length; e++) {
      Ellipse el = ellipses.get(e);
      outlines[e] = outline(el.centre(), el.covariance(), 120);
      if (outlines[e] != null) {
        for (int i = 0; i < outlines[e][0].length; i++) {
          xlo = Math.min(xlo, outlines[e][0][i]);
          xhi = Math.max(xhi, outlines[e][0][i]);
          ylo = Math.min(ylo, outlines[e][1][i]);
          yhi = Math.max(yhi, outlines[e][1][i]);
        }
      }
    }
    double xr = xhi - xlo > 0 ? xhi - xlo : 1;
    double yr = yhi - ylo > 0 ? yhi - ylo : 1;
    xlo -= 0.05 * xr;
    xhi += 0.05 * xr;
    ylo -= 0.05 * yr;
    yhi += 0.05 * yr;
    double perPixel = Math.max((xhi - xlo) / PLOT_WIDTH, (yhi - ylo) / PLOT_HEIGHT);
    double xmid = 0.5 * (xlo + xhi);
    double ymid = 0.5 * (ylo + yhi);
    xlo = xmid - 0.5 * perPixel * PLOT_WIDTH;
    xhi = xmid + 0.5 * perPixel * PLOT_WIDTH;
    ylo = ymid - 0.5 * perPixel * PLOT_HEIGHT;
    yhi = ymid + 0.5 * perPixel * PLOT_HEIGHT;

    XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
        .xAxisTitle("x1    (ellipses: Mahalanobis distance " + (int) RADIUS + ")").yAxisTitle("x2")
        .build();
    style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisMin(xlo);
    chart.getStyler().setXAxisMax(xhi);
    chart.getStyler().setYAxisMin(ylo);
    chart.getStyler().setYAxisMax(yhi);
    chart.getStyler().setXAxisDecimalPattern("#0.#");
    chart.getStyler().setYAxisDecimalPattern("#0.#");
    chart.getStyler().setMarkerSize(5);

    XYSeries pts = chart.addSeries(pointsLabel, px, py);
    pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    pts.setMarker(SeriesMarkers.CIRCLE);
    pts.setMarkerColor(POINTS);

    for (int e = 0; e < outlines.length; e++) {
      Ellipse el = ellipses.get(e);
      if (outlines[e] == null) {
        continue;
      }
      String name = el.label() == null ? "ellipse " + e : el.label();
      XYSeries s = chart.addSeries(name, outlines[e][0], outlines[e][1]);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(el.color());
      s.setLineWidth(el.width());
      s.setLineStyle(new BasicStroke(el.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      s.setShowInLegend(el.label() != null);
      if (el.marked()) {
        XYSeries c = chart.addSeries(name + " (mean)", new double[] {el.centre()[0]},
            new double[] {el.centre()[1]});
        c.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.setMarker(SeriesMarkers.DIAMOND);
        c.setMarkerColor(el.color());
        c.setShowInLegend(false);
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
}
