package io.hopscope.ingest.warehouse;

import java.util.Objects;

/**
 * One row of the {@code runs} table: what a run is and where its evidence came from.
 *
 * @param startNs t0 of the schedule (spec start_ns, else the first enqueue), 0 when unknown
 * @param endNs the last timestamp seen in the run's evidence, 0 when unknown
 * @param specJson the run spec as JSON text
 * @param sourcesJson the inputs as a JSON array of {kind, uri, bytes, sha256, rows}
 * @param writeId the version this manifest commits (see {@link TableFamily})
 * @param snapshots the snapshot of each evidence table holding this version's rows
 */
public record RunManifest(
    String runId,
    String scenario,
    long startNs,
    long endNs,
    String specJson,
    String sourcesJson,
    long ingestedAtNs,
    String hopscopeVersion,
    String writeId,
    java.util.Map<String, Long> snapshots) {

  public RunManifest {
    Objects.requireNonNull(runId);
    Objects.requireNonNull(specJson);
    Objects.requireNonNull(sourcesJson);
    Objects.requireNonNull(hopscopeVersion);
    snapshots =
        java.util.Collections.unmodifiableMap(
            snapshots == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(snapshots));
  }

  /** The same manifest as committed by a write. */
  public RunManifest committedAs(String writeId, java.util.Map<String, Long> snapshots) {
    return new RunManifest(
        runId,
        scenario,
        startNs,
        endNs,
        specJson,
        sourcesJson,
        ingestedAtNs,
        hopscopeVersion,
        writeId,
        snapshots);
  }
}
