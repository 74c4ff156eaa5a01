package io.hopscope.reports.trend;

import static io.hopscope.reports.html.Html.esc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.analytics.core.ChangePoints;
import io.hopscope.analytics.core.LatencyStats;
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
  private static final DateTimeFormatter DAY =
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
  private final StringBuilder out = new StringBuilder(1 << 16);

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

  String page(Map<ChartData, byte[]> charts) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>hopscope trends · ")
        .append(esc(t.scenario()))
        .append("</title>\n<style>\n")
        .append(css())
        .append("</style>\n</head>\n<body>\n<header>\n<h1>Trends · ")
        .append(esc(t.scenario()))
        .append(ctx.synthetic() ? " <span class=\"badge synthetic\">synthetic data</span>" : "")
        .append("</h1>\n<p class=\"meta\">");
    int n = t.groups().stream().mapToInt(g -> g.runs().size()).sum();
    out.append(n)
        .append(n == 1 ? " run" : " runs")
        .append(" in ")
        .append(t.groups().size())
        .append(t.groups().size() == 1 ? " fingerprint" : " fingerprints")
        .append(" (scenario, workers, environment, workload)");
    ctx.since().ifPresent(s -> out.append(" · since ").append(esc(DAY.format(s))).append(" UTC"));
    out.append("</p>\n</header>\n");
    overview();
    for (TrendAnalysis.Group g : t.groups()) {
      group(g, charts);
    }
    scaling(charts);
    measuredTable();
    out.append("<footer>Generated by hopscope ")
        .append(esc(ctx.hopscopeVersion()))
        .append(" at ")
        .append(esc(DateTimeFormatter.ISO_INSTANT.format(ctx.generatedAt())))
        .append(". A change is a regression only when it exceeds the threshold and the two runs'")
        .append(" 95% intervals do not overlap. Change points: E-divisive means with a")
        .append(" permutation test. Percentiles are exact; durations in ms, rates per second.")
        .append("</footer>\n</body>\n</html>\n");
    return out.toString();
  }

  /** One line per fingerprint: what changed, at a glance, with links to the sections. */
  private void overview() {
    out.append("<h2 id=\"overview\">Overview</h2>\n<div class=\"scroll\"><table>\n<tr>")
        .append("<th class=\"text\">Fingerprint</th><th>Workers</th><th>Runs</th>")
        .append("<th class=\"text\">First</th><th class=\"text\">Latest</th>")
        .append("<th class=\"text\">Baseline</th><th>Regressions vs baseline</th>")
        .append("<th>Improvements</th><th>Change points</th></tr>\n");
    for (TrendAnalysis.Group g : t.groups()) {
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
      long shifts = g.series().stream().mapToLong(s -> s.changePoints().size()).sum();
      out.append("<tr><td class=\"text\"><a href=\"#fp-")
          .append(esc(g.fingerprint()))
          .append("\"><code>")
          .append(esc(g.fingerprint()))
          .append("</code></a></td><td>")
          .append(last.workers() == null ? "–" : last.workers().toString())
          .append("</td><td>")
          .append(g.runs().size())
          .append("</td><td class=\"text\">")
          .append(esc(DAY.format(instant(first.t0Ns()))))
          .append("</td><td class=\"text\">")
          .append(esc(DAY.format(instant(last.t0Ns()))))
          .append(" <code>")
          .append(esc(last.runId()))
          .append("</code></td><td class=\"text\">")
          .append(
              g.baselineRunId() == null ? "none" : "<code>" + esc(g.baselineRunId()) + "</code>")
          .append("</td><td class=\"")
          .append(reg > 0 ? "failed" : "")
          .append("\">")
          .append(g.baselineRunId() == null ? "–" : Long.toString(reg))
          .append("</td><td>")
          .append(g.baselineRunId() == null ? "–" : Long.toString(imp))
          .append("</td><td>")
          .append(shifts)
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  private void group(TrendAnalysis.Group g, Map<ChartData, byte[]> charts) {
    out.append("<h2 id=\"fp-")
        .append(esc(g.fingerprint()))
        .append("\">Fingerprint <code>")
        .append(esc(g.fingerprint()))
        .append("</code> · ")
        .append(g.runs().size())
        .append(g.runs().size() == 1 ? " run" : " runs")
        .append("</h2>\n<p class=\"meta\"><code>")
        .append(esc(g.fingerprintJson()))
        .append("</code></p>\n");
    comparison(g);
    changePoints(g);
    runTable(g);
    String prefix = TrendCharts.idPrefix(g);
    List<Map.Entry<ChartData, byte[]>> own =
        charts.entrySet().stream().filter(e -> e.getKey().id().startsWith(prefix)).toList();
    if (own.isEmpty()) {
      out.append("<p class=\"meta\">No charts: a history of ")
          .append(g.runs().size())
          .append(g.runs().size() == 1 ? " run" : " runs")
          .append(" is read from the table (charts from ")
          .append(TrendCharts.MIN_RUNS_FOR_CHARTS)
          .append(" runs).</p>\n");
    }
    for (Map.Entry<ChartData, byte[]> c : own) {
      figure(c.getKey(), c.getValue());
    }
  }

  private void comparison(TrendAnalysis.Group g) {
    TrendAnalysis.Run cur = runs.get(g.currentRunId());
    if (g.baselineRunId() == null) {
      out.append("<p class=\"meta\">No baseline: no earlier run of this fingerprint passed its")
          .append(" gates.</p>\n");
    } else {
      TrendAnalysis.Run base = runs.get(g.baselineRunId());
      out.append("<h3>Baseline <code>")
          .append(esc(base.runId()))
          .append("</code> (")
          .append(esc(DAY.format(instant(base.t0Ns()))))
          .append(", ")
          .append(esc(sha(base)))
          .append(") | Current <code>")
          .append(esc(cur.runId()))
          .append("</code> (")
          .append(esc(DAY.format(instant(cur.t0Ns()))))
          .append(", ")
          .append(esc(sha(cur)))
          .append(")</h3>\n");
      comparisonTable(g.vsBaseline(), "Baseline", "Current");
    }
    if (!g.vsPrevious().isEmpty()) {
      out.append("<h3>Previous run <code>")
          .append(esc(g.vsPrevious().get(0).fromRun()))
          .append("</code> | Current</h3>\n");
      comparisonTable(g.vsPrevious(), "Previous", "Current");
    }
  }

  private void comparisonTable(List<TrendAnalysis.Comparison> rows, String from, String to) {
    out.append(
            "<div class=\"scroll\"><table class=\"compare\">\n<tr><th class=\"text\">Metric</th>")
        .append("<th>")
        .append(from)
        .append("</th><th>")
        .append(to)
        .append("</th><th>Change</th><th class=\"text\">Verdict</th></tr>\n");
    for (TrendAnalysis.Comparison c : rows) {
      out.append("<tr><td class=\"text\">")
          .append(esc(c.label()))
          .append("</td><td>")
          .append(esc(value(c.from(), c.fromAtLeast(), c.unit())))
          .append("</td><td>")
          .append(esc(value(c.to(), c.toAtLeast(), c.unit())))
          .append("</td><td>")
          .append(esc(change(c)))
          .append("</td><td class=\"text ")
          .append(verdictClass(c))
          .append("\">")
          .append(esc(verdict(c)))
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  /**
   * A verdict in words. Where a run has only a bound and the other's value is within the threshold
   * of it, say what happened (the knee appeared or went) rather than "no data".
   */
  private static String verdict(TrendAnalysis.Comparison c) {
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
  private static String knee(TrendAnalysis.ScalingPoint p) {
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
  private static String verdictClass(TrendAnalysis.Comparison c) {
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

  private void changePoints(TrendAnalysis.Group g) {
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
                DAY.format(instant(r.t0Ns())),
                sha(r),
                Format.num(c.pValue())));
      }
    }
    out.append("<h3>Change points</h3>\n");
    if (items.isEmpty()) {
      out.append("<p class=\"meta\">None found")
          .append(
              g.runs().size() < 6
                  ? " (a series needs at least 6 runs before a shift can be told from noise)"
                  : "")
          .append(".</p>\n");
      return;
    }
    out.append("<ul class=\"changes\">\n");
    for (String i : items) {
      out.append("<li>").append(esc(i)).append("</li>\n");
    }
    out.append("</ul>\n");
  }

  private void runTable(TrendAnalysis.Group g) {
    out.append("<h3>Runs</h3>\n<div class=\"scroll\"><table class=\"runs\">\n<tr>")
        .append("<th class=\"text\">Run</th><th class=\"text\">Start (UTC)</th>")
        .append("<th class=\"text\">Gateway SHA</th><th class=\"text\">Worker SHA</th>")
        .append("<th>Workers</th><th class=\"text\">Gates</th>");
    for (TrendAnalysis.Series s : g.series()) {
      out.append("<th>")
          .append(esc(s.label()))
          .append(" (")
          .append(esc(unit(s.unit())))
          .append(")</th>");
    }
    out.append("</tr>\n");
    for (int i = 0; i < g.runs().size(); i++) {
      TrendAnalysis.Run r = g.runs().get(i);
      boolean baseline = r.runId().equals(g.baselineRunId());
      out.append(baseline ? "<tr class=\"baseline\">" : "<tr>")
          .append("<td class=\"text nowrap\"><code>")
          .append(esc(r.runId()))
          .append("</code>")
          .append(baseline ? " (baseline)" : "")
          .append("</td><td class=\"text nowrap\">")
          .append(esc(DAY.format(instant(r.t0Ns()))))
          .append("</td><td class=\"text nowrap\">")
          .append(esc(Objects.requireNonNullElse(r.gatewaySha(), "–")))
          .append("</td><td class=\"text nowrap\">")
          .append(esc(Objects.requireNonNullElse(r.workerSha(), "–")))
          .append("</td><td>")
          .append(r.workers() == null ? "–" : r.workers().toString())
          .append("</td><td class=\"text ")
          .append(r.gatesPassed() ? "passed\">passed" : "failed\">failed")
          .append("</td>");
      for (TrendAnalysis.Series s : g.series()) {
        final int k = i;
        boolean shift = s.changePoints().stream().anyMatch(c -> c.index() == k);
        out.append(shift ? "<td class=\"shift\" title=\"a shift begins here\">" : "<td>")
            .append(
                esc(
                    s.points().get(i).isNever()
                        ? "never"
                        : value(s.points().get(i).value(), s.points().get(i).atLeast(), s.unit())))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table></div>\n");
  }

  private void scaling(Map<ChartData, byte[]> charts) {
    if (t.scaling().isEmpty()) {
      return;
    }
    out.append("<h2 id=\"scaling\">Scaling across workers</h2>\n");
    for (TrendAnalysis.Scaling s : t.scaling()) {
      out.append("<p class=\"meta\">Runs of the same scenario, environment and workload at")
          .append(" different worker counts (sweep <code>")
          .append(esc(s.sweepKey()))
          .append(
              "</code>). Throughput at N workers is the highest achieved rate of the run.</p>\n");
      out.append("<div class=\"scroll\"><table>\n<tr><th>Workers</th><th class=\"text\">Run</th>")
          .append("<th>Throughput (rps)</th><th>Knee: offered (achieved) rps</th>")
          .append("<th>p95 service at peak (ms)</th><th>Capacity per worker (rps)</th>")
          .append("<th class=\"text\">Saturated</th>")
          .append(s.fit() == null ? "" : "<th>USL fit (rps)</th>")
          .append("</tr>\n");
      for (TrendAnalysis.ScalingPoint p : s.points()) {
        out.append("<tr><td>")
            .append(p.workers())
            .append("</td><td class=\"text\"><code>")
            .append(esc(p.runId()))
            .append("</code></td><td>")
            .append(Format.num(p.throughputRps()))
            .append("</td><td>")
            .append(esc(knee(p)))
            .append("</td><td>")
            .append(Format.num(p.p95ServiceMs()))
            .append("</td><td>")
            .append(Format.num(p.capacityPerWorkerRps()))
            .append("</td><td class=\"text\">")
            .append(p.saturated() ? "yes (knee reached)" : "no: lower bound")
            .append("</td>");
        if (s.fit() != null) {
          out.append("<td>").append(Format.num(s.fit().throughput(p.workers()))).append("</td>");
        }
        out.append("</tr>\n");
      }
      out.append("</table></div>\n")
          .append("<p class=\"meta\">The knee is the first plateau where queueing set in: the")
          .append(" load offered there was already above what the workers could complete, so it")
          .append(" can exceed the throughput; what that plateau achieved is in brackets.</p>\n");
      Usl fit = s.fit();
      if (fit != null && !fit.isDetermined()) {
        out.append("<div class=\"verdict\">\n");
        fact(
            "USL fit",
            "underdetermined",
            fit.points()
                + " worker counts for "
                + Usl.PARAMETERS
                + " parameters: the curve meets every point; σ, κ and the peak are not estimates");
        out.append("</div>\n");
      } else if (fit != null) {
        out.append("<div class=\"verdict\">\n");
        fact("σ (contention)", Format.num(fit.sigma()), "share of work that serialises");
        fact("κ (coherency)", Format.num(fit.kappa()), "cost of crosstalk between workers");
        fact(
            "max useful workers",
            fit.peakWorkers().isPresent()
                ? Integer.toString(fit.peakWorkers().getAsInt())
                : "no limit seen",
            fit.peakWorkers().isPresent()
                ? "throughput peaks at " + Format.num(fit.peakThroughput()) + " rps"
                : "no coherency cost measured (κ = 0)");
        fact(
            "fit",
            "R² " + Format.num(fit.rSquared()),
            fit.points() + " worker counts, λ = " + Format.num(fit.lambda()) + " rps");
        out.append("</div>\n");
      }
      if (!s.replicas().isEmpty()) {
        out.append("<h3>Workers for target loads</h3>\n<table>\n<tr><th>Target (rps)</th>")
            .append("<th>USL</th><th>Linear</th><th class=\"text\">Note</th></tr>\n");
        for (TrendAnalysis.Replicas r : s.replicas()) {
          out.append("<tr><td>")
              .append(Format.num(r.targetRps()))
              .append("</td><td>")
              .append(r.uslWorkers() == null ? "–" : r.uslWorkers().toString())
              .append("</td><td>")
              .append(r.linearWorkers() == null ? "–" : r.linearWorkers().toString())
              .append("</td><td class=\"text\">")
              .append(esc(r.note()))
              .append("</td></tr>\n");
        }
        out.append("</table>\n<p class=\"meta\">USL: the smallest worker count whose fitted")
            .append(" throughput reaches the target. Linear: the smallest sweep point's rate per")
            .append(" worker times N, which ignores contention and coherency.</p>\n");
      }
      if (!s.notes().isEmpty()) {
        out.append("<ul class=\"warnings\">\n");
        for (String note : s.notes()) {
          out.append("<li>").append(esc(note)).append("</li>\n");
        }
        out.append("</ul>\n");
      }
      String id = TrendCharts.scalingId(s);
      charts.entrySet().stream()
          .filter(e -> e.getKey().id().equals(id))
          .forEach(e -> figure(e.getKey(), e.getValue()));
    }
  }

  private void measuredTable() {
    out.append("<h2 id=\"measured\">Measured baselines</h2>\n");
    if (measured.isEmpty()) {
      out.append("<p class=\"meta\">No run has k6 request durations or jobs.</p>\n");
      return;
    }
    out.append("<p class=\"meta\">Exact percentiles over each whole run (warm-up included), per k6")
        .append(" scenario: the table teams otherwise fill by hand. Also in")
        .append(" <code>measured-baseline.md</code> and <code>.csv</code>.</p>\n")
        .append("<div class=\"scroll\"><table>\n<tr><th class=\"text\">Run</th>")
        .append("<th class=\"text\">Date (UTC)</th><th class=\"text\">Commit</th>")
        .append("<th class=\"text\">Metric</th><th class=\"text\">Scenario</th><th>Count</th>")
        .append("<th>p50 (ms)</th><th>p95 (ms)</th><th>p99 (ms)</th><th>Error rate</th></tr>\n");
    for (MeasuredBaseline m : measured) {
      TrendAnalysis.Run r = runs.get(m.runId());
      LatencyStats s = m.stats();
      out.append("<tr><td class=\"text\"><code>")
          .append(esc(m.runId()))
          .append("</code></td><td class=\"text\">")
          .append(r == null ? "" : esc(DAY.format(instant(r.t0Ns()))))
          .append("</td><td class=\"text\">")
          .append(r == null ? "" : esc(sha(r)))
          .append("</td><td class=\"text\">")
          .append(esc(m.metric()))
          .append("</td><td class=\"text\">")
          .append(esc(m.scenario().isEmpty() ? "(none)" : m.scenario()))
          .append("</td><td>")
          .append(s.count())
          .append("</td><td>")
          .append(Format.num(s.p50()))
          .append("</td><td>")
          .append(Format.num(s.p95()))
          .append("</td><td>")
          .append(Format.num(s.p99()))
          .append("</td><td>")
          .append(Double.isNaN(m.errorRate()) ? "–" : percent(m.errorRate()))
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  private void figure(ChartData chart, byte[] png) {
    io.hopscope.reports.html.Html.figure(out, chart, png);
  }

  private void fact(String label, String value, String note) {
    io.hopscope.reports.html.Html.fact(out, label, value, note);
  }

  private static String css() {
    return io.hopscope.reports.html.Html.css()
        + "tr.baseline td { background: #eef5ff; }\n"
        + "td.shift { background: #fff4e0; font-weight: bold; }\n"
        + "td.nowrap { white-space: nowrap; }\n";
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

  private static Instant instant(long ns) {
    return Instant.ofEpochSecond(
        Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  private static String sha(TrendAnalysis.Run r) {
    String s = r.gatewaySha() != null ? r.gatewaySha() : r.workerSha();
    return s == null ? "no SHA in spec" : s;
  }

  private static String unit(Unit u) {
    return u == Unit.RATIO ? "%" : u.symbol();
  }

  /** A value, or for a run with only a lower bound "none up to" it. */
  private static String value(double v, double atLeast, Unit unit) {
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

  private static String percent(double v) {
    return Format.num(v * 100) + "%";
  }

  private static String change(TrendAnalysis.Comparison c) {
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
