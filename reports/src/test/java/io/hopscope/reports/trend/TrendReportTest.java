package io.hopscope.reports.trend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.SampleRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendReportTest {
  static final String EVIL = "<script>alert('x')</script>\"&|\n";
  private static final long DAY = 86_400_000_000_000L;

  @TempDir Path dir;

  private static TrendAnalysis history(String text) {
    List<TrendInput> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RunAnalysis a = SampleRuns.analysis("run-" + i, text, text);
      runs.add(
          new TrendInput(
              "run-" + i,
              SampleRuns.T0 + i * DAY,
              "fp1",
              "{\"scenario\":\"" + text + "\"}",
              "sweep1",
              2 + i,
              text,
              text,
              i != 1,
              a));
    }
    return TrendAnalysis.of(text, runs, TrendAnalysis.Options.defaults());
  }

  private static List<MeasuredBaseline> measured(String text) {
    return List.of(
        new MeasuredBaseline(
            "run-0",
            "http_req_duration",
            text,
            new LatencyStats(10, 15, 20, 30, 40, 12, 50, 100),
            0.01));
  }

  private static TrendReport.Context ctx() {
    return new TrendReport.Context(
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
        "0.1.0-test",
        Instant.parse("2026-11-22T12:00:00Z"));
  }

  @Test
  void everyInputStringIsEscapedInEveryOutput() throws Exception {
    TrendReport.Written w = TrendReport.write(history(EVIL), measured(EVIL), ctx(), dir);
    String html = Files.readString(w.index());
    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert('x')");
    String md = Files.readString(dir.resolve("measured-baseline.md"));
    // A pipe or a line break from an input would break the table; HTML stays text.
    assertThat(md.lines().filter(l -> l.startsWith("|")).count()).isEqualTo(3);
    assertThat(md).doesNotContain("<script").contains("\\|");
    String base = Files.readString(dir.resolve("baseline-current.md"));
    assertThat(base).doesNotContain("<script");
    // CSV: the hostile field is one quoted field.
    List<String> csv = Files.readAllLines(dir.resolve("measured-baseline.csv"));
    assertThat(String.join("\n", csv)).contains("\"<script>alert('x')</script>\"\"&|\n\"");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("trend.json").toFile());
    assertThat(json.path("scenario").asText()).isEqualTo(EVIL);
  }

  @Test
  void outputsArePinnedAndDeterministic() throws Exception {
    TrendReport.Written w = TrendReport.write(history("nightly"), measured("api"), ctx(), dir);
    assertThat(w.files())
        .extracting(p -> dir.relativize(p).toString())
        .contains(
            "trend.html",
            "trend.json",
            "trend.csv",
            "baseline-current.md",
            "measured-baseline.csv",
            "measured-baseline.md",
            "scaling.csv",
            "charts/charts.json");
    for (String f :
        List.of(
            "trend.json",
            "trend.csv",
            "baseline-current.md",
            "measured-baseline.md",
            "scaling.csv",
            "charts/charts.json")) {
      io.hopscope.reports.SampleRuns.golden("trend/" + f, Files.readString(dir.resolve(f)));
    }
    Path again = dir.resolve("again");
    TrendReport.write(history("nightly"), measured("api"), ctx(), again);
    assertThat(Files.readString(again.resolve("trend.html")))
        .isEqualTo(Files.readString(w.index()));
    // The baseline is the latest earlier run that passed (run-1 failed its gates).
    JsonNode json = new ObjectMapper().readTree(dir.resolve("trend.json").toFile());
    assertThat(json.path("fingerprints").get(0).path("baseline_run").asText()).isEqualTo("run-0");
    assertThat(json.path("scaling").get(0).path("points")).hasSize(3);
  }
}
