package io.hopscope.analytics.core;

import java.util.List;
import java.util.Optional;

/**
 * One analysed run: the per-window results and the decisions made on them. This is what the reports
 * render and what summary.json carries.
 *
 * @param sizing empty when no job was measured
 * @param drain empty without jobs (k6-only runs)
 * @param buckets latency per time slice, for charts over time
 * @param drift trends across the measured period (soak)
 * @param bursts windows that outran the workers before a lighter one, with their recovery
 * @param k6Summary k6's end-of-test summary (metrics, checks), when one was ingested
 * @param checks k6's checks over the run: from its check samples, else from the summary (empty in
 *     analyses stored before they were kept)
 */
public record RunAnalysis(
    String runId,
    String scenario,
    InputCounts inputs,
    Schedule schedule,
    List<PlateauResult> plateaus,
    Optional<Knee> knee,
    Optional<Sizing> sizing,
    Optional<Drain> drain,
    Gates.Verdicts gates,
    List<Warning> warnings,
    Timeline timeline,
    List<TimeBucket> buckets,
    Drift drift,
    List<Burst> bursts,
    Optional<K6Summary> k6Summary,
    List<K6Summary.Check> checks) {

  public RunAnalysis {
    checks = checks == null ? List.of() : List.copyOf(checks);
    k6Summary = k6Summary == null ? Optional.empty() : k6Summary;
    bursts = bursts == null ? List.of() : List.copyOf(bursts);
    plateaus = List.copyOf(plateaus);
    warnings = List.copyOf(warnings);
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
  }

  /**
   * The run's error rate: failed over judged k6 requests, all plateaus together; empty when no
   * plateau has k6 failure data (the rate is unknown, not zero).
   */
  public java.util.OptionalDouble errorRate() {
    Double r = RunAnalyzer.runErrorRate(plateaus);
    return r == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(r);
  }

  /** Where p95 hop latency first exceeds the SLO, if it does; empty without an SLO. */
  public Optional<SloCrossing> sloCrossing(java.util.OptionalDouble sloMsP95Hop) {
    return sloMsP95Hop.isPresent()
        ? SloCrossing.find(plateaus, sloMsP95Hop.getAsDouble())
        : Optional.empty();
  }

  /** Jobs accepted by the gateway that never completed, when the run tells both. */
  public Optional<LostJobs> lostJobs() {
    return LostJobs.of(plateaus);
  }

  /** This analysis with more gate verdicts and warnings (baseline gates, k6 thresholds). */
  public RunAnalysis withGates(Gates.Verdicts more, List<String> moreWarnings) {
    List<Warning> w = new java.util.ArrayList<>(warnings);
    w.addAll(Warning.of(Warning.Kind.GATES, moreWarnings));
    return new RunAnalysis(
        runId,
        scenario,
        inputs,
        schedule,
        plateaus,
        knee,
        sizing,
        drain,
        gates.plus(more),
        w,
        timeline,
        buckets,
        drift,
        bursts,
        k6Summary,
        checks);
  }
}
