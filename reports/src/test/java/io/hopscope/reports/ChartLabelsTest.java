package io.hopscope.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.ChartRenderer;
import io.hopscope.reports.charts.Palette;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Marker and band labels of a chart neither overlap nor run off the chart. */
class ChartLabelsTest {
  private static final Pattern TEXT =
      Pattern.compile("<text x='([0-9.]+)' y='([0-9.]+)'[^>]*font-size: 11px[^>]*>([^<]*)</text>");

  /** A label's box in the drawing: left, top baseline, text. */
  private record Label(double x, double y, String text) {
    /** Generous for 11 px sans-serif: 6.5 px a character. */
    double right() {
      return x + 6.5 * text.length();
    }
  }

  private static List<Label> labels(String svg, String... texts) {
    List<Label> out = new ArrayList<>();
    Matcher m = TEXT.matcher(svg);
    while (m.find()) {
      for (String t : texts) {
        if (m.group(3).trim().equals(t)) {
          out.add(new Label(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), t));
        }
      }
    }
    return out;
  }

  @Test
  void markersBesideBandsAndEachOtherStayApartAndInside() {
    double[] x = new double[101];
    double[] y = new double[101];
    for (int i = 0; i <= 100; i++) {
      x[i] = i;
      y[i] = 10 + i % 7;
    }
    String a = "knee: plateau 4, 36.3 rps; p95 over SLO from here";
    String b = "Kneedle: plateau 5";
    String c = "load ends, and a long label near the right edge";
    ChartData chart =
        new ChartData(
            "labels",
            "Labels",
            "seconds",
            "ms",
            false,
            List.of(new ChartData.Series("p95", x, y, ChartData.Stroke.SOLID, Palette.BLUE, false)),
            List.of(
                new ChartData.Marker(
                    ChartData.Axis.X, 95, c, Palette.BLACK, ChartData.Stroke.DASHED),
                new ChartData.Marker(
                    ChartData.Axis.X, 30, a, Palette.ORANGE, ChartData.Stroke.SOLID),
                new ChartData.Marker(
                    ChartData.Axis.X, 34, b, Palette.BLACK, ChartData.Stroke.DOTTED)),
            List.of(
                new ChartData.Band(0, 50, "P0", Palette.BLUE),
                new ChartData.Band(50, 100, "P1", Palette.GREEN)),
            "none");
    String svg = ChartRenderer.svg(chart, ReportWriter.CHART_WIDTH, ReportWriter.CHART_HEIGHT);
    List<Label> ls = labels(svg, a, b, c, "P0", "P1");
    assertThat(ls).extracting(Label::text).containsExactlyInAnyOrder(a, b, c, "P0", "P1");
    for (Label l : ls) {
      assertThat(l.x()).as(l.text()).isGreaterThanOrEqualTo(0);
      assertThat(l.right()).as(l.text()).isLessThanOrEqualTo(ReportWriter.CHART_WIDTH);
    }
    for (int i = 0; i < ls.size(); i++) {
      for (int j = i + 1; j < ls.size(); j++) {
        Label p = ls.get(i);
        Label q = ls.get(j);
        boolean apartInX = p.right() <= q.x() || q.right() <= p.x();
        boolean apartInY = Math.abs(p.y() - q.y()) >= 12;
        assertThat(apartInX || apartInY).as(p.text() + " / " + q.text()).isTrue();
      }
    }
  }
}
