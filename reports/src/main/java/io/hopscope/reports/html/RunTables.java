package io.hopscope.reports.html;

import io.hopscope.analytics.core.Burst;
import io.hopscope.analytics.core.HistogramQuantile;
import io.hopscope.analytics.core.Knee;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Sizing;
import io.hopscope.analytics.core.Telemetry;
import io.hopscope.analytics.core.Window;
import io.hopscope.ingest.SourceRecord;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.html.RunPage.SizingSection;
import io.hopscope.reports.html.RunPage.TailRule;
import io.hopscope.reports.html.Table.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The run page's tables of the run itself: plateaus, telemetry, bursts, sizing, inputs. */
final class RunTables {
  private RunTables() {}

  /** A column of the per-plateau table: header and cell text. */
  private record Col(String header, Function<PlateauResult, String> cell) {}

  static String ms(LatencyStats s, ToDoubleFunction<LatencyStats> f) {
    return s == null ? RunPage.NONE : Format.num(f.applyAsDouble(s));
  }

  static LatencyStats httpStats(PlateauResult p) {
    return p.hasHttp() ? p.http().duration() : null;
  }

  static List<Col> plateauColumns(RunAnalysis a) {
    long t0 = a.schedule().t0Ns();
    boolean jobs = a.plateaus().stream().anyMatch(PlateauResult::hasJobs);
    boolean http = a.plateaus().stream().anyMatch(PlateauResult::hasHttp);
    List<Col> cols = new ArrayList<>();
    cols.add(new Col("from (s)", p -> Format.num((p.window().startNs() - t0) / 1e9)));
    cols.add(new Col("to (s)", p -> Format.num((p.window().endNs() - t0) / 1e9)));
    cols.add(
        new Col(
            "target rps",
            p ->
                (p.window().isPlateau()
                        ? Format.num(p.window().targetRps())
                        : Format.num(p.window().startRps()) + "→" + Format.num(p.window().endRps()))
                    + (p.belowSchedule() ? " (ran " + Format.num(p.startedRps()) + ")" : "")
                    + (p.cutShort() ? " (data ends inside)" : "")));
    cols.add(new Col("offered rps", p -> Format.num(p.offeredRps())));
    cols.add(new Col("achieved rps", p -> Format.num(p.achievedRps())));
    if (jobs) {
      cols.add(new Col("jobs", p -> Long.toString(p.jobs())));
      cols.add(new Col("hop p50 ms", p -> ms(p.hop(), LatencyStats::p50)));
      cols.add(new Col("hop p95 ms", p -> ms(p.hop(), LatencyStats::p95)));
      cols.add(new Col("hop p99 ms", p -> ms(p.hop(), LatencyStats::p99)));
      cols.add(new Col("hop p99.9 ms", p -> ms(p.hop(), LatencyStats::p999)));
      cols.add(new Col("hop max ms", p -> ms(p.hop(), LatencyStats::max)));
      cols.add(new Col("queue p95 ms", p -> ms(p.queueDelay(), LatencyStats::p95)));
      cols.add(new Col("queue p99 ms", p -> ms(p.queueDelay(), LatencyStats::p99)));
      cols.add(new Col("service p50 ms", p -> ms(p.service(), LatencyStats::p50)));
      cols.add(new Col("service p95 ms", p -> ms(p.service(), LatencyStats::p95)));
      cols.add(new Col("service mean ms", p -> ms(p.service(), LatencyStats::mean)));
    }
    if (http) {
      cols.add(
          new Col(
              "requests",
              p -> p.http() == null ? RunPage.NONE : Long.toString(p.http().requests())));
      cols.add(
          new Col(
              "iterations/s",
              p ->
                  p.http() == null
                      ? RunPage.NONE
                      : Format.num(p.http().iterations() / p.window().durationS())));
      cols.add(new Col("http p50 ms", p -> ms(httpStats(p), LatencyStats::p50)));
      cols.add(new Col("http p95 ms", p -> ms(httpStats(p), LatencyStats::p95)));
      cols.add(new Col("http p99 ms", p -> ms(httpStats(p), LatencyStats::p99)));
      cols.add(
          new Col(
              "errors %",
              p -> p.errorRate() == null ? RunPage.NONE : Format.num(p.errorRate() * 100)));
      cols.add(
          new Col(
              "dropped iter.",
              p -> p.http() == null ? RunPage.NONE : Long.toString(p.http().dropped())));
    }
    if (jobs) {
      cols.add(
          new Col(
              "depth start",
              p -> p.depth() == null ? RunPage.NONE : Long.toString(p.depth().start())));
      cols.add(
          new Col(
              "depth end", p -> p.depth() == null ? RunPage.NONE : Long.toString(p.depth().end())));
      cols.add(
          new Col(
              "depth max", p -> p.depth() == null ? RunPage.NONE : Long.toString(p.depth().max())));
      cols.add(
          new Col(
              "depth slope /s",
              p -> p.depth() == null ? RunPage.NONE : Format.num(p.depth().slopePerS())));
    }
    return cols;
  }

