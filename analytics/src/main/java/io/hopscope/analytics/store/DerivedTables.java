package io.hopscope.analytics.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Sizing;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.warehouse.RunWrite;
import io.hopscope.ingest.warehouse.TableFamily;
import io.hopscope.ingest.warehouse.TableWriter;
import io.hopscope.ingest.warehouse.Warehouse;
import java.time.Instant;

/**
 * Writes the derived tables of an analysed run, {@code plateau_stats} and then {@code run_summary}
 * (the head of the family, naming the version), replacing the run's previous analysis as one
 * version.
 */
public final class DerivedTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What analyze derives for a run, replaced together; {@code run_summary} heads it. */
  public static final TableFamily FAMILY =
      new TableFamily(RunSummaryTable.TABLE, java.util.List.of(PlateauStatsTable.TABLE));

  private DerivedTables() {}

  /**
   * @param ingestWriteId the ingested version of the run the analysis was computed from
   */
  public static RunSummaryRow write(
      Warehouse wh,
      RunAnalysis a,
      RunSpec spec,
      Instant analyzedAt,
      String version,
      String ingestWriteId) {
    RunSummaryRow summary = summary(a, spec, analyzedAt, version);
    try (RunWrite w = wh.beginRun(new RunId(a.runId()), FAMILY)) {
      TableWriter<PlateauStatsRow> ps = w.open(PlateauStatsTable.TABLE);
      for (PlateauResult p : a.plateaus()) {
        stats(ps, p, "hop", p.hop());
        stats(ps, p, "queue_delay", p.queueDelay());
        stats(ps, p, "service", p.service());
        stats(ps, p, "http", p.hasHttp() ? p.http().duration() : null);
      }
      w.commit(
          RunSummaryTable.TABLE,
          c -> new RunSummaryTable.Head(summary, ingestWriteId, c.writeId(), c.snapshots()));
    }
    return summary;
  }

  static RunSummaryRow summary(RunAnalysis a, RunSpec spec, Instant analyzedAt, String version) {
    Fingerprint fp = Fingerprint.of(spec);
    int kneeIndex = a.knee().map(k -> k.plateauIndex()).orElse(Integer.MAX_VALUE);
    double maxP95 = Double.NaN;
    for (PlateauResult p : a.plateaus()) {
      double v = p.userLatencyMs(0.95);
      if (p.window().isPlateau() && p.index() < kneeIndex && !Double.isNaN(v)) {
        maxP95 = Double.isNaN(maxP95) ? v : Math.max(maxP95, v);
      }
    }
    Double errorRate = a.errorRate().isPresent() ? a.errorRate().getAsDouble() : null;
    Double drain = a.drain().map(d -> d.drainSeconds()).orElse(null);
    String specJson;
    try {
      specJson = JSON.writeValueAsString(spec.document());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new RunSummaryRow(
        a.scenario(),
        fp.hash(),
        fp.json(),
        a.schedule().t0Ns(),
        analyzedAt.getEpochSecond() * 1_000_000_000L + analyzedAt.getNano(),
        version,
        a.gates().allPassed(),
        a.knee().map(k -> k.plateauIndex()).orElse(null),
        a.knee().map(k -> k.offeredRps()).orElse(Double.NaN),
        a.sizing().map(Sizing::capacityPerWorkerRps).orElse(Double.NaN),
        a.sizing().map(Sizing::meanServiceMs).orElse(Double.NaN),
        errorRate == null ? Double.NaN : errorRate,
        drain == null ? Double.NaN : drain,
        maxP95,
        a.inputs().jobs(),
        a.inputs().k6Points(),
        a.inputs().rejected(),
        spec.text("/system_under_test/gateway_sha"),
        spec.text("/system_under_test/worker_sha"),
        spec.workers().isPresent() ? spec.workers().getAsInt() : null,
        specJson,
        AnalysisCodec.toJson(a));
  }

  private static void stats(
      TableWriter<PlateauStatsRow> out, PlateauResult p, String segment, LatencyStats s) {
    if (s == null) {
      return;
    }
    out.write(
        new PlateauStatsRow(
            p.index(),
            p.window().kind().label(),
            p.window().startNs(),
            p.window().endNs(),
            p.window().targetRps(),
            p.offeredRps(),
            p.achievedRps(),
            p.errorRate() == null ? Double.NaN : p.errorRate(),
            segment,
            s));
  }
}
