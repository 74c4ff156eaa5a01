package io.hopscope.cli;

import io.hopscope.error.Problems;
import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.jobs.DoneFields;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.valkey.DoneStreamDrain;
import io.hopscope.ingest.valkey.ValkeyTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      names = "--valkey-ca",
      paramLabel = "FILE",
      description =
          "CA certificates (PEM) to check a rediss:// server's certificate with, instead of the"
              + " JVM's trust store (a server whose certificate a private CA signed).")
  Path valkeyCa;

  @Option(
      names = "--stream",
      paramLabel = "KEY",
      defaultValue = IngestRequest.DEFAULT_STREAM,
      description = "Done-stream key (default: ${DEFAULT-VALUE}).")
  String stream;

  @Option(
      names = "--jobs-stream",
      paramLabel = "KEY",
      defaultValue = IngestRequest.DEFAULT_JOBS_STREAM,
      description =
          "Jobs stream whose consumer groups (pending, lag) are recorded with the run"
              + " (default: ${DEFAULT-VALUE}).")
  String jobsStream;

  @Option(
      names = "--field",
      paramLabel = "ROLE=NAME",
      description =
          "The done-stream field holding ROLE (run, corr, entry, enq_ns, claim_ns, done_ns,"
              + " work_ms), when the worker names it otherwise. Repeatable.")
  Map<String, String> fields = new java.util.LinkedHashMap<>();

  @Option(
      names = "--done-file",
      paramLabel = "FILE",
      description =
          "A done-stream export (NDJSON, one {\"id\", \"fields\"} entry per line, optionally"
              + " .gz). Repeatable.")
  List<Path> doneFiles = new ArrayList<>();

  @Option(
      names = "--k6",
      paramLabel = "FILE",
      description =
          "k6 output of the run: --out json (NDJSON) or --out csv, either optionally .gz."
              + " Repeatable.")
  List<Path> k6Files = new ArrayList<>();

  @Option(
      names = "--k6-summary",
      paramLabel = "FILE",
      description =
          "k6 end-of-test summary: --summary-export, handleSummary JSON or the machine-readable"
              + " summary. Repeatable.")
  List<Path> k6Summaries = new ArrayList<>();

  @Option(
      names = "--prom",
      paramLabel = "FILE|DIR",
      description =
          "Prometheus export of the run: a query_range/query JSON response (or promtool's bare"
              + " matrix), exposition text, OpenMetrics (promtool tsdb dump-openmetrics), or a"
              + " directory of them with an optional manifest.json. Repeatable.")
  List<Path> promInputs = new ArrayList<>();

  @Option(
      names = "--trim-after-ingest",
      description =
          "After the rows are committed and verified, delete the ingested entries from the done"
              + " stream. Nothing is deleted without this.")
  boolean trim;

  @Option(
      names = "--connections",
      paramLabel = "N",
      defaultValue = "6",
      description = "Parallel Valkey connections for the drain (default: ${DEFAULT-VALUE}).")
  int connections;

  boolean any() {
    return valkey != null
        || !doneFiles.isEmpty()
        || !k6Files.isEmpty()
        || !k6Summaries.isEmpty()
        || !promInputs.isEmpty();
  }

  DoneFields doneFields() {
    DoneFields f = DoneFields.DEFAULT;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (!DoneFields.ROLES.contains(e.getKey()) || e.getValue().isBlank()) {
        throw Problems.usage(
            "--field " + e.getKey() + "=" + e.getValue() + " is not ROLE=NAME",
            "ROLE is one of " + String.join(", ", DoneFields.ROLES));
      }
      f = f.with(e.getKey(), e.getValue());
    }
    return f;
  }

  IngestRequest request(List<RunId> runs, Optional<RunSpec> spec) {
    if (connections < 1 || connections > 32) {
      throw Problems.usage("--connections must be 1..32", "pass a small number such as 3");
    }
    return new IngestRequest(
        runs,
        spec,
        Optional.ofNullable(valkey)
            .map(ValkeyTarget::parse)
            .map(t -> valkeyCa == null ? t : t.withCa(valkeyCa)),
        stream,
        jobsStream,
        doneFiles,
        k6Files,
        k6Summaries,
        promInputs,
        doneFields(),
        new DoneStreamDrain.Options(2000, connections, Duration.ofSeconds(120)),
        trim);
  }

  IngestRequest request(RunId run, RunSpec spec) {
    return request(List.of(run), Optional.of(spec));
  }
}
