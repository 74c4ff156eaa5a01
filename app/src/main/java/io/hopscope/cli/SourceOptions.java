package io.hopscope.cli;

import io.hopscope.error.Problems;
import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.jobs.DoneFields;
import io.hopscope.ingest.prom.PromPull;
import io.hopscope.ingest.prom.PromQueries;
import io.hopscope.ingest.prom.PromQuery;
import io.hopscope.ingest.prom.PromTarget;
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
      names = "--prom-url",
      paramLabel = "URL",
      description =
          "Prometheus (or any server with its HTTP API) to query over the run's window: from 1 min"
              + " before its first timestamp to the cool-down after its last, with query_range"
              + " split to the API's 11,000 points per series. Runs the playbook's metric set"
              + " (worker service, queue delay and hop histograms, queue depth, job rates, CPU,"
              + " memory, Valkey, gateway HTTP), the spec's test_run.prometheus.queries and"
              + " --prom-queries. Credentials: "
              + PromTarget.TOKEN_ENV
              + " (bearer), or a user (in the URL or "
              + PromTarget.USER_ENV
              + ") with "
              + PromTarget.PASSWORD_ENV
              + "; never printed or stored.")
  String promUrl;

  @Option(
      names = "--prom-queries",
      paramLabel = "FILE",
      description =
          "More queries for --prom-url: JSON or YAML {queries: [{id, query}]} (a --prom"
              + " directory's manifest.json works); an id of the default set replaces it.")
  Path promQueries;

  @Option(
      names = "--prom-match",
      paramLabel = "MATCHERS",
      description =
          "Label matchers added to every default query, e.g. 'job=~\"gateway|worker\"' or"
              + " 'namespace=\"perf\"' (a shared Prometheus holds other teams' series).")
  String promMatch;

  @Option(
      names = "--no-prom-defaults",
      description = "Run only the spec's and --prom-queries' queries, not the default set.")
  boolean noPromDefaults;

  @Option(
      names = "--prom-step",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description = "query_range resolution, e.g. 1s, 15s (default: ${DEFAULT-VALUE}).")
  String promStep;

  @Option(
      names = "--prom-cooldown",
      paramLabel = "DURATION",
      description =
          "How long after the run's last timestamp the window closes (default: the spec's"
              + " backlog_must_drain_seconds, else 5m).")
  String promCooldown;

  @Option(
      names = "--prom-token-file",
      paramLabel = "FILE",
      description = "A file holding the bearer token for --prom-url.")
  Path promTokenFile;

  @Option(
      names = "--prom-password-file",
      paramLabel = "FILE",
      description = "A file holding the basic-auth password for --prom-url.")
  Path promPasswordFile;

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
        || !promInputs.isEmpty()
        || promUrl != null;
  }

  /** The --prom-url request, when one is given. */
  Optional<PromPull> promPull(Map<String, String> env) {
    if (promUrl == null) {
      if (promQueries != null || promMatch != null || noPromDefaults || promCooldown != null) {
        throw Problems.usage(
            "--prom-queries, --prom-match, --prom-cooldown and --no-prom-defaults need --prom-url",
            "add --prom-url URL, or drop them");
      }
      return Optional.empty();
    }
    PromTarget target = PromTarget.parse(promUrl, env, promTokenFile, promPasswordFile);
    List<PromQuery> extra = promQueries == null ? List.of() : PromQueries.fromFile(promQueries);
    long step = Durations.nanos("--prom-step", promStep);
    if (step < 1_000_000_000L || step > 3_600_000_000_000L) {
      throw Problems.usage(
          "--prom-step " + promStep + " is outside 1s..1h", "give the scrape interval, e.g. 5s");
    }
    java.util.OptionalLong cooldown =
        promCooldown == null
            ? java.util.OptionalLong.empty()
            : java.util.OptionalLong.of(Durations.nanos("--prom-cooldown", promCooldown));
    return Optional.of(
        new PromPull(
            target,
            noPromDefaults ? List.of() : PromQueries.defaults(promMatch),
            extra,
            step,
            PromPull.DEFAULT_BEFORE_NS,
            cooldown,
            Duration.ofSeconds(120)));
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

  IngestRequest request(List<RunId> runs, Optional<RunSpec> spec, Map<String, String> env) {
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
        promPull(env),
        doneFields(),
        new DoneStreamDrain.Options(2000, connections, Duration.ofSeconds(120)),
        trim);
  }

  IngestRequest request(RunId run, RunSpec spec, Map<String, String> env) {
    return request(List.of(run), Optional.of(spec), env);
  }
}
