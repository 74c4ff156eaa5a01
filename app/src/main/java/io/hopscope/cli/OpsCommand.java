package io.hopscope.cli;

import io.hopscope.analytics.core.Autoscaling;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.spec.SpecGates;
import io.hopscope.analytics.store.StoredRun;
import io.hopscope.error.ExitCode;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.SourceRecord;
import io.hopscope.ingest.prom.PromApi;
import io.hopscope.ingest.prom.PromJsonReader;
import io.hopscope.ingest.prom.PromQuery;
import io.hopscope.ingest.prom.PromSample;
import io.hopscope.ingest.prom.PromTarget;
import io.hopscope.ingest.warehouse.PromSamplesTable;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import io.hopscope.reports.OutputFile;
import io.hopscope.reports.ReportWriter;
import io.hopscope.reports.ops.MetricCatalog;
import io.hopscope.reports.ops.OpsBundle;
import io.hopscope.reports.ops.OpsPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "ops",
    description = {
      "Turn an analysed run's measured envelope into operations config: a Grafana dashboard, Prometheus"
          + " recording and alerting rules, a KEDA ScaledObject and an HPA, wired to the metric"
          + " names the run had, every threshold commented with where it came from. No Spark.",
      "Exit codes: 0 written, 1 --check-url found an expression that returned no data, 2 bad"
          + " usage or the run was never analysed, 3 storage or the server failed."
    })