  static Table plateaus(RunAnalysis a) {
    List<Col> cols = plateauColumns(a);
    List<Column> header = new ArrayList<>();
    header.add(Column.number("#"));
    header.add(Column.text("kind"));
    cols.forEach(c -> header.add(Column.number(c.header())));
    Table.Builder t = new Table.Builder(header);
    int kneeIndex = a.knee().map(Knee::plateauIndex).orElse(-1);
    for (PlateauResult p : a.plateaus()) {
      Window w = p.window();
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(w.index()));
      cells.add(w.kind().label());
      cols.forEach(c -> cells.add(c.cell().apply(p)));
      t.classed(w.index() == kneeIndex ? "knee" : null, cells.toArray(String[]::new));
    }
    return t.build();
  }

  static Table telemetry(RunAnalysis a) {
    Map<String, Map<Integer, String>> cells = new TreeMap<>();
    Map<String, Map<Integer, String>> estimates = new TreeMap<>();
    for (PlateauResult p : a.plateaus()) {
      if (p.telemetry() == null) {
        continue;
      }
      for (Telemetry.SeriesStat s : p.telemetry().series()) {
        String v =
            s.counter()
                ? Format.num(s.ratePerS()) + " /s"
                : Format.num(s.mean()) + " (max " + Format.num(s.max()) + ")";
        cells.computeIfAbsent(s.series(), k -> new TreeMap<>()).put(p.index(), v);
      }
      for (Telemetry.HistogramStat h : p.telemetry().histograms()) {
        HistogramQuantile.Estimate e = h.p95();
        String v =
            "≈ "
                + Format.num(e.value())
                + " (bucket "
                + Format.num(e.lower())
                + "–"
                + (Double.isInfinite(e.upper()) ? "+Inf" : Format.num(e.upper()))
                + ")";
        estimates.computeIfAbsent(h.series(), k -> new TreeMap<>()).put(p.index(), v);
      }
    }
    if (cells.isEmpty() && estimates.isEmpty()) {
      return null;
    }
    List<Column> header = new ArrayList<>();
    header.add(Column.code("series"));
    a.plateaus().forEach(p -> header.add(Column.number("#" + p.index())));
    Table.Builder t = new Table.Builder(header);
    for (var m : List.of(estimates, cells)) {
      for (var e : m.entrySet()) {
        List<String> row = new ArrayList<>();
        row.add(e.getKey());
        a.plateaus().forEach(p -> row.add(e.getValue().getOrDefault(p.index(), RunPage.NONE)));
        t.row(row.toArray(String[]::new));
      }
    }
    return t.build();
  }

  static Table bursts(RunAnalysis a) {
    if (a.bursts().isEmpty()) {
      return null;
    }
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.number("#"),
                Column.number("offered rps"),
                Column.number("cμ (rps)"),
                Column.number("λ after (rps)"),
                Column.number("depth before"),
                Column.number("depth at end"),
                Column.number("peak depth"),
                Column.number("drain (s)"),
                Column.number("predicted drain (s)"),
                Column.number("p99 hop in burst (ms)"),
                Column.number("p99 hop after (ms)")));
    for (Burst b : a.bursts()) {
      t.row(
          Integer.toString(b.windowIndex()),
          Format.num(b.offeredRps()),
          Format.num(b.serviceRateRps()),
          Format.num(b.afterRps()),
          Long.toString(b.depthBefore()),
          Long.toString(b.depthAtEnd()),
          Long.toString(b.peakDepth()),
          b.drainSeconds() == null ? "never" : Format.num(b.drainSeconds()),
          b.predictedDrainSeconds() == null
              ? "never (λ ≥ cμ)"
              : Format.num(b.predictedDrainSeconds()),
          Format.num(b.p99HopMs()),
          Format.num(b.p99HopAfterMs()));
    }
    return t.build();
  }

  static SizingSection sizing(RunAnalysis a, io.hopscope.analytics.core.GateConfig gates) {
    Sizing s = a.sizing().orElse(null);
    if (s == null) {
      return null;
    }
    Sizing.TailAware tail = s.tailAware();
    List<Column> header = new ArrayList<>();
    header.add(Column.text("load"));
    header.add(Column.number("λ (rps)"));
    for (double u : Sizing.UTILIZATIONS) {
      header.add(Column.number("U = " + Format.num(u)));
    }
    if (tail != null) {
      header.add(Column.number("tail-aware"));
      header.add(Column.number("predicted p95 queue ms"));
    }
    Table.Builder t = new Table.Builder(header);
    for (Sizing.TableRow row : s.table()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.basis().replace('_', ' '));
      cells.add(Format.num(row.lambdaRps()));
      for (Sizing.Recommendation r : row.byUtilization()) {
        cells.add(Integer.toString(r.workers()));
      }
      if (tail != null) {
        cells.add(row.tail() == null ? RunPage.NONE : Integer.toString(row.tail().workers()));
        cells.add(row.tail() == null ? RunPage.NONE : Format.num(row.tail().predictedP95QueueMs()));
      }
      t.row(cells.toArray(String[]::new));
    }
    return new SizingSection(
        Format.num(s.meanServiceMs()),
        Format.num(s.capacityPerWorkerRps()),
        tail == null
            ? null
            : new TailRule(
                Format.num(tail.serviceCv()), Format.num(tail.queueLimitMs()), tail.limitBasis()),
        t.build(),
        io.hopscope.analytics.core.Autoscaling.of(a, gates).map(RunTables::signals).orElse(null));
  }

  /** The playbook's autoscaling signals with this run's thresholds, each with its basis. */
  static Table signals(io.hopscope.analytics.core.Autoscaling s) {
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.text("signal"),
                Column.text("kind"),
                Column.text("threshold"),
                Column.text("from this run")));
    String alert = Format.num(s.queueDelayAlertMs()) + " ms";
    t.row(
        "queue depth (consumer-group lag)",
        "primary",
        s.lagPerReplica() + " waiting jobs per worker",
        s.lagBasis());
    t.row(
        "queue depth growth (d/dt)",
        "primary",
        "> 0 for 5 min with more than " + s.lagPerReplica() + " waiting",
        "arrivals beyond " + Format.num(s.capacityPerWorkerRps()) + " jobs/s per worker");
    t.row("p95 queue delay", "secondary", "> " + alert, s.queueDelayAlertBasis());
    t.row(
        "worker CPU",
        "secondary",
        Math.round(s.cpuTarget() * 100) + "% utilisation",
        "the playbook's sizing target (headroom for bursts)");
    t.row(
        "backpressure (HTTP 429)",
        "safety",
        "queue depth > D = " + s.backlogDepth() + " or p95 queue delay > " + alert,
        s.backlogBasis());
    t.row("replicas", "bounds", s.minReplicas() + "–" + s.maxReplicas(), s.replicasBasis());
    t.row(
        "scale down",
        "bounds",
        "after " + Format.num(s.drainBudgetSeconds()) + " s",
        "backlog_must_drain_seconds: a backlog may take that long to drain");
    return t.build();
  }

  static Table sourceTable(List<SourceRecord> sources) {
    if (sources.isEmpty()) {
      return null;
    }
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.text("kind"),
                Column.code("location"),
                Column.number("bytes"),
                Column.code("sha256"),
                Column.text("rows")));
    for (SourceRecord s : sources) {
      t.row(
          s.kind(),
          s.location(),
          s.bytes() < 0 ? RunPage.NONE : Long.toString(s.bytes()),
          s.sha256() == null ? RunPage.NONE : s.sha256(),
          s.countsJson());
    }
    return t.build();
  }
}
