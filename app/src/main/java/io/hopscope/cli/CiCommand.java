package io.hopscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.hopscope.error.Problems;
import io.hopscope.ingest.prom.PromTarget;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.reports.OutputFile;
import io.hopscope.reports.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "ci",
    description = {
      "Write CI pipelines for the playbook's three cadences: PR smoke test (scenario A), nightly"
          + " baseline (B) and weekly capacity sweep (C at several worker counts, then the scaling"
          + " curve). Each job starts the system, runs the spec's k6 script (test_run.k6.script,"
          + " else perf/k6/<scenario>.js), has hopscope analyze it (a failed gate fails the job),"
          + " publishes the report and gates.junit.xml and keeps the warehouse.",
      "Paths are repository-relative: run it from the repository's root."
    })
final class CiCommand implements Callable<Integer> {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  @ParentCommand HopscopeCommand root;

  @Option(
      names = "--provider",
      required = true,
      paramLabel = "github|gitlab",
      description = "GitHub Actions (.github/workflows/) or GitLab CI (.gitlab/, to include).")
  String provider;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The repository's root (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--smoke-spec",
      paramLabel = "FILE",
      defaultValue = "perf/specs/smoke.yaml",
      description = "Scenario A's spec (default: ${DEFAULT-VALUE}).")
  String smokeSpec;

  @Option(
      names = "--nightly-spec",
      paramLabel = "FILE",
      defaultValue = "perf/specs/baseline.yaml",
      description = "Scenario B's spec (default: ${DEFAULT-VALUE}).")
  String nightlySpec;

  @Option(
      names = "--weekly-spec",
      paramLabel = "FILE",
      defaultValue = "perf/specs/capacity.yaml",
      description = "Scenario C's spec, swept over --sweep-workers (default: ${DEFAULT-VALUE}).")
  String weeklySpec;

  @Option(
      names = "--sweep-workers",
      paramLabel = "N,N,…",
      split = ",",
      defaultValue = "1,2,4",
      description = "Worker counts of the weekly sweep (default: ${DEFAULT-VALUE}).")
  List<Integer> sweepWorkers = new ArrayList<>();

  @Option(
      names = "--target-rps",
      paramLabel = "RPS",
      split = ",",
      description = "Loads the weekly scaling curve sizes workers for (repeatable).")
  List<Double> targetRps = new ArrayList<>();

  @Option(
      names = "--up",
      paramLabel = "CMD",
      defaultValue =
          "docker compose -f perf/docker-compose.yml up -d --wait"
              + " $${WORKERS:+--scale worker=$WORKERS}",
      description =
          "Starts the system under test; $WORKERS is the worker count, set when the spec names"
              + " one and in the sweep (default: ${DEFAULT-VALUE}).")
  String up;

  @Option(
      names = "--down",
      paramLabel = "CMD",
      defaultValue = "docker compose -f perf/docker-compose.yml down -v",
      description = "Stops it (default: ${DEFAULT-VALUE}).")
  String down;

  @Option(
      names = "--gateway-url",
      paramLabel = "URL",
      defaultValue = "http://localhost:8080/hop",
      description = "GW_URL for the k6 scripts (default: ${DEFAULT-VALUE}).")
  String gatewayUrl;

  @Option(
      names = "--valkey",
      paramLabel = "URI",
      defaultValue = "redis://localhost:6379",
      description = "The done stream's server as the job sees it (default: ${DEFAULT-VALUE}).")
  String valkey;

  @Option(
      names = "--prom-url",
      paramLabel = "URL",
      description = "A Prometheus the job can query (analyze --prom-url); none by default.")
  String promUrl;

  @Option(
      names = "--hopscope",
      paramLabel = "CMD",
      defaultValue = "hopscope/scripts/hopscope",
      description = "The hopscope launcher in the job (default: ${DEFAULT-VALUE}).")
  String hopscope;

  @Option(
      names = "--install",
      paramLabel = "CMD",
      defaultValue = "git clone --depth 1 \"$HOPSCOPE_GIT\" hopscope",
      description =
          "Makes hopscope available in the job (default: ${DEFAULT-VALUE}, with the CI variable"
              + " HOPSCOPE_GIT set to hopscope's repository).")
  String install;

  @Option(
      names = "--warehouse",
      paramLabel = "URI",
      defaultValue = "warehouse",
      description =
          "The warehouse: a directory the CI cache keeps between runs, or an object store"
              + " (s3a://…) (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Override
  public Integer call() {
    if (!provider.equals("github") && !provider.equals("gitlab")) {
      throw Problems.usage("--provider " + provider + " is not known", "use github or gitlab");
    }
    if (sweepWorkers.isEmpty() || sweepWorkers.stream().anyMatch(w -> w == null || w < 1)) {
      throw Problems.usage("--sweep-workers needs positive counts", "e.g. 1,2,4");
    }
    if (promUrl != null && !PromTarget.display(promUrl).equals(promUrl)) {
      throw Problems.usage(
          "--prom-url holds credentials, which would be written into the pipeline files",
          "give the URL alone; the jobs read "
              + PromTarget.TOKEN_ENV
              + " from the CI's secret store");
    }
    CiTemplates.Cadence smoke = cadence(smokeSpec);
    CiTemplates.Cadence nightly = cadence(nightlySpec);
    CiTemplates.Cadence weekly = cadence(weeklySpec);
    Map<Integer, String> sweep = new LinkedHashMap<>();
    List<OutputFile> files = new ArrayList<>();
    RunSpec weeklyRun = RunSpecReader.read(out.resolve(weeklySpec));
    for (int w : sweepWorkers.stream().distinct().sorted().toList()) {
      String path = ".hopscope/sweep/" + CiTemplates.slug(weekly.scenario()) + "-w" + w + ".yaml";
      sweep.put(w, path);
      files.add(OutputFile.text(path, sweepSpec(weeklyRun, weeklySpec, w)));
    }
    CiTemplates.Settings s =
        new CiTemplates.Settings(
            smoke,
            nightly,
            weekly,
            sweep,
            up,
            down,
            gatewayUrl,
            valkey,
            promUrl,
            hopscope,
            install,
            warehouse,
            targetRps);
    Map<String, String> pipelines =
        provider.equals("github") ? CiTemplates.github(s) : CiTemplates.gitlab(s);
    pipelines.forEach((name, text) -> files.add(OutputFile.text(name, text)));
    for (OutputFile f : files) {
      Path target = out.resolve(f.name());
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw Problems.storage(target.getParent(), "cannot create the directory", e);
      }
      ReportWriter.put(
          target.getParent(), OutputFile.of(target.getFileName().toString(), f::write));
      root.env().err().println("wrote " + target);
    }
    return 0;
  }

  private CiTemplates.Cadence cadence(String spec) {
    RunSpec r = RunSpecReader.read(out.resolve(spec));
    if (r.startNs().isPresent()) {
      throw Problems.usage(
          spec
              + " sets test_run.scenario.start_ns: every CI run would be cut into plateaus from"
              + " that one time",
          "drop start_ns from specs used in CI (t0 is then each run's first enqueue)");
    }
    JsonNode script = r.document().at("/k6/script");
    String path =
        script.isTextual()
            ? script.asText()
            : "perf/k6/" + CiTemplates.slug(r.scenarioName()) + ".js";
    if (!Files.isRegularFile(out.resolve(path))) {
      root.env()
          .err()
          .println(
              "note: "
                  + spec
                  + "'s k6 script "
                  + path
                  + " is not in "
                  + out
                  + " (set test_run.k6.script in the spec)");
    }
    return new CiTemplates.Cadence(
        spec, r.scenarioName(), path, r.warmupSeconds() + r.loadSeconds(), r.workers().orElse(0));
  }

  /** The weekly spec with {@code environment.workers} set, as its own file. */
  private static String sweepSpec(RunSpec spec, String from, int workers) {
    JsonNode doc = spec.document().deepCopy();
    ((ObjectNode) doc).withObject("/environment").put("workers", workers);
    ObjectNode root = YAML.createObjectNode();
    root.set("test_run", doc);
    try {
      return "# Written by `hopscope ci` from "
          + from
          + " with environment.workers = "
          + workers
          + " (re-run hopscope ci after changing that spec).\n"
          + YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
