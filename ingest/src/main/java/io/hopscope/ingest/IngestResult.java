package io.hopscope.ingest;

import io.hopscope.ingest.warehouse.RunManifest;
import java.util.List;

/**
 * What an ingest wrote for one run.
 *
 * @param jobs rows in the {@code jobs} table
 * @param rejected rows in the {@code rejects} table
 * @param k6Points rows in the {@code k6_points} table
 * @param promSamples rows in the {@code prom_samples} table
 * @param warnings things the analysis and the report should say
 * @param trimmed entries deleted from the done stream after the commit; -1 when not asked to
 */
public record IngestResult(
    RunId run,
    long jobs,
    long rejected,
    long k6Points,
    long promSamples,
    RunManifest manifest,
    List<SourceRecord> sources,
    List<String> warnings,
    long trimmed) {
  public IngestResult {
    sources = List.copyOf(sources);
    warnings = List.copyOf(warnings);
  }

  IngestResult withTrimmed(long deleted) {
    return new IngestResult(
        run, jobs, rejected, k6Points, promSamples, manifest, sources, warnings, deleted);
  }
}
