package io.hopscope.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.Burst;
import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.Gates;
import io.hopscope.analytics.core.HistogramQuantile;
import io.hopscope.analytics.core.K6Summary;
import io.hopscope.analytics.core.Knee;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.Sizing;
import io.hopscope.analytics.core.SloCrossing;
import io.hopscope.analytics.core.Telemetry;
import io.hopscope.analytics.core.Window;
import io.hopscope.analytics.spec.InferredSpec;
import io.hopscope.ingest.SourceRecord;
import io.hopscope.reports.ReportContext;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.html.Table.Cell;
import io.hopscope.reports.html.Table.Column;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What the run report shows, every value formatted once: the template {@code run.jte} lays it out
 * and escapes it. Built from the analysis alone (the core owns every result shown here); this class
 * only chooses what to show and formats it.
 *
 * @param runId the run
 * @param scenario the spec's scenario name
 * @param passed whether every gate passed
 * @param synthetic whether the run's data was simulated
 * @param started when the run began (UTC minutes), or null when unknown
 * @param inputs what the run holds, e.g. "1000 jobs, 0 rejected records"
 * @param layout how the run was cut into windows
 * @param facts the verdict's headline figures
 * @param kneeReason why the knee is where it is, or null without a knee
 * @param gates one row per evaluated gate
 * @param notEvaluated the gates this run lacks the input for
 * @param warnings what the analysis warns about
 * @param figures the charts, in reading order
 * @param plateaus the per-plateau table
 * @param k6Only whether the run has k6 requests and no jobs (the target is in iterations)
 * @param routes the per-route table of k6 requests, or null
 * @param telemetry Prometheus series per plateau, or null
 * @param errors the k6 requests by status and error code, or null
 * @param checks k6's checks, or null
 * @param k6Summary k6's end-of-test summary, or null
 * @param bursts bursts and recovery, or null
 * @param sizing the sizing section, or null without jobs
 * @param sources the run's inputs as recorded at ingest, or null
 * @param spec the run spec, pretty JSON
 * @param version hopscope's version
 * @param generatedAt when the report was made (ISO instant)
 */
