package io.hopscope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.reports.trend.TrendReport;
import io.hopscope.sim.DoneFileWriter;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's synthetic history, so a first run shows the trend page: eight nightly runs of one
 * fingerprint in which the sixth build made the service 25% slower, and a worker sweep (1, 2, 4
 * workers) of another workload. Seeded, labelled synthetic, simulated on the spot.
 */
final class DemoHistory {
  static final String SCENARIO = "nightly_demo";
  private static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final long DAY = 86_400_000_000_000L;

  private DemoHistory() {}

  /** Simulates and analyses the history, then writes its trend page into {@code out}. */
  static TrendReport.Written build(Env env, RunPipeline pipeline, String warehouse, Path out)
      throws IOException {
    Path work = out.resolve("history-inputs");
    Files.createDirectories(work);
    for (int i = 0; i < 8; i++) {
      double serviceMs = i < 5 ? 20 : 25;
      run(
          env,
          pipeline,
          warehouse,
          work,
          out,
          String.format(Locale.ROOT, "nightly-%02d", i + 1),
          i,
          "/hop",
          4,
          new double[] {60, 100, 150},
          serviceMs,
          11 + i);
    }
    int day = 10;
    for (int workers : new int[] {1, 2, 4}) {
      double c = workers * 50.0;
      run(
          env,
          pipeline,
          warehouse,
          work,
          out,
          "sweep-w" + workers,
          day++,
          "/sweep",
          workers,
          new double[] {0.6 * c, 0.9 * c, 1.2 * c},
          20,
          31 + workers);
    }
    return pipeline.trend(
        warehouse,
        SCENARIO,
        Optional.empty(),
        Optional.empty(),
        List.of(300.0),
        0.10,
        1,
        out.resolve("trend-" + SCENARIO));
  }

  private static void run(
      Env env,
      RunPipeline pipeline,
      String warehouse,
      Path work,
      Path out,
      String id,
      int day,
      String endpoint,
      int workers,
      double[] rps,
      double serviceMs,
      long seed)
      throws IOException {
    // The spec as a tree, written by Jackson's YAML writer: nothing here is quoted by hand.
    ObjectNode testRun = YAML.createObjectNode();
    testRun
        .putObject("system_under_test")
        .put("gateway_sha", "demo-" + id)
        .put("worker_sha", "demo-" + id);
    testRun.putObject("environment").put("cluster", "demo").put("workers", workers);
    testRun.putObject("workload").put("endpoint", endpoint);
    ObjectNode scenario = testRun.putObject("scenario");
    scenario.put("name", SCENARIO).put("warmup_seconds", 15).put("start_ns", T0 + day * DAY);
    ArrayNode stages = scenario.putArray("stages");
    for (double r : rps) {
      stages.addObject().put("rps", plain(r)).put("duration_seconds", 45);
    }
    ObjectNode doc = YAML.createObjectNode();
    doc.set("test_run", testRun);
    String yaml =
        "# Synthetic: simulated by hopscope demo for the trend page, not measured.\n"
            + YAML.writeValueAsString(doc);
    Path specFile = work.resolve(id + ".yaml");
    Files.writeString(specFile, yaml);
    RunSpec spec = RunSpecReader.read(specFile);
    Path done = work.resolve(id + ".ndjson.gz");
    DoneFileWriter.write(
        Simulator.run(
            new SimConfig(
                id,
                seed,
                T0 + day * DAY,
                spec.warmupSeconds(),
                spec.stages(),
                workers,
                ServiceTimes.lognormal(serviceMs, 0.5),
                0.2)),
        done);
    RunId run = new RunId(id);
    env.err().println("== " + run + " (" + SCENARIO + ", synthetic history)");
    pipeline.analyze(
        warehouse,
        run,
        Optional.of(spec),
        Optional.of(
            IngestRequest.single(
                run, spec, Optional.empty(), IngestRequest.DEFAULT_STREAM, List.of(done))),
        Optional.empty(),
        Optional.empty(),
        out.resolve("history").resolve(id));
  }

  /** A rate as the shortest decimal (270, not 270.0), as a hand-written spec has it. */
  private static java.math.BigDecimal plain(double v) {
    return new java.math.BigDecimal(
        java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
      new com.fasterxml.jackson.databind.ObjectMapper(
          com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder()
              .disable(
                  com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature
                      .WRITE_DOC_START_MARKER)
              .build());
}