final class OpsCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;
  @Mixin RunOption runOption = new RunOption();
  @Mixin WarehouseOption warehouseOption = new WarehouseOption();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "./ops",
      description = "Where to write the files (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--metric",
      paramLabel = "ROLE=NAME",
      description =
          "The metric filling a role, when the run's names are not the ones hopscope looks for"
              + " (service_time, queue_delay, hop_latency: the _bucket series; queue_depth,"
              + " arrivals, completions, worker_cpu, worker_busy, memory, valkey_ops,"
              + " valkey_clients, valkey_blocked, valkey_memory, valkey_evictions, http_requests,"
              + " http_duration). Repeatable.")
  Map<String, String> metrics = new LinkedHashMap<>();

  @Option(
      names = "--deployment",
      paramLabel = "NAME",
      defaultValue = "worker",
      description = "The workers' Deployment the autoscalers scale (default: ${DEFAULT-VALUE}).")
  String deployment;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Kubernetes namespace of the manifests (default: none, kubectl's).")
  String namespace;

  @Option(
      names = "--valkey-address",
      paramLabel = "HOST:PORT",
      defaultValue = "valkey:6379",
      description = "The Valkey address KEDA connects to (default: ${DEFAULT-VALUE}).")
  String valkeyAddress;

  @Option(
      names = "--jobs-stream",
      paramLabel = "KEY",
      description = "The jobs stream (default: the one recorded at ingest, else stella:perf:jobs).")
  String jobsStream;

  @Option(
      names = "--consumer-group",
      paramLabel = "NAME",
      description =
          "The workers' consumer group (default: the one recorded at ingest, else workers).")
  String group;

  @Option(
      names = "--rate-window",
      paramLabel = "DURATION",
      defaultValue = "2m",
      description =
          "The range of every rate() in the dashboard and rules: at least four scrape intervals"
              + " (default: ${DEFAULT-VALUE}, for scrapes up to every 30 s; the playbook's 1m"
              + " suits 5-15 s scrapes).")
  String rateWindow;

  @Option(
      names = "--check-url",
      paramLabel = "URL",
      description =
          "A Prometheus holding the run's series: every dashboard, rule and alert expression is"
              + " run over the run's window (recording rules inlined) and the README lists what"
              + " each returned and when each alert would have fired. Credentials as for"
              + " --prom-url (environment or files).")
  String checkUrl;

  @Option(
      names = "--prom-token-file",
      paramLabel = "FILE",
      description = "Bearer token for --check-url.")
  Path tokenFile;

  @Option(
      names = "--prom-password-file",
      paramLabel = "FILE",
      description = "Basic-auth password for --check-url.")
  Path passwordFile;

  @Override
  public Integer call() {
    RunId run = runOption.run();
    Warehouse wh = Warehouses.open(warehouseOption.uri);
    OpsPlan plan =
        plan(
            wh,
            run,
            overrides(),
            namespace,
            deployment,
            valkeyAddress,
            jobsStream,
            group,
            window(rateWindow));
    List<OpsBundle.Check> checks = checkUrl == null ? List.of() : check(wh, run, plan);
    write(plan, checks, out);
    Env env = root.env();
    env.err().println("wrote " + out.resolve("README.md") + " and the files it lists");
    if (plan.catalog().metrics().isEmpty()) {
      env.err()
          .println(
              "warning: run "
                  + run
                  + " has no Prometheus samples, so the dashboard and rules hold only what needs"
                  + " none: ingest it with --prom DIR or --prom-url URL first");
    }
    plan.missing()
        .forEach(
            (role, what) ->
                env.err()
                    .println(
                        "  left out "
                            + what
                            + ": no "
                            + role.what()
                            + " series (--metric "
                            + role.key()
                            + "=NAME)"));
    long empty =
        checks.stream().filter(c -> c.series() == 0 && !c.where().startsWith("alert")).count();
    if (!checks.isEmpty()) {
      env.err()
          .println(
              "checked "
                  + checks.size()
                  + " expressions against "
                  + PromTarget.display(checkUrl)
                  + ": "
                  + (empty == 0 ? "every one returned data" : empty + " returned no data"));
    }
    return empty == 0 ? ExitCode.OK.code() : ExitCode.GATE_FAILED.code();
  }

  /**
   * The operations plan of an analysed run: its stored analysis and spec, and the metric names its
   * Prometheus samples had (no Spark).
   *
   * @param jobsStream the jobs stream, or null for the one recorded at ingest
   * @param group the consumer group, or null for the one recorded at ingest
   */
  static OpsPlan plan(
      Warehouse wh,
      RunId run,
      Map<MetricCatalog.Role, String> overrides,
      String namespace,
      String deployment,
      String valkeyAddress,
      String jobsStream,
      String group,
      String rateWindow) {
    StoredRun stored = StoredRun.read(wh, run);
    GateConfig gates = SpecGates.of(stored.spec());
    Optional<Autoscaling> scaling = Autoscaling.of(stored.analysis(), gates);
    List<SourceRecord> sources = SourceRecord.parse(stored.sourcesJson());
    return OpsPlan.of(
        run.value(),
        stored.analysis().scenario(),
        stored.analysis().knee().map(k -> k.offeredRps()),
        scaling,
        new MetricCatalog(metricsOf(wh, run), overrides),
        new OpsPlan.Target(
            namespace,
            deployment,
            valkeyAddress,
            jobsStream != null ? jobsStream : recorded(sources, "stream", "stella:perf:jobs"),
            group != null ? group : recordedGroup(sources),
            rateWindow));
  }

  /** A rate window as PromQL writes it: a whole number of s, m or h. */
  private static String window(String text) {
    if (text == null || !text.matches("[1-9][0-9]{0,5}[smh]")) {
      throw Problems.usage(
          "--rate-window '" + text + "' is not a PromQL range such as 1m or 90s", "e.g. 2m");
    }
    return text;
  }

  /** Writes the bundle's files into {@code out}. */
  static void write(OpsPlan plan, List<OpsBundle.Check> checks, Path out) {
    try {
      java.nio.file.Files.createDirectories(out);
    } catch (java.io.IOException e) {
      throw Problems.storage(out, "cannot create the directory", e);
    }
    for (OutputFile f : OpsBundle.files(plan, BuildInfo.version(), checks)) {
      ReportWriter.put(out, f);
    }
  }

  private Map<MetricCatalog.Role, String> overrides() {
    Map<MetricCatalog.Role, String> o = new LinkedHashMap<>();
    metrics.forEach(
        (k, v) -> {
          MetricCatalog.Role role = null;
          for (MetricCatalog.Role r : MetricCatalog.Role.values()) {
            if (r.key().equals(k)) {
              role = r;
            }
          }
          if (role == null || !v.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw Problems.usage(
                "--metric " + k + "=" + v + " is not ROLE=METRIC_NAME",
                "ROLE is one of "
                    + String.join(
                        ", ",
                        java.util.Arrays.stream(MetricCatalog.Role.values())
                            .map(MetricCatalog.Role::key)
                            .toList()));
          }
          o.put(role, v);
        });
    return o;
  }

  /** The run's metric names with their label keys, streamed from its prom_samples. */
  private static Map<String, Set<String>> metricsOf(Warehouse wh, RunId run) {
    Map<String, Set<String>> out = new TreeMap<>();
    TableReader.forEach(
        wh,
        RunsTable.FAMILY,
        PromSamplesTable.TABLE,
        run,
        r -> {
          Set<String> keys =
              out.computeIfAbsent(
                  r.getField(PromSamplesTable.METRIC).toString(), k -> new HashSet<>());
          Object labels = r.getField(PromSamplesTable.LABELS);
          if (labels instanceof Map<?, ?> m && keys.size() < 64) {
            m.keySet().forEach(k -> keys.add(k.toString()));
          }
        },
        PromSamplesTable.METRIC,
        PromSamplesTable.LABELS);
    return out;
  }

  private static String recorded(List<SourceRecord> sources, String fact, String fallback) {
    for (SourceRecord s : sources) {
      if (s.kind().equals("valkey-groups") && s.facts().get(fact) instanceof String v) {
        return v;
      }
    }
    return fallback;
  }

  private static String recordedGroup(List<SourceRecord> sources) {
    for (SourceRecord s : sources) {
      if (s.kind().equals("valkey-groups") && s.facts().get("groups") instanceof List<?> l) {
        for (Object g : l) {
          if (g instanceof Map<?, ?> m && m.get("name") instanceof String name) {
            return name;
          }
        }
      }
    }
    return "workers";
  }

  /** Runs every expression over the run's window against --check-url. */
  private List<OpsBundle.Check> check(Warehouse wh, RunId run, OpsPlan plan) {
    long[] window = {0, 0};
    TableReader.forEach(
        wh,
        RunsTable.FAMILY,
        RunsTable.TABLE,
        run,
        r -> {
          window[0] = (Long) r.getField(RunsTable.START_NS);
          window[1] = (Long) r.getField(RunsTable.END_NS);
        },
        RunsTable.START_NS,
        RunsTable.END_NS);
    if (window[0] <= 0 || window[1] <= window[0]) {
      throw Problems.missingData(
          "run '" + run + "' has no recorded time window to check the expressions over",
          "re-ingest it with a done stream or k6 output");
    }
    PromApi api =
        new PromApi(
            PromTarget.parse(checkUrl, root.env().vars(), tokenFile, passwordFile),
            Duration.ofSeconds(60));
    PromApi.Range range = PromApi.Range.aligned(window[0], window[1], 5_000_000_000L);
    List<OpsBundle.Check> checks = new ArrayList<>();
    for (Map.Entry<String, String> e : plan.expressions().entrySet()) {
      String where = e.getKey();
      OpsPlan.Alert alert =
          plan.alerts().stream()
              .filter(a -> where.equals("alert " + a.name()))
              .findFirst()
              .orElse(null);
      String measured = plan.inline(alert == null ? e.getValue() : alert.signal());
      long[] counts = run(api, where, measured, range, null);
      String fired = null;
      if (alert != null) {
        java.util.TreeSet<Long> held = new java.util.TreeSet<>();
        run(api, where, plan.inline(alert.expr()), range, held);
        long at = firesAt(held, range.stepNs(), alert.forSeconds() * 1_000_000_000L);
        if (at != Long.MIN_VALUE) {
          fired = Instant.ofEpochSecond(0, at).toString();
        }
      }
      checks.add(new OpsBundle.Check(where, e.getValue(), counts[0], counts[1], fired));
    }
    return checks;
  }

  /**
   * When an alert would first fire: its condition held at every step from some time t to t + {@code
   * forNs}; {@link Long#MIN_VALUE} if never.
   */
  static long firesAt(java.util.NavigableSet<Long> held, long stepNs, long forNs) {
    long start = Long.MIN_VALUE;
    long previous = Long.MIN_VALUE;
    for (long t : held) {
      if (previous == Long.MIN_VALUE || t - previous > stepNs) {
        start = t;
      }
      previous = t;
      if (t - start >= forNs) {
        return start + forNs;
      }
    }
    return Long.MIN_VALUE;
  }

  private static long[] run(
      PromApi api, String where, String expr, PromApi.Range range, java.util.Set<Long> held) {
    Set<String> series = new HashSet<>();
    long[] samples = {0};
    io.hopscope.ingest.RowSink<PromSample> sink =
        new io.hopscope.ingest.RowSink<>() {
          @Override
          public void row(PromSample p) {
            series.add(p.metric() + p.labels());
            samples[0]++;
            if (held != null) {
              held.add(p.tsNs());
            }
          }

          @Override
          public void reject(io.hopscope.ingest.jobs.Reject r) {
            samples[0]++;
          }
        };
    api.queryRange(
        new PromQuery(where, expr),
        range,
        (body, source) -> PromJsonReader.read(body, where, "check", sink));
    return new long[] {series.size(), samples[0]};
  }
}
