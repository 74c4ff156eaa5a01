package io.hopscope.ingest;

import io.hopscope.ingest.warehouse.RunManifest;
import java.util.List;

/**
 * What an ingest wrote for one run.
 *
 * @param jobs rows in the {@code jobs} table
 * @param rejected rows in the {@code rejects} table
 * @param warnings things the analysis and the report should say
 */
public record IngestResult(
    RunId run,
    long jobs,
    long rejected,
    RunManifest manifest,
    List<SourceRecord> sources,
    List<String> warnings) {
  public IngestResult {
    sources = List.copyOf(sources);
    warnings = List.copyOf(warnings);
  }
}
