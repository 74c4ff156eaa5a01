package io.hopscope.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.HttpWindow;
import io.hopscope.analytics.core.InputCounts;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.RunFacts;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Timeline;
import io.hopscope.analytics.core.WindowAggregate;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A small hand-made analysed run for report tests: 3 plateaus, the last one saturated. */
final class SampleAnalysis {
  static final long T0 = 1_767_225_600_000_000_000L;

  private SampleAnalysis() {}

  static RunSpec spec(String scenario) {
    return RunSpecReader.parse(
        "inline",
        // Sorted keys: Map.of iterates in a different order in every JVM.
        new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .valueToTree(
                Map.of(
                    "test_run",
                    Map.of(
                        "system_under_test",
                        Map.of("gateway_sha", scenario),
                        "scenario",
                        Map.of(
                            "name",
                            scenario,
                            "warmup_seconds",
                            2,
                            "stages",
                            List.of(
                                Map.of("rps", 10, "duration_seconds", 4),
                                Map.of("rps", 20, "duration_seconds", 4),
                                Map.of("rps", 30, "duration_seconds", 4))),
                        "gates",
                        Map.of("slo_ms_p95_hop", 100)))));
  }

  static RunAnalysis analysis(String runId, String scenario) {
    return analysis(runId, scenario, null);
  }

  /**
   * The sample run; with {@code route} non-null, the first plateau also has k6 requests of that
   * scenario and request name (tags come from inputs: tests feed hostile text through them).
   */
  static RunAnalysis analysis(String runId, String scenario, String route) {
    RunSpec spec = spec(scenario);
    Schedule s = Schedule.of(T0, 2, spec.stages());
    Map<Integer, WindowAggregate> w = new HashMap<>();
    w.put(0, agg(0, 40, 40, 10, 1, 9));
    if (route != null) {
      WindowAggregate a = w.get(0);
      HttpWindow http =
          new HttpWindow(
              stats(12, 40),
              40,
              2,
              40,
              38,
              40,
              0,
              Map.of("202", 38L, "503", 2L),
              Map.of(route, 2L),
              List.of(
                  new RouteStats(
                      route,
                      route,
                      stats(12, 40),
                      40,
                      2,
                      List.of(new RouteStats.Failure("503", "", "", 2)))),
              3,
              10);
      w.put(
          0,
          new WindowAggregate(
              0, a.jobs(), a.completions(), a.hop(), a.queueDelay(), a.service(), http));
    }
    w.put(1, agg(1, 80, 80, 14, 4, 10));
    w.put(2, agg(2, 120, 96, 900, 880, 20));
    // Seconds 0..16: arrivals follow the plateaus; claims fall behind in the last one.
    long[] arr = {10, 10, 10, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30, 0, 0, 0};
    long[] cla = {10, 10, 10, 10, 10, 10, 20, 20, 20, 20, 24, 24, 24, 24, 12, 12, 0};
    long[] don = cla.clone();
    Timeline t = new Timeline(T0, 0, arr, cla, don);
    RunFacts f =
        new RunFacts(
            runId,
            scenario,
            s,
            w,
            t,
            Map.of(),
            new InputCounts(240, 0, 0, 3),
            GateConfig.from(Map.of(GateConfig.SLO_MS_P95_HOP, 100.0)),
            OptionalDouble.of(30),
            List.of("3 done-stream entries were rejected (see the rejects table), 240 kept"));
    return RunAnalyzer.analyze(f);
  }

  private static WindowAggregate agg(
      int i, long jobs, long done, double hop, double q, double svc) {
    return new WindowAggregate(i, jobs, done, stats(hop, jobs), stats(q, jobs), stats(svc, jobs));
  }

  private static LatencyStats stats(double base, long n) {
    return new LatencyStats(
        base, base * 1.5, base * 2, base * 3, base * 4, base * 1.2, base * 5, n);
  }

  static ReportContext context(RunSpec spec, String sourcesJson) {
    return new ReportContext(
        spec,
        GateConfig.from(Map.of(GateConfig.SLO_MS_P95_HOP, 100.0)),
        io.hopscope.ingest.SourceRecord.parse(sourcesJson),
        "0.1.0-test",
        Instant.parse("2026-11-22T12:00:00Z"));
  }
}
