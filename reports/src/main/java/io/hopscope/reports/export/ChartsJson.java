package io.hopscope.reports.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.reports.charts.ChartData;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code charts/charts.json}: the data behind every chart (series, markers, bands, axes), so the
 * numbers a chart shows can be read, re-plotted or checked without the pixels.
 */
public final class ChartsJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ChartsJson() {}

  /** The file, {@code charts/charts.json}. */
  public static io.hopscope.reports.OutputFile file(List<ChartData> charts) {
    return io.hopscope.reports.OutputFile.of("charts/charts.json", w -> w.write(render(charts)));
  }

  public static String render(List<ChartData> charts) {
    ArrayNode root = JSON.createArrayNode();
    for (ChartData c : charts) {
      ObjectNode o = root.addObject();
      o.put("id", c.id());
      o.put("title", c.title());
      o.put("x_label", c.xLabel());
      o.put("x_scale", c.xScale().name().toLowerCase(Locale.ROOT));
      o.put("y_label", c.yLabel());
      o.put("y_scale", c.logY() ? "log" : "linear");
      o.put("style", c.style().name().toLowerCase(Locale.ROOT));
      o.put("empty", c.isEmpty());
      if (c.isEmpty()) {
        o.put("empty_message", c.emptyMessage());
      }
      ArrayNode series = o.putArray("series");
      for (ChartData.Series s : c.series()) {
        ObjectNode so = series.addObject();
        so.put("name", s.name());
        so.put("stroke", s.stroke().name().toLowerCase(Locale.ROOT));
        ArrayNode pts = so.putArray("points");
        double[] x = s.x();
        double[] y = s.y();
        for (int i = 0; i < x.length; i++) {
          ArrayNode p = pts.addArray();
          JsonNumbers.add(p, x[i]);
          JsonNumbers.add(p, y[i]);
        }
      }
      ArrayNode markers = o.putArray("markers");
      for (ChartData.Marker m : c.markers()) {
        ObjectNode mo = markers.addObject();
        mo.put("axis", m.axis().name().toLowerCase(Locale.ROOT));
        JsonNumbers.put(mo, "value", m.value());
        mo.put("label", m.label());
      }
      ArrayNode bands = o.putArray("bands");
      for (ChartData.Band b : c.bands()) {
        ObjectNode bo = bands.addObject();
        JsonNumbers.put(bo, "from", b.from());
        JsonNumbers.put(bo, "to", b.to());
        bo.put("label", b.label());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
