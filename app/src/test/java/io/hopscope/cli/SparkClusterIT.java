package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster ({@code scripts/spark-cluster}: a master and two 1-core workers on
 * loopback, from the jars the build resolved) runs {@code analyze} of a simulated run, with the
 * work spread over the workers' executors, and its summary equals local mode's.
 */
class SparkClusterIT {
  @TempDir static Path dir;
  private static Path script;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    Path target = TestPaths.project().resolve("app/target");
    assumeTrue(
        Files.isRegularFile(target.resolve("hopscope.jar"))
            && Files.isRegularFile(target.resolve("spark-classpath.txt")),
        "run after mvn package");
    script = TestPaths.project().resolve("scripts/spark-cluster");
    Result r = script("start");
    assertThat(r.code()).as(r.output()).isZero();
  }

  @AfterAll
  static void stop() throws IOException, InterruptedException {
    if (script != null) {
      script("stop");
    }
  }

  private record Result(int code, String output) {}

  private static Result script(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("HOPSCOPE_CLUSTER_DIR", dir.resolve("cluster").toString());
    pb.environment().put("HOPSCOPE_JAVA_OPTS", "-Xmx1g");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void analyzeOnTheClusterEqualsLocalMode() throws IOException, InterruptedException {
    Path sample = TestPaths.sampleData().resolve("capacity-ramp-sim");
    String wh = dir.resolve("wh").toString();
    CliRunner.Result ingest =
        CliRunner.run(
            "ingest",
            "--run-id",
            "capacity-ramp-sim",
            "--spec",
            sample.resolve("run.yaml").toString(),
            "--done-file",
            sample.resolve("done-stream.ndjson.gz").toString(),
            "--warehouse",
            wh);
    assertThat(ingest.code()).as(ingest.err()).isZero();
    CliRunner.Result local =
        CliRunner.run(
            "analyze",
            "--run-id",
            "capacity-ramp-sim",
            "--warehouse",
            wh,
            "--out",
            dir.resolve("local").toString());
    assertThat(local.code()).as(local.err()).isIn(0, 1);
    Result cluster =
        script(
            "submit",
            "analyze",
            "--run-id",
            "capacity-ramp-sim",
            "--warehouse",
            wh,
            "--out",
            dir.resolve("cluster-out").toString());
    assertThat(cluster.code()).as(cluster.output()).isEqualTo(local.code());
    // The executors ran on the workers: each worker's work dir holds an application's executor.
    for (int i = 1; i <= 2; i++) {
      try (var apps = Files.list(dir.resolve("cluster/work-" + i))) {
        assertThat(apps.filter(a -> a.getFileName().toString().startsWith("app-")).count())
            .as("worker %d ran an executor", i)
            .isPositive();
      }
    }
    assertThat(summary(dir.resolve("cluster-out"))).isEqualTo(summary(dir.resolve("local")));
  }

  /** The summary without the moment it was written. */
  private static JsonNode summary(Path out) throws IOException {
    ObjectNode s = (ObjectNode) new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    s.remove("generated_at");
    return s;
  }
}
