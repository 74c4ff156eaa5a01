package io.hopscope.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws {@link ChartData} with JFreeChart, the same way every time. */
public final class ChartRenderer {
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Color GRID = new Color(0xDDDDDD);

  private ChartRenderer() {}

  public static JFreeChart chart(ChartData data) {
    XYSeriesCollection dataset = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    int i = 0;
    for (ChartData.Series s : data.series()) {
      XYSeries xy = new XYSeries(s.name(), true, data.style() != ChartData.Style.STACKED);
      double[] x = s.x();
      double[] y = s.y();
      for (int k = 0; k < x.length; k++) {
        if ((!data.logY() || y[k] > 0) && (data.xScale() != ChartData.XScale.LOG || x[k] > 0)) {
          xy.add(x[k], y[k]);
        }
      }
      dataset.addSeries(xy);
      renderer.setSeriesPaint(i, Palette.color(s.color()));
      renderer.setSeriesStroke(i, stroke(s.stroke(), 2.2f));
      renderer.setSeriesShapesVisible(i, s.points() || s.stroke() == ChartData.Stroke.NONE);
      renderer.setSeriesLinesVisible(i, s.stroke() != ChartData.Stroke.NONE);
      i++;
    }
    org.jfree.chart.axis.ValueAxis x;
    if (data.xScale() == ChartData.XScale.LOG) {
      x = logAxis(data.xLabel());
    } else if (data.xScale() == ChartData.XScale.TIME) {
      org.jfree.chart.axis.DateAxis dates =
          new org.jfree.chart.axis.DateAxis(
              data.xLabel(), java.util.TimeZone.getTimeZone("UTC"), Locale.ROOT);
      dates.setDateFormatOverride(dateFormat());
      dates.setLowerMargin(0.04);
      dates.setUpperMargin(0.04);
      x = dates;
    } else {
      NumberAxis lin = new NumberAxis(data.xLabel());
      lin.setAutoRangeIncludesZero(false);
      lin.setStandardTickUnits(
          data.xScale() == ChartData.XScale.COUNT
              ? NumberAxis.createIntegerTickUnits(Locale.ROOT)
              : plainTickUnits());
      double[] xs =
          data.series().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x())).toArray();
      padSingleValue(lin, xs);
      x = lin;
    }
    x.setLabelFont(LABEL);
    x.setTickLabelFont(TICK);
    org.jfree.chart.axis.ValueAxis y;
    if (data.logY()) {
      y = logAxis(data.yLabel());
    } else {
      NumberAxis lin = new NumberAxis(data.yLabel());
      lin.setAutoRangeIncludesZero(true);
      lin.setStandardTickUnits(plainTickUnits());
      double maxY = 0;
      double minY = 0;
      for (ChartData.Series s : data.series()) {
        for (double v : s.y()) {
          maxY = Math.max(maxY, v);
          minY = Math.min(minY, v);
        }
      }
      if (minY >= 0) {
        // Nothing below zero: no negative ticks (a zero-error run is 0 to 1, not ±5E-9).
        lin.setRangeType(org.jfree.data.RangeType.POSITIVE);
        lin.setAutoRangeMinimumSize(1.0);
      }
      if (data.minYRange() > 0 && maxY < data.minYRange()) {
        lin.setRange(0, data.minYRange());
      } else if (minY >= 0 && maxY == 0) {
        lin.setRange(0, 1);
      }
      y = lin;
    }
    y.setLabelFont(LABEL);
    y.setTickLabelFont(TICK);
    org.jfree.chart.renderer.xy.XYItemRenderer r = renderer;
    org.jfree.data.xy.XYDataset d = dataset;
    if (data.style() == ChartData.Style.STACKED) {
      org.jfree.data.xy.DefaultTableXYDataset table = new org.jfree.data.xy.DefaultTableXYDataset();
      for (int k = 0; k < dataset.getSeriesCount(); k++) {
        table.addSeries(dataset.getSeries(k));
      }
      org.jfree.chart.renderer.xy.StackedXYAreaRenderer2 area =
          new org.jfree.chart.renderer.xy.StackedXYAreaRenderer2();
      for (int k = 0; k < data.series().size(); k++) {
        area.setSeriesPaint(k, Palette.translucent(data.series().get(k).color(), 190));
      }
      r = area;
      d = table;
    }
    XYPlot plot = new XYPlot(d, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setOutlineVisible(false);
    plot.setNoDataMessage(data.emptyMessage());
    plot.setNoDataMessageFont(LABEL);
    for (ChartData.Band b : data.bands()) {
      IntervalMarker m = new IntervalMarker(b.from(), b.to(), Palette.translucent(b.color(), 28));
      m.setLabel(b.label());
      m.setLabelFont(TICK);
      m.setLabelBackgroundColor(LABEL_BACKGROUND);
      m.setLabelAnchor(b.labelAtBottom() ? RectangleAnchor.BOTTOM : RectangleAnchor.TOP);
      m.setLabelTextAnchor(b.labelAtBottom() ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
    // Labels never overlap: band labels hold the top row, each vertical marker's label gets a row
    // of its own below them (in the order of their values), and a marker in the right half of the
    // axis writes its label to the left of its line, so it is not cut at the plot's edge.
    boolean bandRow =
        data.bands().stream().anyMatch(b -> !b.labelAtBottom() && !b.label().isEmpty());
    int row = bandRow ? 1 : 0;
    org.jfree.data.Range xr = x.getRange();
    List<ChartData.Marker> ordered = new ArrayList<>(data.markers());
    ordered.sort(Comparator.comparingDouble(ChartData.Marker::value));
    for (ChartData.Marker mk : ordered) {
      ValueMarker m =
          new ValueMarker(mk.value(), Palette.color(mk.color()), stroke(mk.stroke(), 1.6f));
      m.setLabel(mk.label());
      m.setLabelFont(TICK);
      m.setLabelPaint(Palette.color(mk.color()));
      m.setLabelBackgroundColor(LABEL_BACKGROUND); // coloured text stays readable on white
      if (mk.axis() == ChartData.Axis.Y) {
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(m, Layer.FOREGROUND);
      } else {
        boolean right =
            xr.getLength() > 0 && (mk.value() - xr.getLowerBound()) > xr.getLength() / 2;
        m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(3 + row * LABEL_ROW, 3, 3, 3));
        m.setLabelAnchor(right ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(right ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        plot.addDomainMarker(m, Layer.FOREGROUND);
        row++;
      }
    }
    JFreeChart chart = new JFreeChart(data.title(), TITLE, plot, data.series().size() > 1);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setItemFont(TICK);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    return chart;
  }

  /** Behind a label: nearly opaque white, so lines under it do not cross its text. */
  private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 225);

  /** The height of one row of marker labels, in pixels. */
  private static final int LABEL_ROW = 14;

  /** Ticks of 1, 2 and 5 times a power of ten, written as plain numbers (never 5E-9). */
  static org.jfree.chart.axis.TickUnitSource plainTickUnits() {
    org.jfree.chart.axis.TickUnits units = new org.jfree.chart.axis.TickUnits();
    DecimalFormatSymbols root = DecimalFormatSymbols.getInstance(Locale.ROOT);
    for (int exp = -6; exp <= 12; exp++) {
      String pattern = exp >= 0 ? "#,##0" : "#,##0." + "0".repeat(-exp);
      for (int m : new int[] {1, 2, 5}) {
        double size = m * Math.pow(10, exp);
        units.add(new NumberTickUnit(size, new DecimalFormat(pattern, root)));
      }
    }
    return units;
  }

  /**
   * An axis over a single value (one plateau) spreads ±20% around it, so the point sits in the
   * middle between readable ticks rather than on ten identical ones.
   */
  private static void padSingleValue(NumberAxis axis, double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo == hi) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.2;
      axis.setRange(lo - pad, hi + pad);
    }
  }

  private static LogAxis logAxis(String label) {
    LogAxis log = new LogAxis(label);
    log.setBase(10);
    log.setSmallestValue(1e-3);
    // One tick per decade, labelled as plain numbers: 1, 10, 100, 1000.
    log.setAutoTickUnitSelection(false);
    log.setTickUnit(
        new NumberTickUnit(
            1.0, new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    // LogAxis formats ticks as powers (10³) unless told otherwise.
    log.setNumberFormatOverride(
        new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    log.setMinorTickMarksVisible(true);
    log.setMinorTickCount(9);
    return log;
  }

  private static java.text.DateFormat dateFormat() {
    java.text.SimpleDateFormat f = new java.text.SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
    f.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
    return f;
  }

  /** The chart as SVG text. */
  public static String svg(ChartData data, int width, int height) {
    org.jfree.svg.SVGGraphics2D g = new org.jfree.svg.SVGGraphics2D(width, height);
    // JFreeSVG names its clip paths after System.nanoTime() unless told: the same chart must be
    // the same bytes (report re-renders what analyze wrote).
    g.setDefsKeyPrefix("_" + data.id().replaceAll("[^A-Za-z0-9_-]", "_") + "-");
    chart(data).draw(g, new java.awt.Rectangle(0, 0, width, height));
    return g.getSVGDocument();
  }

  /** The chart as PNG bytes. */
  public static byte[] png(ChartData data, int width, int height) {
    BufferedImage img =
        chart(data).createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeBufferedImageAsPNG(out, img);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static BasicStroke stroke(ChartData.Stroke s, float width) {
    return switch (s) {
      case SOLID, NONE -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
      case DASHED ->
          new BasicStroke(
              width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);
      case DOTTED ->
          new BasicStroke(
              width,
              BasicStroke.CAP_ROUND,
              BasicStroke.JOIN_ROUND,
              10f,
              new float[] {1.5f, 4f},
              0f);
    };
  }
}
