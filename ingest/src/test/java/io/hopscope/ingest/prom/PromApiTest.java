package io.hopscope.ingest.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.CollectingRows;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus API client's pure parts (windows, queries, credentials) and its HTTP behaviour
 * against a local HTTP server that records what it was sent (the real Prometheus is in the app's
 * PromApiIT; it has no bearer-token auth and never drops a connection on cue).
 */
class PromApiTest {
  @TempDir Path dir;

  @Property
  void aSplitCoversEveryPointOnceWithinTheLimit(
      @ForAll @LongRange(min = 0, max = 1_000_000) long startS,
      @ForAll @IntRange(min = 0, max = 100_000) int points,
      @ForAll @IntRange(min = 1, max = 60) int stepS,
      @ForAll @IntRange(min = 2, max = 11_000) int maxPoints) {
    long step = stepS * 1_000_000_000L;
    PromApi.Range r =
        new PromApi.Range(startS * 1_000_000_000L, startS * 1_000_000_000L + points * step, step);
    List<PromApi.Range> parts = r.split(maxPoints);
    long next = r.startNs();
    for (PromApi.Range p : parts) {
      assertThat(p.startNs()).isEqualTo(next);
      assertThat(p.points()).isBetween(1L, (long) maxPoints);
      next = p.endNs() + step;
    }
    assertThat(next - step).isEqualTo(r.endNs());
    assertThat(parts.stream().mapToLong(PromApi.Range::points).sum()).isEqualTo(r.points());
  }

  @Test
  void aWindowIsWidenedToWholeSteps() {
    PromApi.Range r = PromApi.Range.aligned(12_300_000_000L, 27_000_000_001L, 5_000_000_000L);
    assertThat(r.startNs()).isEqualTo(10_000_000_000L);
    assertThat(r.endNs()).isEqualTo(30_000_000_000L);
    assertThat(r.points()).isEqualTo(5);
    assertThat(PromApi.seconds(1_767_225_600_500_000_000L)).isEqualTo("1767225600.5");
  }

  @Test
  void defaultQueriesTakeLabelMatchersButNotNames() {
    List<PromQuery> d = PromQueries.defaults("{job=~\"gateway|worker\"}");
    assertThat(d).extracting(PromQuery::id).contains("worker_service", "queue_depth", "valkey");
    assertThat(d.get(0).query())
        .isEqualTo(
            "{__name__=~\"worker_service_(seconds|milliseconds|ms|ns)_(bucket|sum|count)\","
                + "job=~\"gateway|worker\"}");
    assertThatThrownBy(() -> PromQueries.defaults("__name__=\"x\""))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("matches on __name__");
  }

  @Test
  void queriesFromAFileReplaceDefaultsByIdAndRefuseDuplicates() throws IOException {
    Path f = dir.resolve("q.yaml");
    Files.writeString(
        f,
        "queries:\n  - {id: cpu, query: 'rate(process_cpu_seconds_total[1m])'}\n  - {id: x1, query: up}\n");
    List<PromQuery> merged =
        PromQueries.merge(PromQueries.defaults(null), PromQueries.fromFile(f), "--prom-queries");
    assertThat(merged).hasSize(PromQueries.DEFAULTS.size() + 1);
    assertThat(merged)
        .filteredOn(q -> q.id().equals("cpu"))
        .singleElement()
        .extracting(PromQuery::query)
        .isEqualTo("rate(process_cpu_seconds_total[1m])");
    Files.writeString(f, "[{id: a, query: up}, {id: a, query: up}]");
    assertThatThrownBy(() -> PromQueries.fromFile(f)).hasMessageContaining("'a' is given twice");
    Files.writeString(f, "[{id: 'a b', query: up}]");
    assertThatThrownBy(() -> PromQueries.fromFile(f)).hasMessageContaining("is not 1-100 of");
    Files.writeString(f, "queries: 3");
    assertThatThrownBy(() -> PromQueries.fromFile(f)).hasMessageContaining("not a list");
  }

