package io.hopscope.reports.trend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.analytics.core.ChangePoints;
import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.Usl;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.analytics.core.trend.Unit;
import io.hopscope.error.Problems;
import io.hopscope.reports.ReportWriter;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.export.Csv;
import io.hopscope.reports.export.JsonNumbers;
import io.hopscope.reports.export.Numbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trend page of one scenario and its exports: {@code trend.html} (self-contained), {@code
 * trend.json}, {@code trend.csv} (one row per run × series), {@code baseline-current.md} ("Baseline
 * | Current | Change", ready to paste into a review), {@code measured-baseline.csv} and {@code
 * .md}, {@code scaling.csv}, and the charts as PNG and SVG.
 */
public final class TrendReport {
  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What the page needs besides the analysis.
   *
   * @param since the lower bound on run start the user asked for, if any
   * @param synthetic some of the runs were simulated: the page says so
   */
  public record Context(
      Optional<Instant> since, String hopscopeVersion, Instant generatedAt, boolean synthetic) {
    public Context {
      Objects.requireNonNull(since);
      Objects.requireNonNull(hopscopeVersion);
      Objects.requireNonNull(generatedAt);
    }

    /** A context for measured (not simulated) runs. */
    public Context(Optional<Instant> since, String hopscopeVersion, Instant generatedAt) {
      this(since, hopscopeVersion, generatedAt, false);
    }
  }

  /** The files written, the page first. */
  public record Written(Path index, List<Path> files) {}

  private final TrendAnalysis t;
  private final List<MeasuredBaseline> measured;
  private final Context ctx;
  private final Map<String, TrendAnalysis.Run> runs = new HashMap<>();

  private TrendReport(TrendAnalysis t, List<MeasuredBaseline> measured, Context ctx) {
    this.t = t;
    this.measured = measured;
    this.ctx = ctx;
    for (TrendAnalysis.Group g : t.groups()) {
      g.runs().forEach(r -> runs.put(r.runId(), r));
    }
  }

  /** Writes the page and its exports into {@code outDir}. */
  public static Written write(
      TrendAnalysis t, List<MeasuredBaseline> measured, Context ctx, Path outDir) {
    try {
      Files.createDirectories(outDir.resolve("charts"));
    } catch (IOException e) {
      throw Problems.storage(outDir, "cannot create the output directory", e);
    }
    List<Path> files = new ArrayList<>();
    Map<ChartData, byte[]> charts = ReportWriter.writeCharts(charts(t), outDir, files);
    TrendReport r = new TrendReport(t, measured, ctx);
    files.add(ReportWriter.put(outDir.resolve("trend.json"), r.json()));
    files.add(ReportWriter.put(outDir.resolve("trend.csv"), r.seriesCsv()));
    files.add(ReportWriter.put(outDir.resolve("baseline-current.md"), r.baselineMarkdown()));
    files.add(ReportWriter.put(outDir.resolve("measured-baseline.csv"), r.measuredCsv()));
    files.add(ReportWriter.put(outDir.resolve("measured-baseline.md"), r.measuredMarkdown()));
    files.add(ReportWriter.put(outDir.resolve("scaling.csv"), r.scalingCsv()));
    Path index = ReportWriter.put(outDir.resolve("trend.html"), r.page(charts));
    files.add(0, index);
    return new Written(index, files);
  }

  /** Every chart of the page, in reading order. */
  public static List<ChartData> charts(TrendAnalysis t) {
    List<ChartData> c = new ArrayList<>();
    for (TrendAnalysis.Group g : t.groups()) {
      c.addAll(TrendCharts.of(g));
    }
    for (TrendAnalysis.Scaling s : t.scaling()) {
      c.add(TrendCharts.scaling(s));
    }
    return c;
  }

  // ---------------------------------------------------------------- HTML

  /** The page: {@code trend.jte} over a {@link TrendPage}. */
  String page(Map<ChartData, byte[]> charts) {
    return io.hopscope.reports.html.HtmlReport.render(
        "trend.jte", TrendPage.of(t, measured, ctx, charts));
  }

