package io.hopscope.ingest.warehouse;

import java.util.Objects;

/**
 * One row of the {@code runs} table: what a run is and where its evidence came from.
 *
 * @param startNs t0 of the schedule (spec start_ns, else the first enqueue), 0 when unknown
 * @param endNs the last timestamp seen in the run's evidence, 0 when unknown
 * @param specJson the run spec as JSON text
 * @param sourcesJson the inputs as a JSON array of {kind, uri, bytes, sha256, rows}
 */
public record RunManifest(
    String runId,
    String scenario,
    long startNs,
    long endNs,
    String specJson,
    String sourcesJson,
    long ingestedAtNs,
    String hopscopeVersion) {

  public RunManifest {
    Objects.requireNonNull(runId);
    Objects.requireNonNull(specJson);
    Objects.requireNonNull(sourcesJson);
    Objects.requireNonNull(hopscopeVersion);
  }
}
