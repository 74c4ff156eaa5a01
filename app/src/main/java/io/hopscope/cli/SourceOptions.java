package io.hopscope.cli;

import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.jobs.DoneFields;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.valkey.ValkeyTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The source options shared by {@code ingest} and {@code analyze}. */
final class SourceOptions {
  @Option(
      names = "--valkey",
      paramLabel = "URI",
      description =
          "Valkey/Redis server holding the done stream: redis://[user:pass@]host:port[/db], or"
              + " rediss:// for TLS.")
  String valkey;

  @Option(
      names = "--stream",
      paramLabel = "KEY",
      defaultValue = IngestRequest.DEFAULT_STREAM,
      description = "Done-stream key (default: ${DEFAULT-VALUE}).")
  String stream;

  @Option(
      names = "--done-file",
      paramLabel = "FILE",
      description =
          "A done-stream export (NDJSON, one {\"id\", \"fields\"} entry per line, optionally"
              + " .gz). Repeatable.")
  List<Path> doneFiles = new ArrayList<>();

  boolean any() {
    return valkey != null || !doneFiles.isEmpty();
  }

  IngestRequest request(RunId run, RunSpec spec) {
    return new IngestRequest(
        run,
        spec,
        Optional.ofNullable(valkey).map(ValkeyTarget::parse),
        stream,
        doneFiles,
        DoneFields.DEFAULT);
  }
}
