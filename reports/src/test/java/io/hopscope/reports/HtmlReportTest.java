package io.hopscope.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.ChartRenderer;
import io.hopscope.reports.charts.Charts;
import io.hopscope.reports.html.HtmlReport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  static final String EVIL = "<script>alert('x')</script>\"&";

  @TempDir Path dir;

  @Test
  void everyInputStringIsEscaped() {
    RunAnalysis a = SampleAnalysis.analysis("run-1", EVIL, EVIL);
    String sources =
        "[{\"kind\":\"done-file\",\"location\":\""
            + EVIL.replace("\"", "\\\"")
            + "\",\"bytes\":10,\"sha256\":\"<evil-sha>\",\"counts\":{\"<evil-count>\":1},\"facts\":{}}]";
    ReportContext ctx = SampleAnalysis.context(SampleAnalysis.spec(EVIL), sources);
    // A chart whose title comes from the inputs: drawn, and empty (the title in an attribute and
    // in text).
    Map<io.hopscope.reports.charts.ChartData, byte[]> charts = new java.util.LinkedHashMap<>();
    charts.put(
        new io.hopscope.reports.charts.ChartData(
            "drawn",
            EVIL,
            "x",
            "y",
            false,
            List.of(
                new io.hopscope.reports.charts.ChartData.Series(
                    "s",
                    new double[] {1},
                    new double[] {1},
                    io.hopscope.reports.charts.ChartData.Stroke.SOLID,
                    0,
                    false)),
            List.of(),
            List.of(),
            "none"),
        new byte[] {1, 2, 3});
    charts.put(
        new io.hopscope.reports.charts.ChartData(
            "empty", EVIL, "x", "y", false, List.of(), List.of(), List.of(), EVIL),
        null);
    String html = HtmlReport.render(a, ctx, charts);
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<evil-sha>")
        .doesNotContain("<evil-count>")
        .contains("&lt;evil-sha&gt;");
    // Escaped by context: in text a quote is harmless and stays; in an attribute it is escaped.
    assertThat(html).contains("&lt;script&gt;alert('x')&lt;/script&gt;\"&amp;");
    assertThat(html).contains("alt=\"&lt;script>alert(&#39;x&#39;)&lt;/script>&#34;&amp;\"");
  }

  @Test
  void pageIsSelfContainedAndVerdictFirst() throws IOException {
    RunAnalysis a = SampleAnalysis.analysis("run-1", "capacity_ramp");
    ReportWriter.Written w =
        ReportWriter.write(
            a, SampleAnalysis.context(SampleAnalysis.spec("capacity_ramp"), "[]"), dir);
    String html = Files.readString(w.index());
    assertThat(html)
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("<link")
        .doesNotContain("<script");
    assertThat(html.indexOf("id=\"verdict\"")).isLessThan(html.indexOf("id=\"charts\""));
    assertThat(html.indexOf("id=\"charts\"")).isLessThan(html.indexOf("id=\"plateaus\""));
    assertThat(html).contains("data:image/png;base64,").contains("<tr class=\"knee\">");
    assertThat(w.files())
        .extracting(p -> dir.relativize(p).toString())
        .contains(
            "summary.json",
            "plateaus.csv",
            "gates.junit.xml",
            "index.html",
            "routes.csv",
            "charts/charts.json",
            "charts/envelope.png",
            "charts/envelope.svg",
            "charts/depth-over-time.png");
  }

  @Test
  void structureAndChartDataArePinned() throws IOException {
    RunAnalysis a = SampleAnalysis.analysis("run-1", "capacity_ramp", "POST /hop");
    ReportContext ctx = SampleAnalysis.context(SampleAnalysis.spec("capacity_ramp"), "[]");
    ReportWriter.Written w = ReportWriter.write(a, ctx, dir);
    // The data behind every chart, and the page without its pixels: images are drawn by the
    // platform's fonts, their data and the page around them are ours.
    Golden.check("charts.json", Files.readString(dir.resolve("charts/charts.json")));
    Golden.check(
        "index.structure.html",
        Files.readString(w.index())
            .replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,…"));
    Golden.check("routes.csv", Files.readString(dir.resolve("routes.csv")));
    // Byte-identical when rendered again.
    Path again = dir.resolve("again");
    ReportWriter.write(a, ctx, again);
    assertThat(Files.readString(again.resolve("index.html")))
        .isEqualTo(Files.readString(w.index()));
  }

  @Test
  void chartsAreTheRightSizeAndNotBlank() throws IOException {
    RunAnalysis a = SampleAnalysis.analysis("run-1", "capacity_ramp");
    for (ChartData c :
        List.of(
            Charts.envelope(a, SampleAnalysis.context(SampleAnalysis.spec("x"), "[]").gates()),
            Charts.depthOverTime(a))) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(ChartRenderer.png(c, 800, 400)));
      assertThat(img.getWidth()).isEqualTo(800);
      assertThat(img.getHeight()).isEqualTo(400);
      assertThat(distinctColours(img)).as(c.id()).isGreaterThan(20);
    }
  }

  @Test
  void envelopeSeriesArePinned() {
    RunAnalysis a = SampleAnalysis.analysis("run-1", "capacity_ramp");
    ChartData c =
        Charts.envelope(a, SampleAnalysis.context(SampleAnalysis.spec("x"), "[]").gates());
    assertThat(c.series())
        .extracting(ChartData.Series::name)
        .containsExactly("p50 hop", "p95 hop", "p99 hop");
    assertThat(c.series().get(1).x()).containsExactly(10.0, 20.0, 30.0);
    assertThat(c.series().get(1).y()).containsExactly(20.0, 28.0, 1800.0);
    assertThat(c.series().get(2).stroke()).isEqualTo(ChartData.Stroke.DASHED);
    assertThat(c.logY()).isTrue();
    assertThat(c.markers())
        .extracting(ChartData.Marker::label)
        .containsExactly("SLO p95 100 ms", " knee: plateau 2, 30 rps; p95 over SLO from here");
  }

  @Test
  void anEmptyChartSaysSo() throws IOException {
    ChartData empty =
        new ChartData(
            "e", "Empty", "x", "y", false, List.of(), List.of(), List.of(), "No data here");
    assertThat(empty.isEmpty()).isTrue();
    Map<ChartData, byte[]> charts = new LinkedHashMap<>();
    charts.put(empty, ChartRenderer.png(empty, 400, 200));
    String html =
        HtmlReport.render(
            SampleAnalysis.analysis("r", "s"),
            SampleAnalysis.context(SampleAnalysis.spec("s"), "[]"),
            charts);
    assertThat(html).contains("<b>Empty:</b> No data here").doesNotContain("data:image/png");
  }

  private static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }

  @Test
  void aFailureKindNamesTheStatusOrTheNetworkError() {
    assertThat(
            io.hopscope.reports.html.K6Errors.failureKind(
                new RouteStats.Failure("503", "1503", "", 4)))
        .isEqualTo("HTTP 503");
    assertThat(
            io.hopscope.reports.html.K6Errors.failureKind(
                new RouteStats.Failure("0", "1211", "", 4)))
        .isEqualTo("error 1211 TCP dial timeout");
    assertThat(
            io.hopscope.reports.html.K6Errors.failureKind(
                new RouteStats.Failure("", "1212", "dial tcp 127.0.0.1:80: connection refused", 1)))
        .isEqualTo(
            "error 1212 connection refused (\u201cdial tcp 127.0.0.1:80: connection refused\u201d)");
    assertThat(io.hopscope.reports.html.K6Errors.failureKind(new RouteStats.Failure("", "", "", 1)))
        .isEqualTo("no response");
    assertThat(
            io.hopscope.reports.html.K6Errors.failureKind(new RouteStats.Failure("0", "", "", 1)))
        .isEqualTo("no response");
    assertThat(
            io.hopscope.reports.html.K6Errors.failureKind(
                new RouteStats.Failure("", "", "(3 other kinds)", 7)))
        .isEqualTo("(3 other kinds)");
  }
}
