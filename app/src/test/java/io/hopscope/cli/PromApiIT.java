package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.SourceRecord;
import io.hopscope.ingest.warehouse.PromSamplesTable;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --prom-url} against a real Prometheus (Debian's package) holding a simulated run's
 * scrapes, backfilled with promtool: the same rows as ingesting the simulator's query_range export
 * of those scrapes, windows split to the API's point limit, basic auth that never leaks, and a
 * whole analyze.
 */
class PromApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "prom-api";

  @TempDir static Path shared;
  @TempDir Path dir;

  private static PrometheusServer server;
  private static Path spec;
  private static Path done;
  private static Path export;

  @BeforeAll
  static void startPrometheus() throws Exception {
    spec = TestPaths.sampleData().resolve("capacity-ramp-sim/run.yaml");
    PrometheusServer.Simulated sim = PrometheusServer.simulate(RUN, shared, "--service-ms", "20");
    done = sim.done();
    export = sim.export();
    server =
        PrometheusServer.backfilled(
            sim.openMetrics(), shared, new PrometheusServer.Options("4s", true, List.of()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Map<String, String> credentials() {
    return Map.of("HOPSCOPE_PROM_PASSWORD", PrometheusServer.PASSWORD);
  }

  /** The raw selectors of the simulator's exported series, under the export's ids. */
  private Path sameSeriesQueries() throws IOException {
    Path q = dir.resolve("queries.yaml");
    Files.writeString(
        q,
        """
        queries:
          - {id: queue_depth, query: queue_depth}
          - {id: worker_busy_ratio, query: worker_busy_ratio}
          - {id: worker_jobs_total, query: worker_jobs_total}
          - {id: worker_service_seconds_bucket, query: worker_service_seconds_bucket}
          - {id: hop_requests_total, query: hop_requests_total}
          - {id: queue_delay_seconds_bucket, query: queue_delay_seconds_bucket}
          - {id: hop_latency_seconds_bucket, query: hop_latency_seconds_bucket}
        """);
    return q;
  }

  private record Sample(
      String metric, Map<String, String> labels, long ts, double value, String q) {}

  private static List<Sample> samples(Path warehouse) {
    List<Sample> out = new ArrayList<>();
    Warehouse wh = Warehouses.open(warehouse.toString());
    TableReader.forEach(
        wh,
        RunsTable.FAMILY,
        PromSamplesTable.TABLE,
        new RunId(RUN),
        r -> {
          @SuppressWarnings("unchecked")
          Map<CharSequence, CharSequence> l =
              (Map<CharSequence, CharSequence>) r.getField(PromSamplesTable.LABELS);
          Map<String, String> labels = new java.util.TreeMap<>();
          l.forEach((k, v) -> labels.put(k.toString(), v.toString()));
          out.add(
              new Sample(
                  r.getField(PromSamplesTable.METRIC).toString(),
                  labels,
                  (Long) r.getField(PromSamplesTable.TS_NS),
                  (Double) r.getField(PromSamplesTable.VALUE),
                  String.valueOf(r.getField(PromSamplesTable.QUERY))));
        });
    return out;
  }

  private static List<SourceRecord> sources(Path warehouse) {
    List<SourceRecord> out = new ArrayList<>();
    Warehouse wh = Warehouses.open(warehouse.toString());
    TableReader.forEach(
        wh,
        RunsTable.FAMILY,
        RunsTable.TABLE,
        new RunId(RUN),
        r -> out.addAll(SourceRecord.parse(r.getField(RunsTable.SOURCES).toString())));
    return out;
  }

  /** {@code ingest} of the simulated run's done stream into {@code wh}, with more options. */
  private static CliRunner.Result ingest(Map<String, String> env, Path wh, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--run-id",
                RUN,
                "--done-file",
                done.toString(),
                "--warehouse",
                wh.toString()));
    args.addAll(List.of(more));
    return CliRunner.run(env, args.toArray(String[]::new));
  }

  @Test
  void queryingTheServerGivesTheRowsOfItsExport() throws IOException {
    Path fromFiles = dir.resolve("wh-files");
    Path fromApi = dir.resolve("wh-api");
    CliRunner.Result a =
        ingest(Map.of(), fromFiles, "--spec", spec.toString(), "--prom", export.toString());
    assertThat(a.code()).as(a.err()).isZero();
    CliRunner.Result b =
        ingest(
            credentials(),
            fromApi,
            "--spec",
            spec.toString(),
            "--prom-url",
            server.urlWithUser(),
            "--no-prom-defaults",
            "--prom-queries",
            sameSeriesQueries().toString());
    assertThat(b.code()).as(b.err()).isZero();

    List<Sample> files = samples(fromFiles);
    List<Sample> api = samples(fromApi);
    assertThat(files).hasSizeGreaterThan(2_000);
    assertThat(api).containsExactlyInAnyOrderElementsOf(files);

    List<SourceRecord> recorded =
        sources(fromApi).stream().filter(s -> s.kind().equals("prometheus-api")).toList();
    assertThat(recorded)
        .extracting(s -> s.facts().get("query_id"))
        .containsExactly(
            "queue_depth",
            "worker_busy_ratio",
            "worker_jobs_total",
            "worker_service_seconds_bucket",
            "hop_requests_total",
            "queue_delay_seconds_bucket",
            "hop_latency_seconds_bucket");
    SourceRecord depth = recorded.get(0);
    assertThat(depth.location()).isEqualTo(server.url() + " queue_depth");
    assertThat(depth.facts())
        .containsEntry("server", server.url())
        .containsEntry("query", "queue_depth")
        .containsEntry("step", "5s")
        .containsEntry("auth", "basic")
        .containsEntry("requests", 1)
        // spec start_ns 2026-01-01T00:00:00Z, minus 1 min; the cool-down is the spec's drain gate
        .containsEntry("start", "2025-12-31T23:59:00Z")
        .containsKey("server_version");
    assertThat(depth.sha256()).hasSize(64);
    assertThat(depth.counts()).containsEntry("series", 1L);
  }

  @Test
  void aWindowBeyondTheApisPointLimitIsSplit() throws Exception {
    // 1 s steps over the run and 4 h of cool-down: about 15,700 points per series, which the
    // API refuses in one request.
    HttpRequest whole =
        HttpRequest.newBuilder(
                URI.create(
                    server.url()
                        + "/api/v1/query_range?query=queue_depth&start=1767225540&end=1767241300&step=1"))
            .header("Authorization", basic())
            .build();
    HttpResponse<String> refused =
        HttpClient.newHttpClient().send(whole, HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("exceeded maximum resolution of 11,000 points");

    Path wh = dir.resolve("wh");
    CliRunner.Result r =
        ingest(
            credentials(),
            wh,
            "--spec",
            spec.toString(),
            "--prom-url",
            server.urlWithUser(),
            "--no-prom-defaults",
            "--prom-queries",
            sameSeriesQueries().toString(),
            "--prom-step",
            "1s",
            "--prom-cooldown",
            "4h");
    assertThat(r.code()).as(r.err()).isZero();
    List<Sample> split = samples(wh);
    // Asked by this test in its own hour-long pieces (other boundaries than hopscope's), the
    // server gives the same number of points: none lost or fetched twice where requests meet.
    SourceRecord first =
        sources(wh).stream()
            .filter(x -> x.kind().equals("prometheus-api"))
            .findFirst()
            .orElseThrow();
    long start = java.time.Instant.parse((String) first.facts().get("start")).getEpochSecond();
    long end = java.time.Instant.parse((String) first.facts().get("end")).getEpochSecond();
    long expected = 0;
    for (String q :
        List.of(
            "queue_depth",
            "worker_busy_ratio",
            "worker_jobs_total",
            "worker_service_seconds_bucket",
            "hop_requests_total",
            "queue_delay_seconds_bucket",
            "hop_latency_seconds_bucket")) {
      for (long t = start; t <= end; t += 3600) {
        expected += points(q, t, Math.min(end, t + 3599));
      }
    }
    assertThat(split).hasSize((int) expected).hasSizeGreaterThan(samples(ingestFiles()).size());
    Set<String> keys = new HashSet<>();
    split.forEach(s -> assertThat(keys.add(s.metric() + s.labels() + s.ts())).isTrue());
    assertThat(sources(wh))
        .filteredOn(s -> s.kind().equals("prometheus-api"))
        .allSatisfy(
            s -> assertThat(s.facts()).containsEntry("requests", 2).containsEntry("step", "1s"));
  }

  /** Points the server returns for a selector at a 1 s step, asked directly. */
  private static long points(String selector, long startS, long endS) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    server.url()
                        + "/api/v1/query_range?query="
                        + selector
                        + "&start="
                        + startS
                        + "&end="
                        + endS
                        + "&step=1"))
            .header("Authorization", basic())
            .build();
    JsonNode r =
        JSON.readTree(
            HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body());
    assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("success");
    long n = 0;
    for (JsonNode series : r.path("data").path("result")) {
      n += series.path("values").size();
    }
    return n;
  }

  private Path ingestFiles() {
    Path wh = dir.resolve("wh-files-only");
    CliRunner.Result r = ingest(Map.of(), wh, "--prom", export.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return wh;
  }

  private static String basic() {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (PrometheusServer.USER + ":" + PrometheusServer.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void analyzeWithTheDefaultQueriesAndTheSecretNeverLeaks() throws IOException {
    Path wh = dir.resolve("wh");
    Path out = dir.resolve("out");
    CliRunner.Result r =
        CliRunner.run(
            credentials(),
            "analyze",
            "--run-id",
            RUN,
            "--spec",
            spec.toString(),
            "--done-file",
            done.toString(),
            "--prom-url",
            server.urlWithUser(),
            "--warehouse",
            wh.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isIn(0, 1);
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    // The default set finds every series the simulator scraped under the playbook's names.
    assertThat(summary.path("inputs").path("prom_samples").asLong())
        .isEqualTo(samples(ingestFiles()).size());
    assertThat(Files.readString(out.resolve("index.html"))).contains("worker_busy_ratio");
    // The report and exports are plain text; the warehouse's Parquet is compressed, so its one
    // place for server facts, the manifest's sources, is read back and searched.
    assertNoSecret(r.out() + r.err() + sources(wh), out);

    CliRunner.Result wrong =
        ingest(
            Map.of("HOPSCOPE_PROM_PASSWORD", "not-the-" + PrometheusServer.PASSWORD),
            dir.resolve("wh2"),
            "--prom-url",
            server.urlWithUser());
    assertThat(wrong.code()).isEqualTo(3);
    assertThat(wrong.err()).contains("refused the request (HTTP 401, authentication basic)");
    assertThat(wrong.err()).doesNotContain(PrometheusServer.PASSWORD);

    CliRunner.Result badQuery =
        ingest(
            credentials(),
            dir.resolve("wh3"),
            "--prom-url",
            server.urlWithUser(),
            "--no-prom-defaults",
            "--prom-queries",
            Files.writeString(dir.resolve("bad.yaml"), "[{id: broken, query: 'rate(x[5m]'}]")
                .toString());
    assertThat(badQuery.code()).isEqualTo(2);
    assertThat(badQuery.err()).contains("refused query 'broken'").contains("bad_data");
    assertThat(samples(dir.resolve("wh3"))).isEmpty();
  }

  private static void assertNoSecret(String printed, Path... trees) throws IOException {
    assertThat(printed).doesNotContain(PrometheusServer.PASSWORD);
    byte[] secret = PrometheusServer.PASSWORD.getBytes(StandardCharsets.UTF_8);
    for (Path tree : trees) {
      try (Stream<Path> files = Files.walk(tree)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          byte[] b = Files.readAllBytes(f);
          assertThat(indexOf(b, secret)).as(f.toString()).isEqualTo(-1);
        }
      }
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
