package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * One analysed run as the trends see it: its stored analysis and what identifies it in a history.
 *
 * @param fingerprint runs with the same fingerprint (scenario, workers, environment, workload) are
 *     comparable
 * @param sweepKey the fingerprint without the worker count: runs with the same key and different
 *     workers form a worker sweep
 * @param workers the worker count from the spec, null when the spec does not say
 */
public record TrendInput(
    String runId,
    long t0Ns,
    String fingerprint,
    String fingerprintJson,
    String sweepKey,
    Integer workers,
    String gatewaySha,
    String workerSha,
    boolean gatesPassed,
    RunAnalysis analysis) {
  public TrendInput {
    Objects.requireNonNull(runId);
    Objects.requireNonNull(fingerprint);
    Objects.requireNonNull(sweepKey);
    Objects.requireNonNull(analysis);
  }
}