  /**
   * A verdict in words. Where a run has only a bound and the other's value is within the threshold
   * of it, say what happened (the knee appeared or went) rather than "no data".
   */
  static String verdict(TrendAnalysis.Comparison c) {
    if (c.verdict() == TrendAnalysis.Verdict.NO_DATA) {
      boolean fromBound = !Double.isNaN(c.fromAtLeast());
      boolean toBound = !Double.isNaN(c.toAtLeast());
      if (fromBound && !Double.isNaN(c.to())) {
        return c.to() < c.fromAtLeast()
            ? "appeared, below the load taken before"
            : "appeared, above the load taken before";
      }
      if (toBound && !Double.isNaN(c.from())) {
        return c.toAtLeast() > c.from()
            ? "gone, took more than the old knee"
            : "none, but driven below the old knee";
      }
      if (fromBound && toBound) {
        return "neither reached it";
      }
    }
    return c.verdict().label();
  }

  /** A sweep point's knee: the offered load, and what it achieved when that was less. */
  static String knee(TrendAnalysis.ScalingPoint p) {
    if (Double.isNaN(p.kneeRps())) {
      return "–";
    }
    return Double.isNaN(p.kneeAchievedRps()) || p.kneeAchievedRps() >= 0.99 * p.kneeRps()
        ? Format.num(p.kneeRps())
        : Format.num(p.kneeRps()) + " (" + Format.num(p.kneeAchievedRps()) + ")";
  }

  /**
   * The verdict's colour: a knee that appeared below the load the earlier run took without one is a
   * capacity fall for certain (by how much is unknown), so it reads as a regression does.
   */
  static String verdictClass(TrendAnalysis.Comparison c) {
    boolean fell =
        c.verdict() == TrendAnalysis.Verdict.NO_DATA
            && !Double.isNaN(c.fromAtLeast())
            && !Double.isNaN(c.to())
            && c.to() < c.fromAtLeast();
    return fell ? "failed" : verdictClass(c.verdict());
  }

  private static String verdictClass(TrendAnalysis.Verdict v) {
    return switch (v) {
      case REGRESSION -> "failed";
      case IMPROVEMENT -> "passed";
      default -> "";
    };
  }

  // ---------------------------------------------------------------- exports

