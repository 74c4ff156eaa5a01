package io.hopscope.ingest;

import io.hopscope.ingest.jobs.DoneFields;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.valkey.ValkeyTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ingest for one run.
 *
 * @param valkey the server holding the done stream, when there is one
 * @param stream the done-stream key
 * @param doneFiles done-stream exports (NDJSON, optionally gzip)
 */
public record IngestRequest(
    RunId run,
    RunSpec spec,
    Optional<ValkeyTarget> valkey,
    String stream,
    List<Path> doneFiles,
    DoneFields fields) {

  /** The done stream the reference worker writes. */
  public static final String DEFAULT_STREAM = "stella:perf:done";

  public IngestRequest {
    Objects.requireNonNull(run);
    Objects.requireNonNull(spec);
    Objects.requireNonNull(valkey);
    Objects.requireNonNull(stream);
    doneFiles = List.copyOf(doneFiles);
    Objects.requireNonNull(fields);
  }

  public boolean hasSources() {
    return valkey.isPresent() || !doneFiles.isEmpty();
  }
}
