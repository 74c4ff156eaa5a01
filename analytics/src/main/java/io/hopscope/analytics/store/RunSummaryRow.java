package io.hopscope.analytics.store;

import java.util.Objects;

/**
 * One row of {@code run_summary}: the headline numbers of an analysed run, for trends and gates,
 * plus the whole analysis as JSON for re-rendering the report.
 *
 * @param fingerprint what makes runs comparable (scenario, workers, environment, workload), hashed;
 *     {@code fingerprintJson} is the readable form
 * @param maxP95HopMs the worst p95 hop (or k6 request duration) over the plateaus below the knee
 */
public record RunSummaryRow(
    String scenario,
    String fingerprint,
    String fingerprintJson,
    long t0Ns,
    long analyzedAtNs,
    String hopscopeVersion,
    boolean gatesPassed,
    Integer kneePlateau,
    double kneeOfferedRps,
    double capacityPerWorkerRps,
    double meanServiceMs,
    double errorRate,
    double drainSeconds,
    double maxP95HopMs,
    long jobs,
    long k6Points,
    long rejected,
    String gatewaySha,
    String workerSha,
    Integer workers,
    String specJson,
    String analysisJson) {
  public RunSummaryRow {
    Objects.requireNonNull(fingerprint);
    Objects.requireNonNull(analysisJson);
    Objects.requireNonNull(specJson);
  }
}
