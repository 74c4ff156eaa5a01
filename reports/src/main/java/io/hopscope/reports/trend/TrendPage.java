package io.hopscope.reports.trend;

import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.html.Html;
import io.hopscope.reports.html.RunPage.Fact;
import io.hopscope.reports.html.RunPage.Figure;
import java.util.List;
import java.util.Map;

/**
 * What the trend page shows, every value formatted once: the template {@code trend.jte} lays it out
 * and escapes it.
 *
 * @param scenario the scenario
 * @param synthetic some runs were simulated
 * @param runs how many runs the page covers
 * @param since the lower bound on run start asked for (UTC minutes), or null
 * @param overview one row per fingerprint
 * @param groups one section per fingerprint
 * @param scaling one section per worker sweep
 * @param measured the measured-baseline table's rows (empty when no run has any)
 * @param version hopscope's version
 * @param generatedAt when the page was made (ISO instant)
 */
public record TrendPage(
    String scenario,
    boolean synthetic,
    int runs,
    String since,
    List<OverviewRow> overview,
    List<Group> groups,
    List<Scaling> scaling,
    List<MeasuredRow> measured,
    String version,
    String generatedAt) {

  /** The page's stylesheet: the run report's and the trend tables' own rules. */
  public String css() {
    return Html.css()
        + "tr.baseline td { background: #eef5ff; }\n"
        + "td.shift { background: #fff4e0; font-weight: bold; }\n"
        + "td.nowrap { white-space: nowrap; }\n";
  }

  /**
   * One fingerprint at a glance.
   *
   * @param regressions regressions against the baseline, "–" without one
   * @param regressed whether there is any (the cell is marked)
   */
  public record OverviewRow(
      String fingerprint,
      String workers,
      int runs,
      String first,
      String latest,
      String latestRunId,
      String baselineRunId,
      String regressions,
      boolean regressed,
      String improvements,
      long changePoints) {}

  /**
   * One fingerprint's section.
   *
   * @param baseline the baseline against the current run, or null without a baseline
   * @param previous the previous run against the current one, or null for a single run
   * @param changePoints the shifts found, in words
   * @param fewRuns whether the history is too short for change points
   * @param series the run table's series columns, with units
   * @param rows the run table
   * @param figures the fingerprint's charts
   * @param minRunsForCharts how many runs charts need (said when there are none)
   */
  public record Group(
      String fingerprint,
      int runs,
      String fingerprintJson,
      Comparison baseline,
      Comparison previous,
      List<String> changePoints,
      boolean fewRuns,
      List<String> series,
      List<RunRow> rows,
      List<Figure> figures,
      int minRunsForCharts) {}

  /**
   * A comparison of two runs.
   *
   * @param from the earlier run's id
   * @param fromStart its start (UTC minutes; baseline only, else null)
   * @param fromSha its SHA, or what stands for it (baseline only)
   * @param to the current run's id (baseline only)
   * @param toStart its start (baseline only)
   * @param toSha its SHA (baseline only)
   * @param fromHeader the earlier column's header
   */
  public record Comparison(
      String from,
      String fromStart,
      String fromSha,
      String to,
      String toStart,
      String toSha,
      String fromHeader,
      List<CompareRow> rows) {}

  /**
   * One metric compared.
   *
   * @param verdictClass "failed", "passed" or ""
   */
  public record CompareRow(
      String label, String from, String to, String change, String verdictClass, String verdict) {}

  /**
   * One run of a fingerprint's table.
   *
   * @param cells one per series
   */
  public record RunRow(
      String runId,
      boolean baseline,
      String start,
      String gatewaySha,
      String workerSha,
      String workers,
      boolean gatesPassed,
      List<SeriesCell> cells) {}

  /**
   * A series' value in a run.
   *
   * @param shift whether a shift begins at this run
   */
  public record SeriesCell(String text, boolean shift) {}

  /**
   * One worker sweep.
   *
   * @param fitted whether a USL fit exists (the table gets its column)
   * @param facts the fit's figures, empty without a fit
   */
  public record Scaling(
      String sweepKey,
      boolean fitted,
      List<ScalingRow> points,
      List<Fact> facts,
      List<ReplicaRow> replicas,
      List<String> notes,
      List<Figure> figures) {}

  /**
   * One sweep point.
   *
   * @param fit the fitted throughput at its worker count, or null without a fit
   */
  public record ScalingRow(
      int workers,
      String runId,
      String throughput,
      String knee,
      String p95Service,
      String perWorker,
      String saturated,
      String fit) {}

  /** Workers for one target load. */
  public record ReplicaRow(String target, String usl, String linear, String note) {}

  /** One row of the measured baselines. */
  public record MeasuredRow(
      String runId,
      String date,
      String commit,
      String metric,
      String scenario,
      long count,
      String p50,
      String p95,
      String p99,
      String errorRate) {}

  /** The view of a trend analysis. */
  static TrendPage of(
      TrendAnalysis t,
      List<MeasuredBaseline> measured,
      TrendReport.Context ctx,
      Map<ChartData, byte[]> charts) {
    return TrendPageBuilder.of(t, measured, ctx, charts);
  }
}
