package io.hopscope.reports.trend;

import io.hopscope.analytics.core.ChangePoints;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.Usl;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.html.Html;
import io.hopscope.reports.html.RunPage.Fact;
import io.hopscope.reports.html.RunPage.Figure;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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

  private static final String NONE = "–";

  /** The view of a trend analysis. */
  static TrendPage of(
      TrendAnalysis t,
      List<MeasuredBaseline> measured,
      TrendReport.Context ctx,
      Map<ChartData, byte[]> charts) {
    Map<String, TrendAnalysis.Run> runs = new HashMap<>();
    for (TrendAnalysis.Group g : t.groups()) {
      g.runs().forEach(r -> runs.put(r.runId(), r));
    }
    List<OverviewRow> overview = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    for (TrendAnalysis.Group g : t.groups()) {
      overview.add(overview(g));
      groups.add(group(g, runs, charts));
    }
    List<Scaling> scaling = new ArrayList<>();
    for (TrendAnalysis.Scaling s : t.scaling()) {
      scaling.add(scaling(s, charts));
    }
    List<MeasuredRow> rows = new ArrayList<>();
    for (MeasuredBaseline m : measured) {
      TrendAnalysis.Run r = runs.get(m.runId());
      LatencyStats s = m.stats();
      rows.add(
          new MeasuredRow(
              m.runId(),
              r == null ? "" : TrendText.DAY.format(TrendText.instant(r.t0Ns())),
              r == null ? "" : TrendText.sha(r),
              m.metric(),
              m.scenario().isEmpty() ? "(none)" : m.scenario(),
              s.count(),
              Format.num(s.p50()),
              Format.num(s.p95()),
              Format.num(s.p99()),
              Double.isNaN(m.errorRate()) ? NONE : TrendText.percent(m.errorRate())));
    }
    return new TrendPage(
        t.scenario(),
        ctx.synthetic(),
        t.groups().stream().mapToInt(g -> g.runs().size()).sum(),
        ctx.since().map(TrendText.DAY::format).orElse(null),
        overview,
        groups,
        scaling,
        rows,
        ctx.hopscopeVersion(),
        DateTimeFormatter.ISO_INSTANT.format(ctx.generatedAt()));
  }

  private static OverviewRow overview(TrendAnalysis.Group g) {
    TrendAnalysis.Run first = g.runs().get(0);
    TrendAnalysis.Run last = g.runs().get(g.runs().size() - 1);
    long reg =
        g.vsBaseline().stream()
            .filter(c -> c.verdict() == TrendAnalysis.Verdict.REGRESSION)
            .count();
    long imp =
        g.vsBaseline().stream()
            .filter(c -> c.verdict() == TrendAnalysis.Verdict.IMPROVEMENT)
            .count();
    boolean base = g.baselineRunId() != null;
    return new OverviewRow(
        g.fingerprint(),
        last.workers() == null ? NONE : last.workers().toString(),
        g.runs().size(),
        TrendText.DAY.format(TrendText.instant(first.t0Ns())),
        TrendText.DAY.format(TrendText.instant(last.t0Ns())),
        last.runId(),
        g.baselineRunId(),
        base ? Long.toString(reg) : NONE,
        reg > 0,
        base ? Long.toString(imp) : NONE,
        g.series().stream().mapToLong(s -> s.changePoints().size()).sum());
  }

  private static Group group(
      TrendAnalysis.Group g, Map<String, TrendAnalysis.Run> runs, Map<ChartData, byte[]> charts) {
    TrendAnalysis.Run cur = runs.get(g.currentRunId());
    Comparison baseline = null;
    if (g.baselineRunId() != null) {
      TrendAnalysis.Run base = runs.get(g.baselineRunId());
      baseline =
          new Comparison(
              base.runId(),
              TrendText.DAY.format(TrendText.instant(base.t0Ns())),
              TrendText.sha(base),
              cur.runId(),
              TrendText.DAY.format(TrendText.instant(cur.t0Ns())),
              TrendText.sha(cur),
              "Baseline",
              compareRows(g.vsBaseline()));
    }
    Comparison previous =
        g.vsPrevious().isEmpty()
            ? null
            : new Comparison(
                g.vsPrevious().get(0).fromRun(),
                null,
                null,
                null,
                null,
                null,
                "Previous",
                compareRows(g.vsPrevious()));
    List<String> series = new ArrayList<>();
    for (TrendAnalysis.Series s : g.series()) {
      series.add(s.label() + " (" + TrendText.unit(s.unit()) + ")");
    }
    List<RunRow> rows = new ArrayList<>();
    for (int i = 0; i < g.runs().size(); i++) {
      TrendAnalysis.Run r = g.runs().get(i);
      List<SeriesCell> cells = new ArrayList<>();
      for (TrendAnalysis.Series s : g.series()) {
        final int k = i;
        TrendAnalysis.Point p = s.points().get(i);
        cells.add(
            new SeriesCell(
                p.isNever() ? "never" : TrendText.value(p.value(), p.atLeast(), s.unit()),
                s.changePoints().stream().anyMatch(c -> c.index() == k)));
      }
      rows.add(
          new RunRow(
              r.runId(),
              r.runId().equals(g.baselineRunId()),
              TrendText.DAY.format(TrendText.instant(r.t0Ns())),
              Objects.requireNonNullElse(r.gatewaySha(), NONE),
              Objects.requireNonNullElse(r.workerSha(), NONE),
              r.workers() == null ? NONE : r.workers().toString(),
              r.gatesPassed(),
              cells));
    }
    String prefix = TrendCharts.idPrefix(g);
    List<Figure> figures = new ArrayList<>();
    charts.forEach(
        (c, png) -> {
          if (c.id().startsWith(prefix)) {
            figures.add(io.hopscope.reports.html.RunPage.figure(c, png));
          }
        });
    return new Group(
        g.fingerprint(),
        g.runs().size(),
        g.fingerprintJson(),
        baseline,
        previous,
        changePoints(g),
        g.runs().size() < 6,
        series,
        rows,
        figures,
        TrendCharts.MIN_RUNS_FOR_CHARTS);
  }

  private static List<CompareRow> compareRows(List<TrendAnalysis.Comparison> cs) {
    List<CompareRow> rows = new ArrayList<>();
    for (TrendAnalysis.Comparison c : cs) {
      rows.add(
          new CompareRow(
              c.label(),
              TrendText.value(c.from(), c.fromAtLeast(), c.unit()),
              TrendText.value(c.to(), c.toAtLeast(), c.unit()),
              TrendText.change(c),
              TrendText.verdictClass(c),
              TrendText.verdict(c)));
    }
    return rows;
  }

  private static List<String> changePoints(TrendAnalysis.Group g) {
    List<String> items = new ArrayList<>();
    for (TrendAnalysis.Series s : g.series()) {
      for (ChangePoints.ChangePoint c : s.changePoints()) {
        TrendAnalysis.Run r = g.runs().get(c.index());
        items.add(
            String.format(
                Locale.ROOT,
                "%s shifted %s%s%% (mean %s → %s %s) starting with run %s (%s, %s); p = %s",
                s.label(),
                c.relativeChange() >= 0 ? "+" : "",
                Format.num(c.relativeChange() * 100),
                Format.num(c.meanBefore()),
                Format.num(c.meanAfter()),
                s.unit().symbol(),
                r.runId(),
                TrendText.DAY.format(TrendText.instant(r.t0Ns())),
                TrendText.sha(r),
                Format.num(c.pValue())));
      }
    }
    return items;
  }

  private static Scaling scaling(TrendAnalysis.Scaling s, Map<ChartData, byte[]> charts) {
    Usl fit = s.fit();
    List<ScalingRow> points = new ArrayList<>();
    for (TrendAnalysis.ScalingPoint p : s.points()) {
      points.add(
          new ScalingRow(
              p.workers(),
              p.runId(),
              Format.num(p.throughputRps()),
              TrendText.knee(p),
              Format.num(p.p95ServiceMs()),
              Format.num(p.capacityPerWorkerRps()),
              p.saturated() ? "yes (knee reached)" : "no: lower bound",
              fit == null ? null : Format.num(fit.throughput(p.workers()))));
    }
    List<Fact> facts = new ArrayList<>();
    if (fit != null && !fit.isDetermined()) {
      facts.add(
          new Fact(
              "USL fit",
              "underdetermined",
              fit.points()
                  + " worker counts for "
                  + Usl.PARAMETERS
                  + " parameters: the curve meets every point; σ, κ and the peak are not"
                  + " estimates"));
    } else if (fit != null) {
      facts.add(
          new Fact("σ (contention)", Format.num(fit.sigma()), "share of work that serialises"));
      facts.add(
          new Fact("κ (coherency)", Format.num(fit.kappa()), "cost of crosstalk between workers"));
      facts.add(
          new Fact(
              "max useful workers",
              fit.peakWorkers().isPresent()
                  ? Integer.toString(fit.peakWorkers().getAsInt())
                  : "no limit seen",
              fit.peakWorkers().isPresent()
                  ? "throughput peaks at " + Format.num(fit.peakThroughput()) + " rps"
                  : "no coherency cost measured (κ = 0)"));
      facts.add(
          new Fact(
              "fit",
              "R² " + Format.num(fit.rSquared()),
              fit.points() + " worker counts, λ = " + Format.num(fit.lambda()) + " rps"));
    }
    List<ReplicaRow> replicas = new ArrayList<>();
    for (TrendAnalysis.Replicas r : s.replicas()) {
      replicas.add(
          new ReplicaRow(
              Format.num(r.targetRps()),
              r.uslWorkers() == null ? NONE : r.uslWorkers().toString(),
              r.linearWorkers() == null ? NONE : r.linearWorkers().toString(),
              r.note()));
    }
    String id = TrendCharts.scalingId(s);
    List<Figure> figures = new ArrayList<>();
    charts.forEach(
        (c, png) -> {
          if (c.id().equals(id)) {
            figures.add(io.hopscope.reports.html.RunPage.figure(c, png));
          }
        });
    return new Scaling(s.sweepKey(), fit != null, points, facts, replicas, s.notes(), figures);
  }
}
