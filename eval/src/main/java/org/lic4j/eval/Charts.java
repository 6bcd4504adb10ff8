package org.lic4j.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Rate-distortion plots as PNG, drawn by JFreeChart (headless). */
final class Charts {
  static final int WIDTH = 960;
  static final int HEIGHT = 640;
  static final int SMALL_WIDTH = 720;
  static final int SMALL_HEIGHT = 480;
  /** The rate axis stops here: past it every codec is near-transparent and the curves flatten. */
  static final double MAX_BPP = 2.5;

  private static final Map<String, Color> MEASURED = Map.of(
      "lic4j", new Color(0xD6, 0x27, 0x28),
      "jpeg-420", new Color(0x8C, 0x56, 0x4B),
      "jpeg-444", new Color(0xFF, 0x7F, 0x0E),
      "webp", new Color(0x2C, 0xA0, 0x2C),
      "avif", new Color(0x1F, 0x77, 0xB4),
      "x265", new Color(0x94, 0x67, 0xBD),
      "x264", new Color(0x17, 0xBE, 0xCF));
  private static final Map<String, Color> PUBLISHED = Map.of(
      "vtm", Color.BLACK,
      "bpg_444_x265_ycbcr", new Color(0x94, 0x67, 0xBD),
      "compressai-bmshj2018-hyperprior_mse_cpu", new Color(0x7F, 0x7F, 0x7F),
      "compressai-mbt2018_mse_cpu", new Color(0x17, 0xBE, 0xCF),
      "paper-elic2022_mse", new Color(0xBC, 0xBD, 0x22),
      // The published UVG video curves (eval-video's context chart)
      "x264-medium-tune-zerolatency", new Color(0x17, 0xBE, 0xCF),
      "x265-medium-tune-zerolatency", new Color(0x94, 0x67, 0xBD),
      "VTM-v15.0-lowdelay", Color.BLACK,
      "ssf2020-mse-ans-vimeo", new Color(0x7F, 0x7F, 0x7F));
  private static final Color[] OTHER_PUBLISHED = {new Color(0xE3, 0x77, 0xC2), new Color(0x55, 0x55, 0x99)};

  private Charts() {}

  /**
   * One curve.
   *
   * @param id the codec's id (measured) or the published file's id
   * @param published drawn dashed, without markers
   */
  record Line(String id, String name, double[] bpp, double[] quality, boolean published) {}

  /** A rate-distortion chart: bits per pixel, cut at {@link #MAX_BPP}, over quality. */
  static void write(Path png, String title, String yLabel, List<Line> lines, int width, int height)
      throws IOException {
    write(png, title, "bits per pixel", yLabel, lines, width, height, true);
  }

  /**
   * A chart of lines; each {@link Line}'s {@code bpp} is its x values. {@code rateAxis}: x is bits
   * per pixel (from 0, cut at {@link #MAX_BPP}, the quality axis fitted to what shows); else both
   * axes fit the data (per-frame charts).
   */
  static void write(Path png, String title, String xLabel, String yLabel, List<Line> lines, int width, int height,
      boolean rateAxis) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line l : lines) {
      XYSeries s = new XYSeries(l.published() ? l.name() + " (published)" : l.name(), true, true);
      for (int i = 0; i < l.bpp().length; i++) {
        if (Double.isFinite(l.quality()[i])) {
          s.add(l.bpp()[i], l.quality()[i]);
        }
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
        PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    int published = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      if (l.published()) {
        r.setSeriesPaint(i, PUBLISHED.getOrDefault(l.id(), OTHER_PUBLISHED[published % OTHER_PUBLISHED.length]));
        r.setSeriesStroke(i, dashed(published));
        r.setSeriesShapesVisible(i, false);
        published++;
      } else {
        r.setSeriesPaint(i, MEASURED.getOrDefault(l.id(), Color.DARK_GRAY));
        boolean ours = l.id().equals("lic4j");
        r.setSeriesShapesVisible(i, rateAxis);
        r.setSeriesStroke(i, new BasicStroke(ours ? 3f : 2f));
        double d = ours ? 8 : 6;
        r.setSeriesShape(i, new Ellipse2D.Double(-d / 2, -d / 2, d, d));
      }
    }
    plot.setRenderer(r);
    if (rateAxis) {
      fitRateAxes(chart, plot, lines);
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
  }

  private static void fitRateAxes(JFreeChart chart, XYPlot plot, List<Line> lines) {
    double[] y = range(lines);
    NumberAxis xAxis = (NumberAxis) plot.getDomainAxis();
    xAxis.setRange(0, y[2]);
    NumberAxis yAxis = (NumberAxis) plot.getRangeAxis();
    yAxis.setAutoRangeIncludesZero(false);
    if (y[1] > y[0]) {
      yAxis.setRange(y[0], y[1]);
    }
    if (clipped(lines, y[2])) {
      TextTitle note = new TextTitle(String.format(Locale.ROOT,
          "rate axis cut at %.1f bpp: points beyond it are in the tables", y[2]));
      note.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
      chart.addSubtitle(note);
    }
  }

  private static boolean clipped(List<Line> lines, double maxBpp) {
    for (Line l : lines) {
      if (!l.published()) {
        for (double b : l.bpp()) {
          if (b > maxBpp) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Stroke dashed(int k) {
    float[][] patterns = {{8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}, {4f, 4f}, {12f, 6f}, {6f, 2f, 2f, 2f}};
    return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, patterns[k % patterns.length], 0f);
  }

  /**
   * {low quality, high quality, highest rate}: the rate axis covers the measured points up to
   * {@link #MAX_BPP}; the quality axis what any curve reaches inside it, with a margin.
   */
  private static double[] range(List<Line> lines) {
    double maxBpp = 0;
    for (Line l : lines) {
      if (!l.published()) {
        for (double b : l.bpp()) {
          maxBpp = Math.max(maxBpp, b);
        }
      }
    }
    if (maxBpp == 0) {
      maxBpp = MAX_BPP;
    }
    maxBpp = Math.min(MAX_BPP, maxBpp * 1.05);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      for (int i = 0; i < l.bpp().length; i++) {
        double q = l.quality()[i];
        if (l.bpp()[i] <= maxBpp && Double.isFinite(q)) {
          lo = Math.min(lo, q);
          hi = Math.max(hi, q);
        }
      }
    }
    double pad = Double.isFinite(hi - lo) ? Math.max(0.5, (hi - lo) * 0.04) : 0;
    return new double[] {lo - pad, hi + pad, maxBpp};
  }
}
