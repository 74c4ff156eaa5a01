package io.hopscope.analytics.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The small typed result of the scans of one run, from which {@link RunAnalyzer} decides everything
 * else.
 *
 * @param windows aggregates per window index (windows without jobs may be absent)
 * @param driftThirds p95 hop of the first and last third of each plateau long enough for the drift
 *     gate: window index → {first, last}
 * @param specTargetRps the largest load the spec plans for, when it names one
 * @param warnings what earlier steps (ingest) want the reader to know
 * @param buckets latency per time slice of the measured period, in time order
 * @param memorySeries Prometheus memory series (RSS, working set, heap) within the longest plateau:
 *     series → samples of {time in hours since t0, value}, in time order
 * @param k6Summary k6's end-of-test summary, when one was ingested
 * @param checks k6's checks over the run (from its check samples, else from the summary)
 */
public record RunFacts(
    String runId,
    String scenario,
    Schedule schedule,
    Map<Integer, WindowAggregate> windows,
    Timeline timeline,
    Map<Integer, double[]> driftThirds,
    InputCounts inputs,
    GateConfig gates,
    OptionalDouble specTargetRps,
    List<String> warnings,
    List<TimeBucket> buckets,
    Map<String, double[][]> memorySeries,
    java.util.Optional<K6Summary> k6Summary,
    List<K6Summary.Check> checks) {

  /** Facts of a run with neither memory series nor a k6 summary nor checks. */
  public RunFacts(
      String runId,
      String scenario,
      Schedule schedule,
      Map<Integer, WindowAggregate> windows,
      Timeline timeline,
      Map<Integer, double[]> driftThirds,
      InputCounts inputs,
      GateConfig gates,
      OptionalDouble specTargetRps,
      List<String> warnings,
      List<TimeBucket> buckets) {
    this(
        runId,
        scenario,
        schedule,
        windows,
        timeline,
        driftThirds,
        inputs,
        gates,
        specTargetRps,
        warnings,
        buckets,
        Map.of(),
        java.util.Optional.empty(),
        List.of());
  }

  /** Facts without time buckets. */
  public RunFacts(
      String runId,
      String scenario,
      Schedule schedule,
      Map<Integer, WindowAggregate> windows,
      Timeline timeline,
      Map<Integer, double[]> driftThirds,
      InputCounts inputs,
      GateConfig gates,
      OptionalDouble specTargetRps,
      List<String> warnings) {
    this(
        runId,
        scenario,
        schedule,
        windows,
        timeline,
        driftThirds,
        inputs,
        gates,
        specTargetRps,
        warnings,
        List.of());
  }

  public RunFacts {
    checks = checks == null ? List.of() : List.copyOf(checks);
    Objects.requireNonNull(runId);
    Objects.requireNonNull(schedule);
    windows = Map.copyOf(windows);
    Objects.requireNonNull(timeline);
    driftThirds = Map.copyOf(driftThirds);
    Objects.requireNonNull(inputs);
    Objects.requireNonNull(gates);
    Objects.requireNonNull(specTargetRps);
    warnings = List.copyOf(warnings);
    buckets = List.copyOf(buckets);
    memorySeries = Map.copyOf(memorySeries);
  }
}
