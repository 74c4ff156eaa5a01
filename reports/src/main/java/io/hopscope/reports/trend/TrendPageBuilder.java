package io.hopscope.reports.trend;

import io.hopscope.analytics.core.ChangePoints;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.Usl;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.html.RunPage.Fact;
import io.hopscope.reports.html.RunPage.Figure;
import io.hopscope.reports.trend.TrendPage.CompareRow;
import io.hopscope.reports.trend.TrendPage.Comparison;
import io.hopscope.reports.trend.TrendPage.Group;
import io.hopscope.reports.trend.TrendPage.MeasuredRow;
import io.hopscope.reports.trend.TrendPage.OverviewRow;
import io.hopscope.reports.trend.TrendPage.ReplicaRow;
import io.hopscope.reports.trend.TrendPage.RunRow;
import io.hopscope.reports.trend.TrendPage.Scaling;
import io.hopscope.reports.trend.TrendPage.ScalingRow;
import io.hopscope.reports.trend.TrendPage.SeriesCell;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Builds a {@link TrendPage} from a trend analysis: chooses what to show and formats it once. */
final class TrendPageBuilder {
  private TrendPageBuilder() {}

  private static final String NONE = "–";

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