  @Test
  void theSpecNamesQueriesUnderTestRunPrometheus() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    com.fasterxml.jackson.databind.JsonNode run =
        yaml.readTree(
            "prometheus:\n  queries:\n    - id: gw_p99\n      query: >-\n"
                + "        histogram_quantile(0.99,\n        sum by (le) (rate(x_bucket[1m])))\n");
    assertThat(PromQueries.fromSpec(run))
        .containsExactly(
            new PromQuery("gw_p99", "histogram_quantile(0.99, sum by (le) (rate(x_bucket[1m])))"));
    assertThat(PromQueries.fromSpec(yaml.readTree("scenario: {name: x}"))).isEmpty();
    assertThatThrownBy(() -> PromQueries.fromSpec(yaml.readTree("prometheus: {queries: 3}")))
        .hasMessageContaining("test_run.prometheus.queries is not a list");
    assertThatThrownBy(
            () -> PromQueries.fromSpec(yaml.readTree("prometheus: {queries: [{id: a}]}")))
        .hasMessageContaining("query 'a' has no PromQL");
  }

  @Test
  void credentialsComeFromTheUrlTheEnvironmentOrAFileAndNeverShow() throws IOException {
    PromTarget basic =
        PromTarget.parse("https://ops:s3cret@prom.example:9443/prometheus/", Map.of(), null, null);
    assertThat(basic.display()).isEqualTo("https://prom.example:9443/prometheus");
    assertThat(basic.auth()).isEqualTo("basic");
    assertThat(basic.authorization()).isEqualTo("Basic b3BzOnMzY3JldA==");
    assertThat(basic.endpoint("/api/v1/query_range").toString())
        .isEqualTo("https://prom.example:9443/prometheus/api/v1/query_range");

    Path token = Files.writeString(dir.resolve("token"), "tok-123\n");
    PromTarget bearer = PromTarget.parse("http://h:9090", Map.of(), token, null);
    assertThat(bearer.authorization()).isEqualTo("Bearer tok-123");
    assertThat(
            PromTarget.parse("http://h:9090", Map.of(PromTarget.TOKEN_ENV, "t"), null, null).auth())
        .isEqualTo("bearer");
    PromTarget env =
        PromTarget.parse("http://u@h:9090", Map.of(PromTarget.PASSWORD_ENV, "pw"), null, null);
    assertThat(env.authorization()).isEqualTo("Basic dTpwdw==");
    assertThat(env.display()).isEqualTo("http://h:9090");

    assertThatThrownBy(() -> PromTarget.parse("http://u@h", Map.of(), null, null))
        .hasMessageContaining("a user but no password");
    assertThatThrownBy(
            () -> PromTarget.parse("http://u:pw@h", Map.of(PromTarget.TOKEN_ENV, "t"), null, null))
        .hasMessageContaining("both a bearer token and basic-auth");
    assertThatThrownBy(() -> PromTarget.parse("ftp://u:pw@h", Map.of(), null, null))
        .hasMessageContaining("not an http:// or https:// URL")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> PromTarget.parse("http://h/?a=1", Map.of(), null, null))
        .hasMessageContaining("has a query");
    Files.writeString(token, "tok-123\nsecond-line\n");
    assertThatThrownBy(() -> PromTarget.parse("http://h:9090", Map.of(), token, null))
        .hasMessageContaining("holds a space, a line break")
        .hasMessageNotContaining("tok-123");
  }

  /** A local server answering query_range: each request is recorded, answers are scripted. */
  private static final class Fake implements AutoCloseable {
    final HttpServer http;
    final List<String> authorizations = new ArrayList<>();
    final List<String> bodies = new ArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile int failFirst;
    volatile String redirectTo;
    volatile int failCode = 503;

    Fake() throws IOException {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext(
          "/api/v1/query_range",
          ex -> {
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int n = calls.incrementAndGet();
            String body;
            int code;
            if (redirectTo != null) {
              ex.getResponseHeaders().add("Location", redirectTo);
              ex.sendResponseHeaders(307, -1);
              ex.close();
              return;
            }
            if (n <= failFirst) {
              code = failCode;
              body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";
            } else {
              code = 200;
              body =
                  "{\"status\":\"success\",\"warnings\":[\"a PromQL warning\"],\"data\":{\"resultType\":\"matrix\","
                      + "\"result\":[{\"metric\":{\"__name__\":\"up\",\"job\":\"w\"},"
                      + "\"values\":[[1767225600,\"1\"],[1767225605,\"+Inf\"]]}]}}";
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, b.length);
            try (OutputStream o = ex.getResponseBody()) {
              o.write(b);
            }
          });
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }

  private static PromApi.Range range() {
    return new PromApi.Range(
        1_767_225_600_000_000_000L, 1_767_225_605_000_000_000L, 5_000_000_000L);
  }

  @Test
  void aBearerTokenGoesInTheHeaderOnlyAndServerErrorsAreRetried() throws IOException {
    try (Fake f = new Fake()) {
      f.failFirst = 2;
      PromApi api =
          new PromApi(
              PromTarget.parse(f.url(), Map.of(PromTarget.TOKEN_ENV, "tok-xyz"), null, null),
              Duration.ofSeconds(10));
      CollectingRows<PromSample> rows = new CollectingRows<>();
      List<String> notes = new ArrayList<>();
      PromApi.Fetched got =
          api.queryRange(
              new PromQuery("up", "up"),
              range(),
              (body, source) ->
                  notes.addAll(PromJsonReader.read(body, source, "up", rows).notes()));
      assertThat(f.calls.get()).isEqualTo(3);
      assertThat(f.authorizations).containsOnly("Bearer tok-xyz");
      assertThat(f.bodies.get(2))
          .isEqualTo("query=up&start=1767225600&end=1767225605&step=5")
          .doesNotContain("tok-xyz");
      assertThat(rows.rows).hasSize(2);
      assertThat(rows.rows.get(1).value()).isInfinite();
      assertThat(notes).containsExactly("a PromQL warning");
      assertThat(got.requests()).isEqualTo(1);
      assertThat(got.sha256()).hasSize(64);
    }
  }

  @Test
  void aRedirectIsReportedNotFollowedWithTheCredentials() throws IOException {
    try (Fake f = new Fake();
        Fake elsewhere = new Fake()) {
      f.redirectTo = elsewhere.url() + "/api/v1/query_range";
      PromApi api =
          new PromApi(
              PromTarget.parse(f.url(), Map.of(PromTarget.TOKEN_ENV, "tok-xyz"), null, null),
              Duration.ofSeconds(10));
      assertThatThrownBy(() -> api.queryRange(new PromQuery("up", "up"), range(), (b, s) -> {}))
          .hasMessageContaining("HTTP 307, a redirect to " + elsewhere.url())
          .hasMessageNotContaining("tok-xyz");
      assertThat(elsewhere.calls.get()).isZero();
    }
  }

  @Test
  void aRefusedQueryStopsWithItsIdAndTheServersReason() throws IOException {
    try (Fake f = new Fake()) {
      f.failFirst = 1;
      f.failCode = 400;
      PromApi api =
          new PromApi(PromTarget.parse(f.url(), Map.of(), null, null), Duration.ofSeconds(10));
      CollectingRows<PromSample> rows = new CollectingRows<>();
      assertThatThrownBy(
              () ->
                  api.queryRange(
                      new PromQuery("q1", "rate(x[5m]"),
                      range(),
                      (body, source) -> PromJsonReader.read(body, source, "q1", rows)))
          .isInstanceOf(HopscopeException.class)
          .hasMessageContaining("refused query 'q1' (rate(x[5m]), HTTP 400: bad_data: parse error");
      assertThat(rows.rows).isEmpty();
    }
  }

  @Test
  void anUnreachableServerIsAnExternalFailure() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PromApi api =
        new PromApi(
            PromTarget.parse("http://127.0.0.1:" + port, Map.of(), null, null),
            Duration.ofSeconds(5));
    assertThatThrownBy(() -> api.queryRange(new PromQuery("up", "up"), range(), (b, s) -> {}))
        .isInstanceOfSatisfying(
            HopscopeException.class, e -> assertThat(e.exitCode().code()).isEqualTo(3))
        .hasMessageContaining("cannot be reached");
  }
}