  String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("scenario", t.scenario());
    root.put("generated_at", DateTimeFormatter.ISO_INSTANT.format(ctx.generatedAt()));
    if (ctx.since().isPresent()) {
      root.put("since", DateTimeFormatter.ISO_INSTANT.format(ctx.since().get()));
    } else {
      root.putNull("since");
    }
    ArrayNode groups = root.putArray("fingerprints");
    for (TrendAnalysis.Group g : t.groups()) {
      ObjectNode o = groups.addObject();
      o.put("fingerprint", g.fingerprint());
      o.put("fingerprint_json", g.fingerprintJson());
      o.put("baseline_run", g.baselineRunId());
      o.put("current_run", g.currentRunId());
      ArrayNode rs = o.putArray("runs");
      for (TrendAnalysis.Run r : g.runs()) {
        ObjectNode ro = rs.addObject();
        ro.put("run_id", r.runId());
        ro.put("t0_ns", r.t0Ns());
        ro.put("start", DateTimeFormatter.ISO_INSTANT.format(instant(r.t0Ns())));
        ro.put("gateway_sha", r.gatewaySha());
        ro.put("worker_sha", r.workerSha());
        if (r.workers() == null) {
          ro.putNull("workers");
        } else {
          ro.put("workers", r.workers());
        }
        ro.put("gates_passed", r.gatesPassed());
      }
      ArrayNode ss = o.putArray("series");
      for (TrendAnalysis.Series s : g.series()) {
        ObjectNode so = ss.addObject();
        so.put("key", s.key());
        so.put("label", s.label());
        so.put("unit", s.unit().symbol());
        so.put("better", s.better().name().toLowerCase(Locale.ROOT));
        ArrayNode vs = so.putArray("values");
        for (TrendAnalysis.Point p : s.points()) {
          JsonNumbers.add(vs, p.value());
        }
        if (s.points().stream().anyMatch(TrendAnalysis.Point::isBound)) {
          // Runs without a value but with a lower bound (a knee beyond every load they achieved).
          ArrayNode bounds = so.putArray("at_least");
          for (TrendAnalysis.Point p : s.points()) {
            JsonNumbers.add(bounds, p.isBound() ? p.atLeast() : Double.NaN);
          }
        }
        ArrayNode cps = so.putArray("change_points");
        for (ChangePoints.ChangePoint c : s.changePoints()) {
          ObjectNode co = cps.addObject();
          co.put("run_id", g.runs().get(c.index()).runId());
          co.put("index", c.index());
          JsonNumbers.put(co, "p_value", c.pValue());
          JsonNumbers.put(co, "mean_before", c.meanBefore());
          JsonNumbers.put(co, "mean_after", c.meanAfter());
          JsonNumbers.put(co, "relative_change", c.relativeChange());
        }
      }
      comparisons(o.putArray("vs_baseline"), g.vsBaseline());
      comparisons(o.putArray("vs_previous"), g.vsPrevious());
    }
    ArrayNode sc = root.putArray("scaling");
    for (TrendAnalysis.Scaling s : t.scaling()) {
      ObjectNode o = sc.addObject();
      o.put("sweep", s.sweepKey());
      ArrayNode pts = o.putArray("points");
      for (TrendAnalysis.ScalingPoint p : s.points()) {
        ObjectNode po = pts.addObject();
        po.put("workers", p.workers());
        po.put("run_id", p.runId());
        JsonNumbers.put(po, "throughput_rps", p.throughputRps());
        po.put("saturated", p.saturated());
        JsonNumbers.put(po, "knee_rps", p.kneeRps());
        JsonNumbers.put(po, "knee_achieved_rps", p.kneeAchievedRps());
        JsonNumbers.put(po, "p95_service_ms", p.p95ServiceMs());
        JsonNumbers.put(po, "capacity_per_worker_rps", p.capacityPerWorkerRps());
      }
      if (s.fit() == null) {
        o.putNull("usl");
      } else {
        ObjectNode u = o.putObject("usl");
        JsonNumbers.put(u, "lambda_rps", s.fit().lambda());
        JsonNumbers.put(u, "sigma", s.fit().sigma());
        JsonNumbers.put(u, "kappa", s.fit().kappa());
        JsonNumbers.put(u, "r_squared", s.fit().rSquared());
        u.put("degrees_of_freedom", s.fit().points() - Usl.PARAMETERS);
        if (s.fit().peakWorkers().isPresent()) {
          u.put("peak_workers", s.fit().peakWorkers().getAsInt());
          JsonNumbers.put(u, "peak_throughput_rps", s.fit().peakThroughput());
        } else {
          u.putNull("peak_workers");
          u.putNull("peak_throughput_rps");
        }
      }
      ArrayNode reps = o.putArray("replicas");
      for (TrendAnalysis.Replicas r : s.replicas()) {
        ObjectNode ro = reps.addObject();
        JsonNumbers.put(ro, "target_rps", r.targetRps());
        ro.put("usl_workers", r.uslWorkers());
        ro.put("linear_workers", r.linearWorkers());
        ro.put("note", r.note());
      }
      ArrayNode notes = o.putArray("notes");
      s.notes().forEach(notes::add);
    }
    ArrayNode mb = root.putArray("measured_baselines");
    for (MeasuredBaseline m : measured) {
      ObjectNode o = mb.addObject();
      o.put("run_id", m.runId());
      o.put("metric", m.metric());
      o.put("scenario", m.scenario());
      o.put("count", m.stats().count());
      JsonNumbers.put(o, "p50_ms", m.stats().p50());
      JsonNumbers.put(o, "p95_ms", m.stats().p95());
      JsonNumbers.put(o, "p99_ms", m.stats().p99());
      JsonNumbers.put(o, "error_rate", m.errorRate());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void comparisons(ArrayNode a, List<TrendAnalysis.Comparison> cs) {
    for (TrendAnalysis.Comparison c : cs) {
      ObjectNode o = a.addObject();
      o.put("key", c.key());
      o.put("from_run", c.fromRun());
      JsonNumbers.put(o, "from", c.from());
      if (c.from() == Double.POSITIVE_INFINITY) {
        o.put("from_never", true); // the backlog never drained
      }
      o.put("to_run", c.toRun());
      JsonNumbers.put(o, "to", c.to());
      if (c.to() == Double.POSITIVE_INFINITY) {
        o.put("to_never", true);
      }
      if (!Double.isNaN(c.fromAtLeast())) {
        JsonNumbers.put(o, "from_at_least", c.fromAtLeast()); // no value, this lower bound
      }
      if (!Double.isNaN(c.toAtLeast())) {
        JsonNumbers.put(o, "to_at_least", c.toAtLeast());
      }
      JsonNumbers.put(o, "change", c.change());
      o.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
    }
  }

  String seriesCsv() {
    StringBuilder sb =
        new StringBuilder(
            "fingerprint,run_id,t0_ns,start,gateway_sha,worker_sha,workers,gates_passed,"
                + "series,unit,value,ci95_lo,ci95_hi,change_point,change_vs_previous\n");
    for (TrendAnalysis.Group g : t.groups()) {
      for (TrendAnalysis.Series s : g.series()) {
        for (int i = 0; i < g.runs().size(); i++) {
          TrendAnalysis.Run r = g.runs().get(i);
          TrendAnalysis.Point p = s.points().get(i);
          final int k = i;
          double prev = i == 0 ? Double.NaN : s.points().get(i - 1).value();
          double change =
              s.absolute() ? p.value() - prev : prev == 0 ? Double.NaN : p.value() / prev - 1;
          sb.append(
                  String.join(
                      ",",
                      Csv.field(g.fingerprint()),
                      Csv.field(r.runId()),
                      Long.toString(r.t0Ns()),
                      DateTimeFormatter.ISO_INSTANT.format(instant(r.t0Ns())),
                      Csv.field(r.gatewaySha()),
                      Csv.field(r.workerSha()),
                      r.workers() == null ? "" : r.workers().toString(),
                      Boolean.toString(r.gatesPassed()),
                      Csv.field(s.key()),
                      Csv.field(s.unit().symbol()),
                      Numbers.plain(p.value()),
                      Numbers.plain(p.lo()),
                      Numbers.plain(p.hi()),
                      Boolean.toString(s.changePoints().stream().anyMatch(c -> c.index() == k)),
                      Numbers.plain(change)))
              .append('\n');
        }
      }
    }
    return sb.toString();
  }

  String baselineMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(md(t.scenario())).append(": baseline | current | change\n\n");
    for (TrendAnalysis.Group g : t.groups()) {
      sb.append("## Fingerprint `").append(g.fingerprint()).append("`\n\n");
      if (g.baselineRunId() == null) {
        sb.append("No baseline: no earlier run of this fingerprint passed its gates.\n\n");
        continue;
      }
      TrendAnalysis.Run base = runs.get(g.baselineRunId());
      TrendAnalysis.Run cur = runs.get(g.currentRunId());
      sb.append("Baseline: `")
          .append(md(base.runId()))
          .append("` (")
          .append(DAY.format(instant(base.t0Ns())))
          .append(" UTC, ")
          .append(md(sha(base)))
          .append("); current: `")
          .append(md(cur.runId()))
          .append("` (")
          .append(DAY.format(instant(cur.t0Ns())))
          .append(" UTC, ")
          .append(md(sha(cur)))
          .append(").\n\n| Metric | Baseline | Current | Change | Verdict |\n")
          .append("| --- | ---: | ---: | ---: | --- |\n");
      for (TrendAnalysis.Comparison c : g.vsBaseline()) {
        sb.append("| ")
            .append(md(c.label()))
            .append(" | ")
            .append(value(c.from(), c.fromAtLeast(), c.unit()))
            .append(" | ")
            .append(value(c.to(), c.toAtLeast(), c.unit()))
            .append(" | ")
            .append(change(c))
            .append(" | ")
            .append(verdict(c))
            .append(" |\n");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  String measuredCsv() {
    StringBuilder sb =
        new StringBuilder(
            "run_id,start,commit,metric,scenario,count,p50_ms,p95_ms,p99_ms,error_rate\n");
    for (MeasuredBaseline m : measured) {
      TrendAnalysis.Run r = runs.get(m.runId());
      sb.append(
              String.join(
                  ",",
                  Csv.field(m.runId()),
                  r == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant(r.t0Ns())),
                  r == null ? "" : Csv.field(sha(r)),
                  Csv.field(m.metric()),
                  Csv.field(m.scenario()),
                  Long.toString(m.stats().count()),
                  Numbers.plain(m.stats().p50()),
                  Numbers.plain(m.stats().p95()),
                  Numbers.plain(m.stats().p99()),
                  Numbers.plain(m.errorRate())))
          .append('\n');
    }
    return sb.toString();
  }

  String measuredMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| Scenario | Metric | p50 (ms) | p95 (ms) | p99 (ms) | Requests | Date | Commit |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
    for (MeasuredBaseline m : measured) {
      TrendAnalysis.Run r = runs.get(m.runId());
      sb.append("| ")
          .append(md(m.scenario().isEmpty() ? "(none)" : m.scenario()))
          .append(" | ")
          .append(md(m.metric()))
          .append(" | ")
          .append(Format.num(m.stats().p50()))
          .append(" | ")
          .append(Format.num(m.stats().p95()))
          .append(" | ")
          .append(Format.num(m.stats().p99()))
          .append(" | ")
          .append(m.stats().count())
          .append(" | ")
          .append(r == null ? "" : DAY.format(instant(r.t0Ns())).substring(0, 10))
          .append(" | ")
          .append(r == null ? "" : md(sha(r)))
          .append(" |\n");
    }
    return sb.toString();
  }

  String scalingCsv() {
    StringBuilder sb =
        new StringBuilder(
            "sweep,workers,run_id,throughput_rps,saturated,knee_rps,p95_service_ms,"
                + "capacity_per_worker_rps,usl_throughput_rps\n");
    for (TrendAnalysis.Scaling s : t.scaling()) {
      for (TrendAnalysis.ScalingPoint p : s.points()) {
        sb.append(
                String.join(
                    ",",
                    Csv.field(s.sweepKey()),
                    Integer.toString(p.workers()),
                    Csv.field(p.runId()),
                    Numbers.plain(p.throughputRps()),
                    Boolean.toString(p.saturated()),
                    Numbers.plain(p.kneeRps()),
                    Numbers.plain(p.p95ServiceMs()),
                    Numbers.plain(p.capacityPerWorkerRps()),
                    s.fit() == null ? "" : Numbers.plain(s.fit().throughput(p.workers()))))
            .append('\n');
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- text helpers

  static Instant instant(long ns) {
    return Instant.ofEpochSecond(
        Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  static String sha(TrendAnalysis.Run r) {
    String s = r.gatewaySha() != null ? r.gatewaySha() : r.workerSha();
    return s == null ? "no SHA in spec" : s;
  }

  static String unit(Unit u) {
    return u == Unit.RATIO ? "%" : u.symbol();
  }

  /** A value, or for a run with only a lower bound "none up to" it. */
  static String value(double v, double atLeast, Unit unit) {
    if (Double.isNaN(v) && !Double.isNaN(atLeast)) {
      return "none up to " + value(atLeast, unit);
    }
    return value(v, unit);
  }

  private static String value(double v, Unit unit) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v == Double.POSITIVE_INFINITY) {
      return "never";
    }
    return unit == Unit.RATIO ? percent(v) : Format.num(v);
  }

  static String percent(double v) {
    return Format.num(v * 100) + "%";
  }

  static String change(TrendAnalysis.Comparison c) {
    if (Double.isNaN(c.change())) {
      return "–";
    }
    if (c.againstBound()) {
      // Against a bound the true change is at least this large.
      return (c.change() >= 0 ? "+" : "") + Format.num(c.change() * 100) + "% or more";
    }
    if (c.unit() == Unit.RATIO) {
      return (c.change() >= 0 ? "+" : "") + Format.num(c.change() * 100) + " pp";
    }
    if (Double.isInfinite(c.from()) || Double.isInfinite(c.to())) {
      return Double.isInfinite(c.to()) ? "never drained" : "drained again";
    }
    if (Double.isInfinite(c.change())) {
      return "+" + Format.num(c.to() - c.from()) + " " + c.unit().symbol() + " (from 0)";
    }
    return (c.change() >= 0 ? "+" : "") + Format.num(c.change() * 100) + "%";
  }

  /** Markdown table text: pipes and line breaks would break the table, HTML must stay text. */
  static String md(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ");
  }
}