public record RunPage(
    String runId,
    String scenario,
    boolean passed,
    boolean synthetic,
    String started,
    String inputs,
    Layout layout,
    List<Fact> facts,
    String kneeReason,
    Table gates,
    List<Gates.Skipped> notEvaluated,
    List<io.hopscope.analytics.core.Warning> warnings,
    List<Figure> figures,
    Table plateaus,
    boolean k6Only,
    Table routes,
    Table telemetry,
    Errors errors,
    Table checks,
    K6 k6Summary,
    Table bursts,
    SizingSection sizing,
    Table sources,
    String spec,
    String version,
    String generatedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NONE = "–";

  /**
   * How the run was cut into windows, for the header line.
   *
   * @param kind what the windows came from
   * @param windows how many there are
   * @param seconds the one window's length (summary only) or the warm-up (spec)
   * @param pinnedAs the file an inferred schedule is pinned in
   */
  public record Layout(Kind kind, int windows, String seconds, String pinnedAs) {
    /** What the windows came from. */
    public enum Kind {
      /** k6's end-of-test summary alone: one window, no time series. */
      SUMMARY_ONLY,
      /** Stages inferred from the data. */
      INFERRED,
      /** The run spec's stages. */
      SPEC
    }
  }

  /** One headline figure: label, value, and a note under it. */
  public record Fact(String label, String value, String note) {}

  /**
   * A chart: its PNG inlined, or what it would have shown said in words.
   *
   * @param png the PNG in base64, or null for a chart without data
   */
  public record Figure(String id, String title, String emptyMessage, String png) {}

  /**
   * k6 requests by status and error code over the run.
   *
   * @param byCode null when k6 recorded no error codes
   * @param failing the routes that failed most, or null when none failed
   */
  public record Errors(Table byStatus, Table byCode, Table failing) {}

  /**
   * k6's end-of-test summary.
   *
   * @param durationS the test's duration, or null when not exported
   */
  public record K6(String durationS, Table metrics) {}

  /**
   * The sizing section.
   *
   * @param tail the tail-aware rule's figures, or null when there is none
   */
  public record SizingSection(
      String meanServiceMs, String capacityPerWorker, TailRule tail, Table table) {}

  /** The tail-aware rule's inputs, for the sentence that states it. */
  public record TailRule(String serviceCv, String queueLimitMs, String limitBasis) {}

  /** The page's stylesheet (hopscope's own, not from any input). */
  public String css() {
    return Html.css();
  }

  /** The view of a run's analysis. */
  public static RunPage of(RunAnalysis a, ReportContext ctx, Map<ChartData, byte[]> charts) {
    return new RunPage(
        a.runId(),
        a.scenario(),
        a.gates().allPassed(),
        SourceRecord.anySynthetic(ctx.sources()),
        a.schedule().t0Ns() > 0
            ? DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(0, a.schedule().t0Ns()))
            : null,
        inputs(a),
        layout(a),
        facts(a, ctx),
        a.knee().map(Knee::reason).orElse(null),
        gates(a),
        a.gates().notEvaluated(),
        a.warnings(),
        figures(charts),
        plateaus(a),
        a.plateaus().stream().anyMatch(PlateauResult::hasHttp)
            && a.plateaus().stream().noneMatch(PlateauResult::hasJobs),
        routes(a),
        telemetry(a),
        errors(a),
        checks(a),
        k6Summary(a),
        bursts(a),
        sizing(a),
        sourceTable(ctx.sources()),
        spec(ctx),
        ctx.hopscopeVersion(),
        DateTimeFormatter.ISO_INSTANT.format(ctx.generatedAt()));
  }

  private static boolean summaryOnly(RunAnalysis a) {
    return a.schedule().inferredFrom().orElse("").startsWith(RunAnalyzer.SUMMARY_ONLY);
  }

  private static String inputs(RunAnalysis a) {
    List<String> inputs = new ArrayList<>();
    if (a.inputs().jobs() > 0) {
      inputs.add(a.inputs().jobs() + " jobs");
    }
    if (a.inputs().k6Points() > 0) {
      inputs.add(a.inputs().k6Points() + " k6 samples");
    }
    if (a.inputs().promSamples() > 0) {
      inputs.add(a.inputs().promSamples() + " Prometheus samples");
    }
    inputs.add(a.inputs().rejected() + " rejected records");
    if (summaryOnly(a) && !a.plateaus().isEmpty() && a.plateaus().get(0).http() != null) {
      inputs.add(0, a.plateaus().get(0).http().requests() + " requests (k6 summary)");
    }
    return String.join(", ", inputs);
  }

  private static Layout layout(RunAnalysis a) {
    int n = a.plateaus().size();
    if (summaryOnly(a)) {
      return new Layout(
          Layout.Kind.SUMMARY_ONLY, n, Format.num(a.schedule().windows().get(0).durationS()), null);
    }
    if (a.schedule().isInferred()) {
      return new Layout(Layout.Kind.INFERRED, n, null, InferredSpec.FILE);
    }
    return new Layout(Layout.Kind.SPEC, n, Format.num(a.schedule().warmupNs() / 1e9), null);
  }

  private static List<Fact> facts(RunAnalysis a, ReportContext ctx) {
    List<Fact> facts = new ArrayList<>();
    Knee knee = a.knee().orElse(null);
    long levels =
        a.plateaus().stream()
            .filter(p -> p.window().isPlateau() && p.capacityEvidence())
            .filter(p -> p.hasJobs() || p.hasHttp())
            .count();
    facts.add(
        new Fact(
            "Capacity knee",
            knee == null
                ? (levels < 2 ? "not measurable" : "none")
                : Format.num(knee.offeredRps()) + " rps",
            knee != null
                ? "plateau " + knee.plateauIndex()
                : levels < 2
                    ? "one load level: a knee needs stepped load (see README, k6 only)"
                    : "no plateau showed queueing onset"));
    throughputAndLatency(a, facts);
    Sizing s = a.sizing().orElse(null);
    if (s != null) {
      facts.add(
          new Fact(
              "Capacity per worker",
              Format.num(s.capacityPerWorkerRps()) + " rps",
              "1 / mean service (" + Format.num(s.meanServiceMs()) + " ms)"));
      s.headline()
          .ifPresent(
              peak ->
                  facts.add(
                      new Fact(
                          "Workers at 70% utilisation",
                          Integer.toString(peak.workers()),
                          "for "
                              + Format.num(peak.lambdaRps())
                              + " rps ("
                              + peak.basis().replace('_', ' ')
                              + ")")));
    }
    a.drain()
        .ifPresent(
            d ->
                facts.add(
                    new Fact(
                        "Backlog drain",
                        d.drainSeconds() == null ? "never" : Format.num(d.drainSeconds()) + " s",
                        d.depthAtLoadEnd() + " jobs queued when the load ended")));
    if (ctx.gates().sloMsP95Hop().isPresent()) {
      double slo = ctx.gates().sloMsP95Hop().getAsDouble();
      Optional<SloCrossing> c = a.sloCrossing(ctx.gates().sloMsP95Hop());
      facts.add(
          new Fact(
              "p95 within SLO up to",
              c.isEmpty()
                  ? "every plateau"
                  : Double.isNaN(c.get().lastWithinRps())
                      ? "no plateau"
                      : Format.num(c.get().lastWithinRps()) + " rps",
              c.isEmpty()
                  ? "p95 stayed under " + Format.num(slo) + " ms"
                  : "p95 "
                      + Format.num(c.get().p95Ms())
                      + " ms > "
                      + Format.num(slo)
                      + " ms from "
                      + Format.num(c.get().offeredRps())
                      + " rps (plateau "
                      + c.get().plateauIndex()
                      + ")"));
    }
    a.errorRate()
        .ifPresent(
            e ->
                facts.add(
                    new Fact("Error rate", Format.num(e * 100) + " %", "k6 requests that failed")));
    return facts;
  }

  /**
   * What every run can say on its first screen, knee or not: the highest rate achieved in a plateau
   * and the p95 latency there.
   */
  private static void throughputAndLatency(RunAnalysis a, List<Fact> facts) {
    boolean jobs = a.plateaus().stream().anyMatch(PlateauResult::hasJobs);
    PlateauResult peak = null;
    for (PlateauResult p : a.plateaus()) {
      if (p.window().isPlateau()
          && !Double.isNaN(p.userLatencyMs(0.95))
          && (peak == null || p.achievedRps() > peak.achievedRps())) {
        peak = p;
      }
    }
    if (peak == null) {
      return;
    }
    facts.add(
        new Fact(
            "Peak throughput",
            Format.num(peak.achievedRps()) + " " + (jobs ? "jobs/s" : "requests/s"),
            (jobs ? "completed" : "requests that did not fail")
                + " in plateau "
                + peak.index()
                + " (offered "
                + Format.num(peak.offeredRps())
                + ")"));
    facts.add(
        new Fact(
            "p95 latency at the peak",
            Format.num(peak.userLatencyMs(0.95)) + " ms",
            (jobs ? "hop" : "k6 http_req_duration")
                + ", p99 "
                + Format.num(peak.userLatencyMs(0.99))
                + " ms"));
  }

  private static Table gates(RunAnalysis a) {
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.code("gate"),
                Column.number("verdict"),
                Column.number("observed"),
                Column.number("limit"),
                Column.text("what was compared")));
    for (GateResult g : a.gates().results()) {
      t.row(
          null,
          List.of(
              new Cell(g.name(), null),
              new Cell(g.passed() ? "pass" : "FAIL", g.passed() ? "passed" : "failed"),
              new Cell(g.observed() == null ? NONE : Format.num(g.observed()), null),
              new Cell(Format.num(g.limit()), null),
              new Cell(g.detail(), null)));
    }
    return t.build();
  }

  private static List<Figure> figures(Map<ChartData, byte[]> charts) {
    List<Figure> out = new ArrayList<>();
    for (Map.Entry<ChartData, byte[]> e : charts.entrySet()) {
      out.add(figure(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** A chart as a figure: null PNG bytes (or a chart without data) make it words. */
  public static Figure figure(ChartData chart, byte[] png) {
    boolean empty = chart.isEmpty() || png == null;
    return new Figure(
        chart.id(),
        chart.title(),
        empty ? chart.emptyMessage() : null,
        empty ? null : Base64.getEncoder().encodeToString(png));
  }

  /** A column of the per-plateau table: header and cell text. */
  private record Col(String header, Function<PlateauResult, String> cell) {}

  private static String ms(LatencyStats s, ToDoubleFunction<LatencyStats> f) {
    return s == null ? NONE : Format.num(f.applyAsDouble(s));
  }

  private static LatencyStats httpStats(PlateauResult p) {
    return p.hasHttp() ? p.http().duration() : null;
  }

  private static List<Col> plateauColumns(RunAnalysis a) {
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
          new Col("requests", p -> p.http() == null ? NONE : Long.toString(p.http().requests())));
      cols.add(
          new Col(
              "iterations/s",
              p ->
                  p.http() == null
                      ? NONE
                      : Format.num(p.http().iterations() / p.window().durationS())));
      cols.add(new Col("http p50 ms", p -> ms(httpStats(p), LatencyStats::p50)));
      cols.add(new Col("http p95 ms", p -> ms(httpStats(p), LatencyStats::p95)));
      cols.add(new Col("http p99 ms", p -> ms(httpStats(p), LatencyStats::p99)));
      cols.add(
          new Col("errors %", p -> p.errorRate() == null ? NONE : Format.num(p.errorRate() * 100)));
      cols.add(
          new Col(
              "dropped iter.", p -> p.http() == null ? NONE : Long.toString(p.http().dropped())));
    }
    if (jobs) {
      cols.add(
          new Col("depth start", p -> p.depth() == null ? NONE : Long.toString(p.depth().start())));
      cols.add(
          new Col("depth end", p -> p.depth() == null ? NONE : Long.toString(p.depth().end())));
      cols.add(
          new Col("depth max", p -> p.depth() == null ? NONE : Long.toString(p.depth().max())));
      cols.add(
          new Col(
              "depth slope /s", p -> p.depth() == null ? NONE : Format.num(p.depth().slopePerS())));
    }
    return cols;
  }

  private static Table plateaus(RunAnalysis a) {
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

  private static Table routes(RunAnalysis a) {
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.number("#"),
                Column.text("scenario"),
                Column.code("name"),
                Column.number("requests"),
                Column.number("errors %"),
                Column.number("p50 ms"),
                Column.number("p95 ms"),
                Column.number("p99 ms"),
                Column.number("max ms")));
    for (PlateauResult p : a.plateaus()) {
      if (p.http() == null) {
        continue;
      }
      for (RouteStats r : p.http().routes()) {
        t.row(
            Integer.toString(p.index()),
            r.scenario().isEmpty() ? "(none)" : r.scenario(),
            r.name(),
            Long.toString(r.requests()),
            Format.num(r.errorRate() * 100),
            Format.num(r.duration().p50()),
            Format.num(r.duration().p95()),
            Format.num(r.duration().p99()),
            Format.num(r.duration().max()));
      }
    }
    return t.isEmpty() ? null : t.build();
  }

  private static Table telemetry(RunAnalysis a) {
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
        a.plateaus().forEach(p -> row.add(e.getValue().getOrDefault(p.index(), NONE)));
        t.row(row.toArray(String[]::new));
      }
    }
    return t.build();
  }

  /**
   * What k6 users read first after a run: requests by HTTP status and by k6 error code over the
   * whole run, and the routes that failed most.
   */
  private static Errors errors(RunAnalysis a) {
    Map<String, Long> byStatus = new TreeMap<>();
    Map<String, Long> byCode = new TreeMap<>();
    Map<String, long[]> routes = new TreeMap<>();
    Map<String, Map<String, Long>> kinds = new HashMap<>();
    long requests = 0;
    for (PlateauResult p : a.plateaus()) {
      if (p.http() == null) {
        continue;
      }
      requests += p.http().requests();
      p.http().byStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum));
      p.http().byErrorCode().forEach((k, v) -> byCode.merge(k, v, Long::sum));
      for (RouteStats r : p.http().routes()) {
        String key = (r.scenario().isEmpty() ? "(none)" : r.scenario()) + "\u001f" + r.name();
        long[] c = routes.computeIfAbsent(key, k -> new long[2]);
        c[0] += r.requests();
        c[1] += r.failed();
        Map<String, Long> byKind = kinds.computeIfAbsent(key, k -> new TreeMap<>());
        for (RouteStats.Failure f : r.failures()) {
          byKind.merge(K6Errors.failureKind(f), f.count(), Long::sum);
        }
      }
    }
    if (byStatus.isEmpty() && byCode.isEmpty()) {
      return null;
    }
    Table.Builder status =
        new Table.Builder(
            List.of(
                Column.code("status"),
                Column.number("requests"),
                Column.number("share %"),
                Column.text("k6 default verdict")));
    for (var e : byStatus.entrySet()) {
      String st = e.getKey();
      status.row(
          st.isEmpty() ? "(none)" : st,
          Long.toString(e.getValue()),
          Format.num(requests == 0 ? 0 : 100.0 * e.getValue() / requests),
          K6Errors.statusMeaning(st));
    }
    Table codes = null;
    if (!byCode.isEmpty()) {
      Table.Builder t =
          new Table.Builder(
              List.of(
                  Column.code("k6 error_code"), Column.number("requests"), Column.text("meaning")));
      byCode.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e ->
                  t.row(
                      e.getKey(),
                      Long.toString(e.getValue()),
                      K6Errors.errorCodeMeaning(e.getKey())));
      codes = t.build();
    }
    List<Map.Entry<String, long[]>> failing =
        routes.entrySet().stream()
            .filter(e -> e.getValue()[1] > 0)
            .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
            .limit(10)
            .toList();
    Table top = null;
    if (!failing.isEmpty()) {
      Table.Builder t =
          new Table.Builder(
              List.of(
                  Column.text("scenario"),
                  Column.code("name"),
                  Column.number("requests"),
                  Column.number("failed"),
                  Column.number("errors %"),
                  Column.text("failed as")));
      for (var e : failing) {
        String[] k = e.getKey().split("\u001f", 2);
        long[] c = e.getValue();
        t.row(
            k[0],
            k[1],
            Long.toString(c[0]),
            Long.toString(c[1]),
            Format.num(c[0] == 0 ? 0 : 100.0 * c[1] / c[0]),
            K6Errors.failedAs(kinds.getOrDefault(e.getKey(), Map.of())));
      }
      top = t.build();
    }
    return new Errors(status.build(), codes, top);
  }

  /** k6's checks with pass and fail counts, failing ones marked. */
  private static Table checks(RunAnalysis a) {
    List<K6Summary.Check> checks =
        a.checks().isEmpty() ? a.k6Summary().map(K6Summary::checks).orElse(List.of()) : a.checks();
    if (checks.isEmpty()) {
      return null;
    }
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.text("check"),
                Column.text("group"),
                Column.number("passes"),
                Column.number("fails"),
                Column.number("passed %")));
    for (K6Summary.Check c : checks) {
      t.classed(
          c.fails() > 0 ? "knee" : null,
          c.name(),
          c.group(),
          Long.toString(c.passes()),
          Long.toString(c.fails()),
          Format.num(c.passRate() * 100));
    }
    return t.build();
  }

  /** k6's end-of-test summary: every metric's statistics as k6 exported them. */
  private static K6 k6Summary(RunAnalysis a) {
    if (a.k6Summary().isEmpty()) {
      return null;
    }
    K6Summary k = a.k6Summary().get();
    Table.Builder t = new Table.Builder(List.of(Column.code("metric"), Column.text("statistics")));
    for (var m : k.metrics().entrySet()) {
      List<String> parts = new ArrayList<>();
      m.getValue().forEach((stat, v) -> parts.add(stat + " " + Format.num(v)));
      t.row(m.getKey(), String.join(" · ", parts));
    }
    return new K6(
        Double.isNaN(k.durationMs()) ? null : Format.num(k.durationMs() / 1000), t.build());
  }

  private static Table bursts(RunAnalysis a) {
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

  private static SizingSection sizing(RunAnalysis a) {
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
        cells.add(row.tail() == null ? NONE : Integer.toString(row.tail().workers()));
        cells.add(row.tail() == null ? NONE : Format.num(row.tail().predictedP95QueueMs()));
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
        t.build());
  }

  private static Table sourceTable(List<SourceRecord> sources) {
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
          s.bytes() < 0 ? NONE : Long.toString(s.bytes()),
          s.sha256() == null ? NONE : s.sha256(),
          s.countsJson());
    }
    return t.build();
  }

  private static String spec(ReportContext ctx) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ctx.spec().document());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the spec", e);
    }
  }
}
