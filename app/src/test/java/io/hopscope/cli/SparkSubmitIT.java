package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar (Spark provided) runs under Spark's own launcher, {@code spark-submit --class
 * io.hopscope.cli.Main hopscope.jar analyze …}, in a separate JVM with only Spark's jars beside it.
 */
class SparkSubmitIT {
  @TempDir Path dir;

  @Test
  void analyzeRunsUnderSparkSubmit() throws IOException, InterruptedException {
    Path target = TestPaths.project().resolve("app/target");
    Path jar = target.resolve("hopscope.jar");
    Path classpath = target.resolve("spark-classpath.txt");
    assumeTrue(Files.isRegularFile(jar) && Files.isRegularFile(classpath), "run after mvn package");
    Path sample = TestPaths.sampleData().resolve("capacity-ramp-sim");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(BuildInfo.sparkJvmOptions().trim().split("\\s+")));
    cmd.addAll(
        List.of(
            "-Xmx2g",
            "-Djava.awt.headless=true",
            "-cp",
            Files.readString(classpath).trim(),
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "local[2]",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            "--class",
            "io.hopscope.cli.Main",
            jar.toString(),
            "analyze",
            "--run-id",
            "capacity-ramp-sim",
            "--spec",
            sample.resolve("run.yaml").toString(),
            "--done-file",
            sample.resolve("done-stream.ndjson.gz").toString(),
            "--warehouse",
            dir.resolve("wh").toString(),
            "--out",
            dir.resolve("out").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("report: " + dir.resolve("out/index.html"));
    // Spark's default logging (INFO) shadowed hopscope's under spark-submit: a line per job.
    assertThat(output).doesNotContain("INFO DAGScheduler");
    JsonNode s = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    assertThat(s.path("inputs").path("jobs").asLong()).isEqualTo(26_341);
  }
}
