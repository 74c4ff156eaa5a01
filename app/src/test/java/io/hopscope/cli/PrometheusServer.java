package io.hopscope.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (Debian's package, installed by scripts/test) on a free loopback port, serving
 * TSDB blocks that {@code promtool tsdb create-blocks-from openmetrics} made from a simulated run's
 * scrapes. It scrapes nothing; it is stopped by {@link #close()}.
 */
final class PrometheusServer implements AutoCloseable {
  /** The basic-auth user and password of {@link Options#basicAuth} servers. */
  static final String USER = "hopscope";

  static final String PASSWORD = "hopscope-test-secret";

  /** bcrypt of {@link #PASSWORD} (python3 crypt, METHOD_BLOWFISH), as the web config wants it. */
  private static final String PASSWORD_BCRYPT =
      "$2b$12$oqOJ8mD00UkbrqRJbrVFJOGz/JGlnQMOG4qwEIdFtTt8f9iApdT8y";

  /**
   * How to start it.
   *
   * @param lookback {@code --query.lookback-delta}: under the 5 s scrape step, a range query
   *     returns each scrape once (as an export of the scrapes holds it), not repeated for 5 minutes
   *     after the last one as the default would
   * @param basicAuth require {@link #USER}/{@link #PASSWORD}
   * @param ruleFiles rule files the server loads (and evaluates over the backfilled data from then
   *     on)
   */
  record Options(String lookback, boolean basicAuth, List<Path> ruleFiles) {
    static Options exact() {
      return new Options("4s", false, List.of());
    }
  }

  private final Process process;
  private final String url;
  private final Path log;

  private PrometheusServer(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** A simulated run's files: its done stream, its query_range export and its scrapes. */
  record Simulated(Path done, Path export, Path openMetrics) {}

  /**
   * Simulates run {@code run} of the sample capacity ramp into {@code dir}, with its Prometheus
   * export and its scrapes as OpenMetrics.
   *
   * @param options more simulate options, e.g. the service time
   */
  static Simulated simulate(String run, Path dir, String... options) {
    Simulated s =
        new Simulated(
            dir.resolve("done.ndjson.gz"), dir.resolve("prom"), dir.resolve("scrapes.om"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "simulate",
                "--run-id",
                run,
                "--spec",
                TestPaths.sampleData().resolve("capacity-ramp-sim/run.yaml").toString(),
                "--out",
                s.done().toString(),
                "--prom-out",
                s.export().toString(),
                "--prom-openmetrics",
                s.openMetrics().toString()));
    args.addAll(List.of(options));
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    org.assertj.core.api.Assertions.assertThat(r.code()).as(r.err()).isZero();
    return s;
  }

  static String promtool() {
    String bin = System.getenv("HOPSCOPE_TEST_PROMTOOL");
    Assumptions.assumeTrue(
        bin != null && !bin.isBlank(),
        "HOPSCOPE_TEST_PROMTOOL is not set: run through scripts/test, which installs Prometheus");
    return bin;
  }

  /** Backfills {@code openMetrics} into {@code dir}/tsdb and starts a server on it. */
  static PrometheusServer backfilled(Path openMetrics, Path dir, Options options)
      throws IOException, InterruptedException {
    String server = System.getenv("HOPSCOPE_TEST_PROMETHEUS");
    Assumptions.assumeTrue(
        server != null && !server.isBlank(),
        "HOPSCOPE_TEST_PROMETHEUS is not set: run through scripts/test, which installs"
            + " Prometheus");
    Path tsdb = dir.resolve("tsdb");
    run(
        dir,
        promtool(),
        "tsdb",
        "create-blocks-from",
        "openmetrics",
        openMetrics.toString(),
        tsdb.toString());
    StringBuilder config =
        new StringBuilder("global:\n  scrape_interval: 5s\n  evaluation_interval: 5s\n");
    if (!options.ruleFiles().isEmpty()) {
      config.append("rule_files:\n");
      options
          .ruleFiles()
          .forEach(f -> config.append("  - ").append(f.toAbsolutePath()).append('\n'));
    }
    Path cfg = dir.resolve("prometheus.yml");
    Files.writeString(cfg, config, StandardCharsets.UTF_8);
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(server);
    cmd.add("--config.file=" + cfg);
    cmd.add("--storage.tsdb.path=" + tsdb);
    cmd.add("--storage.tsdb.retention.time=100y");
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.add("--query.lookback-delta=" + options.lookback());
    if (options.basicAuth()) {
      Path web = dir.resolve("web.yml");
      Files.writeString(
          web,
          "basic_auth_users:\n  " + USER + ": '" + PASSWORD_BCRYPT + "'\n",
          StandardCharsets.UTF_8);
      cmd.add("--web.config.file=" + web);
    }
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer s = new PrometheusServer(p, "http://127.0.0.1:" + port, log);
    s.awaitReady(options.basicAuth());
    return s;
  }

  String url() {
    return url;
  }

  /** The URL with the test user (no password: that comes from the environment). */
  String urlWithUser() {
    return url.replace("http://", "http://" + USER + "@");
  }

  private void awaitReady(boolean auth) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + Files.readString(log));
      }
      try {
        HttpRequest.Builder req =
            HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2));
        if (auth) {
          req.header(
              "Authorization",
              "Basic "
                  + java.util.Base64.getEncoder()
                      .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        if (http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    close();
    throw new IllegalStateException("prometheus not ready in 60 s: " + Files.readString(log));
  }

  /** Runs a tool, failing with its output when it fails or outlives 2 minutes; its output. */
  static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "tool-", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (!done || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
