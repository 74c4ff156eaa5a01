package io.hopscope.reports.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.analytics.core.Burst;
import io.hopscope.analytics.core.DepthStats;
import io.hopscope.analytics.core.Drain;
import io.hopscope.analytics.core.Drift;
import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.HistogramQuantile;
import io.hopscope.analytics.core.HttpWindow;
import io.hopscope.analytics.core.Knee;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.LostJobs;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.QueueCheck;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Sizing;
import io.hopscope.analytics.core.SloCrossing;
import io.hopscope.analytics.core.Telemetry;
import io.hopscope.analytics.core.Trend;
import io.hopscope.analytics.core.Window;
import io.hopscope.reports.ReportContext;
import java.time.format.DateTimeFormatter;

/**
 * summary.json, the contract in DESIGN.md: durations in milliseconds, rates per second, fields in a
 * fixed order. Fields may be added; none of the contract's may be renamed or dropped.
 *
 * <p>Its size is the summary.json contract, field by field, in one place so its order and names can
 * be read against DESIGN.md.
 */
public final class SummaryJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJson() {}

  /** The file, {@code summary.json}. */
  public static io.hopscope.reports.OutputFile file(RunAnalysis a, ReportContext ctx) {
    return io.hopscope.reports.OutputFile.of("summary.json", w -> w.write(render(a, ctx)));
  }

  public static String render(RunAnalysis a, ReportContext ctx) {
    try {
      return JSON.writeValueAsString(tree(a, ctx)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render summary.json", e);
    }
  }

  public static ObjectNode tree(RunAnalysis a, ReportContext ctx) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", a.runId());
    root.put("scenario", a.scenario());
    root.put("generated_at", DateTimeFormatter.ISO_INSTANT.format(ctx.generatedAt()));
    root.put("hopscope_version", ctx.hopscopeVersion());
    ObjectNode inputs = root.putObject("inputs");
    inputs.put("jobs", a.inputs().jobs());
    inputs.put("k6_points", a.inputs().k6Points());
    inputs.put("prom_samples", a.inputs().promSamples());
    inputs.put("rejected", a.inputs().rejected());
    ObjectNode schedule = root.putObject("schedule");
    schedule.put("t0_ns", a.schedule().t0Ns());
    schedule.put("warmup_seconds", a.schedule().warmupNs() / 1e9);
    schedule.put("measure_start_ns", a.schedule().measureStartNs());
    schedule.put("load_end_ns", a.schedule().loadEndNs());
    schedule.put("inferred", a.schedule().isInferred());
    schedule.put("inferred_from", a.schedule().inferredFrom().orElse(null));
    ArrayNode plateaus = root.putArray("plateaus");
    for (PlateauResult p : a.plateaus()) {
      plateaus.add(plateau(p));
    }
    Knee knee = a.knee().orElse(null);
    if (knee == null) {
      root.putNull("knee");
    } else {
      ObjectNode k = root.putObject("knee");
      k.put("plateau_index", knee.plateauIndex());
      k.put("offered_rps", knee.offeredRps());
      k.put("reason", knee.reason());
      ArrayNode signals = k.putArray("signals");
      knee.signals().forEach(signals::add);
      if (knee.kneedlePlateau() == null) {
        k.putNull("kneedle_plateau_index");
      } else {
        k.put("kneedle_plateau_index", knee.kneedlePlateau());
      }
    }
    java.util.Optional<SloCrossing> crossing = a.sloCrossing(ctx.gates().sloMsP95Hop());
    if (crossing.isEmpty()) {
      root.putNull("slo_crossing");
    } else {
      ObjectNode c = root.putObject("slo_crossing");
      c.put("plateau_index", crossing.get().plateauIndex());
      c.put("offered_rps", crossing.get().offeredRps());
      c.put("p95_ms", crossing.get().p95Ms());
      c.put("slo_ms", crossing.get().sloMs());
      JsonNumbers.put(c, "last_within_rps", crossing.get().lastWithinRps());
    }
    Sizing sizing = a.sizing().orElse(null);
    if (sizing == null) {
      root.putNull("sizing");
    } else {
      ObjectNode s = root.putObject("sizing");
      s.put("mean_service_ms", sizing.meanServiceMs());
      s.put("capacity_per_worker_rps", sizing.capacityPerWorkerRps());
      ArrayNode recs = s.putArray("recommendations");
      for (Sizing.Recommendation r : sizing.recommendations()) {
        ObjectNode o = recs.addObject();
        o.put("lambda_rps", r.lambdaRps());
        o.put("utilization", r.utilization());
        o.put("workers", r.workers());
        o.put("basis", r.basis());
      }
      Sizing.TailAware t = sizing.tailAware();
      if (t == null) {
        s.putNull("tail_aware");
      } else {
        ObjectNode ta = s.putObject("tail_aware");
        ta.put(
            "model", "Erlang C (M/M/c) with the Allen-Cunneen correction for service variability");
        JsonNumbers.put(ta, "service_cv", t.serviceCv());
        ta.put("queue_limit_ms", t.queueLimitMs());
        ta.put("limit_basis", t.limitBasis());
        ArrayNode counts = ta.putArray("counts");
        for (Sizing.TailCount c : t.counts()) {
          ObjectNode o = counts.addObject();
          o.put("lambda_rps", c.lambdaRps());
          o.put("workers", c.workers());
          o.put("predicted_p95_queue_ms", c.predictedP95QueueMs());
          o.put("basis", c.basis());
        }
      }
    }
    ObjectNode d = root.putObject("drain");
    d.put("load_end_ns", a.schedule().loadEndNs());
    Drain drain = a.drain().orElse(null);
    if (drain == null) {
      d.putNull("drain_seconds");
      d.put("note", "no job timestamps: the queue cannot be rebuilt");
    } else {
      JsonNumbers.put(d, "drain_seconds", drain.drainSeconds());
      d.put("baseline_depth", drain.baselineDepth());
      d.put("depth_at_load_end", drain.depthAtLoadEnd());
    }
    java.util.Optional<LostJobs> lost = a.lostJobs();
    if (lost.isPresent()) {
      ObjectNode l = root.putObject("lost_jobs");
      l.put("accepted", lost.get().accepted());
      l.put("completed", lost.get().completed());
      l.put("lost", lost.get().lost());
    } else {
      root.putNull("lost_jobs");
    }
    ArrayNode bursts = root.putArray("bursts");
    for (Burst b : a.bursts()) {
      ObjectNode o = bursts.addObject();
      o.put("plateau_index", b.windowIndex());
      JsonNumbers.put(o, "offered_rps", b.offeredRps());
      JsonNumbers.put(o, "service_rate_rps", b.serviceRateRps());
      JsonNumbers.put(o, "after_rps", b.afterRps());
      o.put("depth_before", b.depthBefore());
      o.put("depth_at_end", b.depthAtEnd());
      o.put("peak_depth", b.peakDepth());
      JsonNumbers.put(o, "drain_seconds", b.drainSeconds());
      JsonNumbers.put(o, "predicted_drain_seconds", b.predictedDrainSeconds());
      JsonNumbers.put(o, "p99_hop_ms", b.p99HopMs());
      JsonNumbers.put(o, "p99_hop_after_ms", b.p99HopAfterMs());
    }
    ObjectNode drift = root.putObject("drift");
    if (a.drift() != null && a.drift().windowIndex() != null) {
      drift.put("plateau_index", a.drift().windowIndex());
    } else {
      drift.putNull("plateau_index");
    }
    trend(drift, "p95_latency", a.drift() == null ? null : a.drift().latency());
    trend(drift, "p95_service", a.drift() == null ? null : a.drift().service());
    ArrayNode memory = drift.putArray("memory");
    if (a.drift() != null) {
      for (io.hopscope.analytics.core.Drift.MemoryTrend m : a.drift().memory()) {
        ObjectNode o = memory.addObject();
        o.put("series", m.series());
        o.put("samples", m.trend().n());
        JsonNumbers.put(o, "slope_per_hour", m.trend().slope());
        JsonNumbers.put(o, "relative_per_hour", m.trend().relativePerUnit());
        JsonNumbers.put(o, "growth_over_plateau", m.growth());
        JsonNumbers.put(o, "p_value", m.trend().pValue());
        o.put("significant", m.trend().significant(Drift.ALPHA));
      }
    }
    ArrayNode gates = root.putArray("gates");
    for (GateResult g : a.gates().results()) {
      ObjectNode o = gates.addObject();
      o.put("name", g.name());
      o.put("passed", g.passed());
      JsonNumbers.put(o, "observed", g.observed());
      JsonNumbers.put(o, "limit", g.limit());
      o.put("detail", g.detail());
    }
    root.put("gates_passed", a.gates().allPassed());
    ArrayNode skipped = root.putArray("gates_not_evaluated");
    a.gates().notEvaluated().forEach(s -> skipped.add(s.text()));
    if (a.k6Summary().isPresent()) {
      io.hopscope.analytics.core.K6Summary k = a.k6Summary().get();
      ObjectNode ks = root.putObject("k6_summary");
      JsonNumbers.put(ks, "duration_ms", k.durationMs());
      ObjectNode metrics = ks.putObject("metrics");
      k.metrics()
          .forEach(
              (m, stats) -> {
                ObjectNode o = metrics.putObject(m);
                stats.forEach((st, v) -> JsonNumbers.put(o, st, v));
              });
      checks(ks.putArray("checks"), k.checks());
    } else {
      root.putNull("k6_summary");
    }
    checks(root.putArray("k6_checks"), a.checks());
    ArrayNode warnings = root.putArray("warnings");
    a.warnings().forEach(w -> warnings.add(w.text()));
    return root;
  }

  /** k6 checks as {name, group, passes, fails}. */
  private static void checks(
      ArrayNode out, java.util.List<io.hopscope.analytics.core.K6Summary.Check> cs) {
    for (io.hopscope.analytics.core.K6Summary.Check c : cs) {
      out.addObject()
          .put("name", c.name())
          .put("group", c.group())
          .put("passes", c.passes())
          .put("fails", c.fails());
    }
  }

  private static ObjectNode plateau(PlateauResult p) {
    Window w = p.window();
    ObjectNode o = JSON.createObjectNode();
    o.put("index", w.index());
    o.put("kind", w.kind().label());
    o.put("start_ns", w.startNs());
    o.put("end_ns", w.endNs());
    o.put("duration_s", w.durationS());
    o.put("target_rps", w.targetRps());
    o.put("start_rps", w.startRps());
    o.put("end_rps", w.endRps());
    JsonNumbers.put(o, "offered_rps", p.offeredRps());
    o.put("achieved_rps", p.achievedRps());
    JsonNumbers.put(o, "job_arrival_rps", p.jobArrivalRps());
    JsonNumbers.put(o, "started_rps", p.startedRps());
    o.put("below_schedule", p.belowSchedule());
    o.put("cut_short", p.cutShort());
    o.put("jobs", p.jobs());
    stats(o, "hop_ms", p.hop());
    stats(o, "queue_delay_ms", p.queueDelay());
    stats(o, "service_ms", p.service());
    stats(o, "http_ms", p.hasHttp() ? p.http().duration() : null);
    JsonNumbers.put(o, "error_rate", p.errorRate());
    DepthStats depth = p.depth();
    if (depth == null) {
      o.putNull("queue_depth");
    } else {
      ObjectNode q = o.putObject("queue_depth");
      q.put("start", depth.start());
      q.put("end", depth.end());
      q.put("max", depth.max());
      q.put("slope_per_s", depth.slopePerS());
      JsonNumbers.put(q, "mean", depth.mean());
      JsonNumbers.put(q, "slope_p_value", depth.slopePValue());
    }
    QueueCheck check = p.queueCheck();
    if (check == null) {
      o.putNull("queue_check");
    } else {
      ObjectNode c = o.putObject("queue_check");
      JsonNumbers.put(c, "mean_depth", check.meanDepth());
      JsonNumbers.put(c, "little_depth", check.littleDepth());
      JsonNumbers.put(c, "little_gap", check.littleGap());
      JsonNumbers.put(c, "gauge_mean", check.gaugeMean());
      JsonNumbers.put(c, "gauge_gap", check.gaugeGap());
    }
    k6(o, p.http(), w.durationS());
    telemetry(o, p.telemetry());
    return o;
  }

  private static void k6(ObjectNode parent, HttpWindow h, double seconds) {
    if (h == null) {
      parent.putNull("k6");
      return;
    }
    ObjectNode k = parent.putObject("k6");
    k.put("requests", h.requests());
    k.put("failed", h.failed());
    k.put("accepted", h.accepted());
    k.put("accepted_rps", h.accepted() / seconds);
    k.put("requests_rps", h.requests() / seconds);
    k.put("iterations", h.iterations());
    k.put("iterations_rps", h.iterations() / seconds);
    k.put("dropped_iterations", h.dropped());
    JsonNumbers.put(k, "max_vus", h.maxVus());
    JsonNumbers.put(k, "max_vus_max", h.maxVusMax());
    ObjectNode status = k.putObject("by_status");
    new java.util.TreeMap<>(h.byStatus()).forEach(status::put);
    ObjectNode codes = k.putObject("by_error_code");
    new java.util.TreeMap<>(h.byErrorCode()).forEach(codes::put);
    ArrayNode routes = k.putArray("routes");
    for (RouteStats r : h.routes()) {
      ObjectNode o = routes.addObject();
      o.put("scenario", r.scenario());
      o.put("name", r.name());
      o.put("requests", r.requests());
      o.put("failed", r.failed());
      o.put("error_rate", r.errorRate());
      ArrayNode failures = o.putArray("failures");
      for (RouteStats.Failure f : r.failures()) {
        failures
            .addObject()
            .put("status", f.status())
            .put("error_code", f.errorCode())
            .put("message", f.message())
            .put("count", f.count());
      }
      stats(o, "http_ms", r.duration());
    }
  }

  /** A Theil–Sen / Mann–Kendall trend per hour, or null. */
  private static void trend(ObjectNode parent, String name, Trend t) {
    if (t == null) {
      parent.putNull(name);
      return;
    }
    ObjectNode o = parent.putObject(name);
    o.put("buckets", t.n());
    JsonNumbers.put(o, "slope_ms_per_hour", t.slope());
    JsonNumbers.put(o, "relative_per_hour", t.relativePerUnit());
    o.put("mann_kendall_s", t.s());
    JsonNumbers.put(o, "p_value", t.pValue());
    o.put("significant", t.significant(Drift.ALPHA));
  }

  private static void telemetry(ObjectNode parent, Telemetry t) {
    if (t == null) {
      parent.putNull("telemetry");
      return;
    }
    ObjectNode o = parent.putObject("telemetry");
    ArrayNode series = o.putArray("series");
    for (Telemetry.SeriesStat s : t.series()) {
      ObjectNode x = series.addObject();
      x.put("series", s.series());
      x.put("counter", s.counter());
      x.put("samples", s.samples());
      JsonNumbers.put(x, "mean", s.mean());
      JsonNumbers.put(x, "max", s.max());
      JsonNumbers.put(x, "rate_per_s", s.ratePerS());
    }
    ArrayNode hs = o.putArray("histograms");
    for (Telemetry.HistogramStat h : t.histograms()) {
      ObjectNode x = hs.addObject();
      x.put("series", h.series());
      x.put("estimate", true);
      JsonNumbers.put(x, "count", h.count());
      estimate(x, "p50", h.p50());
      estimate(x, "p95", h.p95());
      estimate(x, "p99", h.p99());
    }
  }

  /** A histogram_quantile estimate with its bucket; a null upper bound is +Inf. */
  private static void estimate(ObjectNode parent, String name, HistogramQuantile.Estimate e) {
    ObjectNode o = parent.putObject(name);
    JsonNumbers.put(o, "value", e.value());
    JsonNumbers.put(o, "bucket_lower", e.lower());
    JsonNumbers.put(o, "bucket_upper", e.upper());
  }

  private static void stats(ObjectNode parent, String name, LatencyStats s) {
    if (s == null) {
      parent.putNull(name);
      return;
    }
    ObjectNode o = parent.putObject(name);
    o.put("p50", s.p50());
    o.put("p90", s.p90());
    o.put("p95", s.p95());
    o.put("p99", s.p99());
    o.put("p999", s.p999());
    o.put("mean", s.mean());
    o.put("max", s.max());
    o.put("count", s.count());
    if (s.ci() != null) {
      ObjectNode ci = o.putObject("ci95");
      interval(ci, "p95", s.ci().p95Lo(), s.ci().p95Hi());
      interval(ci, "p99", s.ci().p99Lo(), s.ci().p99Hi());
    }
  }

  /** A confidence interval as [low, high]; null when the sample is too small for one. */
  private static void interval(ObjectNode parent, String name, double lo, double hi) {
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      parent.putNull(name);
    } else {
      parent.putArray(name).add(lo).add(hi);
    }
  }
}
