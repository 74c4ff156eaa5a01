package io.hopscope.reports.trend;

import static io.hopscope.reports.trend.TrendText.instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.analytics.core.ChangePoints;
import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.Usl;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.OutputFile;
import io.hopscope.reports.export.JsonNumbers;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code trend.json}: every series, comparison, change point and sweep, for machines. */
final class TrendJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final TrendAnalysis t;
  private final List<MeasuredBaseline> measured;
  private final TrendReport.Context ctx;

  private TrendJson(TrendAnalysis t, List<MeasuredBaseline> measured, TrendReport.Context ctx) {
    this.t = t;
    this.measured = measured;
    this.ctx = ctx;
  }

  static OutputFile file(
      TrendAnalysis t, List<MeasuredBaseline> measured, TrendReport.Context ctx) {
    return OutputFile.of("trend.json", w -> w.write(new TrendJson(t, measured, ctx).json()));
  }

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
}
