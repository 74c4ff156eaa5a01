package io.hopscope.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.HttpWindow;
import io.hopscope.analytics.core.InputCounts;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.RunFacts;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.TailCi;
import io.hopscope.analytics.core.TimeBucket;
import io.hopscope.analytics.core.Timeline;
import io.hopscope.analytics.core.WindowAggregate;
import io.hopscope.ingest.spec.StageSpec;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.ChartRenderer;
import io.hopscope.reports.export.ChartsJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Charts of small k6-only runs, as real ones are: a single plateau, a 10-second test, a run without
 * a single failed request. Their data is pinned (golden), and their drawings carry no raw doubles
 * ("9.677419E0", "5E-9") and no negative ticks when nothing is negative.
 */
class K6ChartsTest {
  private static final long T0 = 1_780_000_000_000_000_000L;

  private static LatencyStats stats(double base, long n) {
    return new LatencyStats(
        base,
        base * 1.5,
        base * 2,
        base * 3,
        base * 4,
        base * 1.2,
        base * 5,
        n,
        new TailCi(base * 1.8, base * 2.3, base * 2.7, base * 3.4));
  }

  /** One k6-only window of {@code seconds} at {@code rps}, no failures, 1-second-ish slices. */
  private static RunAnalysis run(String id, double seconds, double rps, long failedPerSlice) {
    Schedule s = Schedule.of(T0, 0, List.of(StageSpec.constant(rps, seconds)));
    long requests = Math.round(rps * seconds);
    long failed = 0;
    List<TimeBucket> buckets = new ArrayList<>();
    long width = seconds <= 10 ? 1_000_000_000L : 5_000_000_000L;
    for (long t = 0; t < seconds * 1e9; t += width) {
      long n = Math.round(rps * width / 1e9);
      failed += failedPerSlice;
      buckets.add(
          new TimeBucket(
              T0 + t,
              T0 + t + width,
              null,
              null,
              stats(20 + t / 1e9, n),
              n,
              failedPerSlice,
              4 + (t / width) % 3,
              8));
    }
    HttpWindow http =
        new HttpWindow(
            stats(20, requests),
            requests,
            failed,
            requests,
            requests - failed,
            requests,
            0,
            Map.of("200", requests - failed, "503", failed),
            Map.of(),
            List.of(
                new RouteStats(
                    "default",
                    "GET /items",
                    stats(20, requests),
                    requests,
                    failed,
                    failed == 0
                        ? List.of()
                        : List.of(new RouteStats.Failure("503", "", "", failed)))),
            10,
            10);
    RunFacts f =
        new RunFacts(
            id,
            "k6",
            s,
            Map.of(0, new WindowAggregate(0, 0, 0, null, null, null, http)),
            new Timeline(T0, 0, new long[0], new long[0], new long[0]),
            Map.of(),
            new InputCounts(0, requests * 3, 0, 0),
            GateConfig.from(Map.of(GateConfig.SLO_MS_P95_HOP, 100.0)),
            OptionalDouble.empty(),
            List.of(),
            buckets);
    return RunAnalyzer.analyze(f);
  }

  private static List<ChartData> charts(RunAnalysis a) {
    return ReportWriter.charts(a, SampleAnalysis.context(SampleAnalysis.spec("k6"), "[]"));
  }

  /** Tick labels drawn as raw doubles: 5E-9, 9.677419E0. */
  private static final Pattern RAW = Pattern.compile(">\\s*-?[0-9.,]+E-?[0-9]+\\s*<");

  /** A negative tick label. */
  private static final Pattern NEGATIVE = Pattern.compile(">\\s*-[0-9][0-9.,]*\\s*<");

  private static void drawnPlainly(List<ChartData> charts) {
    for (ChartData c : charts) {
      if (c.isEmpty()) {
        continue;
      }
      String svg = ChartRenderer.svg(c, ReportWriter.CHART_WIDTH, ReportWriter.CHART_HEIGHT);
      Matcher raw = RAW.matcher(svg);
      assertThat(raw.find()).as(c.id() + ": " + (raw.find(0) ? raw.group() : "")).isFalse();
      boolean anyNegative =
          c.series().stream()
                  .flatMapToDouble(s -> java.util.Arrays.stream(s.y()))
                  .anyMatch(v -> v < 0)
              || c.series().stream()
                  .flatMapToDouble(s -> java.util.Arrays.stream(s.x()))
                  .anyMatch(v -> v < 0);
      if (!anyNegative) {
        Matcher neg = NEGATIVE.matcher(svg);
        assertThat(neg.find()).as(c.id() + ": " + (neg.find(0) ? neg.group() : "")).isFalse();
      }
      if (c.series().size() > 1) {
        assertThat(svg).as(c.id() + " has a legend").contains(c.series().get(1).name());
      }
    }
  }

  @Test
  void aSinglePlateauIsAPointWithItsInterval() throws IOException {
    RunAnalysis a = run("single", 60, 9.677419, 0);
    List<ChartData> cs = charts(a);
    ChartData envelope = cs.stream().filter(c -> c.id().equals("envelope")).findFirst().get();
    assertThat(envelope.series())
        .anyMatch(s -> s.name().equals("p95 95% interval") && s.x()[0] == s.x()[1]);
    drawnPlainly(cs);
    Golden.check("charts-k6-single-plateau.json", ChartsJson.render(cs));
  }

  @Test
  void aTenSecondRun() throws IOException {
    List<ChartData> cs = charts(run("ten-seconds", 10, 5, 0));
    drawnPlainly(cs);
    Golden.check("charts-k6-10s.json", ChartsJson.render(cs));
  }

  @Test
  void anErrorFreeRunShowsZeroFromZero() throws IOException {
    List<ChartData> cs = charts(run("error-free", 120, 50, 0));
    ChartData errors = cs.stream().filter(c -> c.id().equals("errors-over-time")).findFirst().get();
    assertThat(errors.series().get(0).y()).containsOnly(0.0);
    drawnPlainly(cs);
    Golden.check("charts-k6-error-free.json", ChartsJson.render(cs));
  }

  @Test
  void offeredAndAchievedOverTimeHaveBothLines() {
    List<ChartData> cs = charts(run("failing", 120, 50, 5));
    ChartData t = cs.stream().filter(c -> c.id().equals("throughput-over-time")).findFirst().get();
    assertThat(t.series()).hasSize(2);
    double[] offered = t.series().get(0).y();
    double[] achieved = t.series().get(1).y();
    for (int i = 0; i < offered.length; i++) {
      assertThat(achieved[i]).isLessThan(offered[i]);
    }
    drawnPlainly(cs);
  }

  @Test
  void virtualUsersOverTimeShowActiveAndAllocated() {
    RunAnalysis a = run("vus", 120, 50, 0);
    ChartData v =
        charts(a).stream().filter(c -> c.id().equals("vus-over-time")).findFirst().orElseThrow();
    assertThat(v.series())
        .extracting(ChartData.Series::name)
        .containsExactly("active VUs (most in the slice)", "allocated VUs (vus_max)");
    assertThat(v.series().get(0).y())
        .containsExactly(a.buckets().stream().mapToDouble(TimeBucket::vus).toArray());
    assertThat(v.series().get(0).y()).contains(4.0, 5.0, 6.0);
    assertThat(v.series().get(1).y()).containsOnly(8.0);
    drawnPlainly(List.of(v));
  }

  @Test
  void aRunWithoutVuSamplesHasNoVuChart() {
    RunAnalysis a = SampleAnalysis.analysis("r1", "steps");
    assertThat(charts(a)).extracting(ChartData::id).doesNotContain("vus-over-time");
  }
}
