package io.hopscope.reports.charts;

import java.util.List;
import java.util.Objects;

/**
 * Everything a chart shows, as data: series, markers and shaded bands with their labels. Built from
 * the analysis by {@link Charts}, drawn by {@link ChartRenderer}; tests pin this, not pixels.
 *
 * @param id file-name stem of the chart ({@code envelope} → {@code envelope.png})
 * @param emptyMessage what the chart says when it has no data
 * @param minYRange a linear y axis shows at least {@code [0, minYRange]}, so values that are all
 *     tiny do not look dramatic; 0 for none
 */
public record ChartData(
    String id,
    String title,
    String xLabel,
    String yLabel,
    boolean logY,
    List<Series> series,
    List<Marker> markers,
    List<Band> bands,
    String emptyMessage,
    XScale xScale,
    Style style,
    double minYRange) {

  /** The x axis. */
  public enum XScale {
    LINEAR,
    /** Decades, for ranges that span them. */
    LOG,
    /** Dates: x values are epoch milliseconds, drawn as UTC dates. */
    TIME,
    /** Linear with whole-number ticks: counts such as workers. */
    COUNT
  }

  /** How the series are drawn. */
  public enum Style {
    /** Lines, one per series. */
    LINES,
    /** Areas stacked on each other, in series order (the first at the bottom). */
    STACKED
  }

  public ChartData {
    Objects.requireNonNull(id);
    series = List.copyOf(series);
    markers = List.copyOf(markers);
    bands = List.copyOf(bands);
    Objects.requireNonNull(style);
    Objects.requireNonNull(xScale);
  }

  /** Lines on a linear x axis. */
  public ChartData(
      String id,
      String title,
      String xLabel,
      String yLabel,
      boolean logY,
      List<Series> series,
      List<Marker> markers,
      List<Band> bands,
      String emptyMessage) {
    this(
        id,
        title,
        xLabel,
        yLabel,
        logY,
        series,
        markers,
        bands,
        emptyMessage,
        XScale.LINEAR,
        Style.LINES,
        0);
  }

  /** Line styles. */
  public enum Stroke {
    SOLID,
    DASHED,
    DOTTED,
    /** Points alone, no line. */
    NONE
  }

  /** Axes a marker can sit on. */
  public enum Axis {
    X,
    Y
  }

  /** One line. {@code color} is an index into {@link Palette}. */
  public record Series(
      String name, double[] x, double[] y, Stroke stroke, int color, boolean points) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("x and y differ in length");
      }
      x = x.clone();
      y = y.clone();
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    @Override
    public double[] y() {
      return y.clone();
    }
  }

  /** A labelled line across the plot at a value. */
  public record Marker(Axis axis, double value, String label, int color, Stroke stroke) {}

  /** A shaded span of x values, labelled at the top (or the bottom) of the plot. */
  public record Band(double from, double to, String label, int color, boolean labelAtBottom) {
    public Band(double from, double to, String label, int color) {
      this(from, to, label, color, false);
    }
  }

  public boolean isEmpty() {
    return series.stream().allMatch(s -> s.x().length == 0);
  }
}
