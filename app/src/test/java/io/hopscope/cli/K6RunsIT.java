package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real k6 runs as teams record them (fixtures written by {@code k6runs/make_fixtures.py} in k6's
 * own formats): no spec, iterations of several requests, k6 before http_req_failed, a spec for
 * another time, a constant-VU test, an aborted run, and a load the gateway could not take.
 */
class K6RunsIT {
  private static final long T0_NS = 1_780_000_000_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static Path fixture(String name) {
    return TestPaths.project().resolve("app/src/test/resources/k6runs").resolve(name);
  }

  private CliRunner.Result analyze(String run, String... more) {
    List<String> args = new ArrayList<>(List.of("analyze", "--run-id", run));
    args.addAll(List.of("--warehouse", dir.resolve("wh").toString()));
    args.addAll(List.of("--out", dir.resolve("out-" + run).toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  private JsonNode summary(String run) throws IOException {
    return JSON.readTree(dir.resolve("out-" + run).resolve("summary.json").toFile());
  }

  private static List<String> warnings(JsonNode s) {
    List<String> out = new ArrayList<>();
    s.path("warnings").forEach(w -> out.add(w.asText()));
    return out;
  }

  private Path spec(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, body);
    return p;
  }

  @Test
  void aSteppedArrivalRateRunNeedsNoSpec() throws IOException {
    CliRunner.Result r =
        analyze("step", "--k6", fixture("stepped-arrival-2req.json.gz").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode s = summary("step");
    assertThat(s.path("schedule").path("inferred").asBoolean()).isTrue();
    JsonNode ps = s.path("plateaus");
    assertThat(ps).hasSize(4);
    List<String> kinds = new ArrayList<>();
    ps.forEach(p -> kinds.add(p.path("kind").asText()));
    assertThat(kinds).containsExactly("plateau", "plateau", "ramp", "plateau");
    assertThat(ps.get(0).path("target_rps").asDouble()).isCloseTo(5, within(0.2));
    assertThat(ps.get(1).path("target_rps").asDouble()).isCloseTo(10, within(0.3));
    // The schedule counts dropped iterations (they were scheduled): the last stage is 20/s.
    assertThat(ps.get(3).path("target_rps").asDouble()).isCloseTo(20, within(0.6));
    for (JsonNode p : ps) {
      JsonNode k6 = p.path("k6");
      double seconds = p.path("duration_s").asDouble();
      // Two requests per iteration: offered and achieved are requests, and achieved <= offered.
      assertThat(p.path("achieved_rps").asDouble())
          .isLessThanOrEqualTo(p.path("offered_rps").asDouble() + 1e-9);
      assertThat(p.path("offered_rps").asDouble())
          .isGreaterThanOrEqualTo(k6.path("requests").asLong() / seconds - 1e-9);
      assertThat(k6.path("requests_rps").asDouble())
          .isCloseTo(2 * k6.path("iterations_rps").asDouble(), within(0.2));
    }
    // k6 ran out of VUs at 20/s: the plateau is short of its schedule and says why.
    assertThat(ps.get(3).path("below_schedule").asBoolean()).isTrue();
    assertThat(warnings(s))
        .anyMatch(w -> w.startsWith("plateau 3 ran at") && w.contains("k6 dropped"))
        .anyMatch(w -> w.startsWith("no run spec: 4 stages inferred from the k6 iterations"));
    // Redirects (302) are not failures.
    assertThat(ps.get(1).path("k6").path("by_status").has("302")).isTrue();
    assertThat(s.path("gates").toString()).contains("max_error_rate");
    assertThat(ps.get(1).path("error_rate").asDouble()).isZero();

    // The inferred stages are a spec: pinned, they give the same windows.
    Path pinned = dir.resolve("out-step").resolve("run.inferred.yaml");
    assertThat(Files.readString(pinned)).contains("test_run:", "start_ns: " + T0_NS);
    CliRunner.Result again =
        analyze(
            "step-pinned",
            "--spec",
            pinned.toString(),
            "--k6",
            fixture("stepped-arrival-2req.json.gz").toString());
    assertThat(again.code()).as(again.err()).isZero();
    JsonNode p2 = summary("step-pinned");
    assertThat(p2.path("schedule").path("inferred").asBoolean()).isFalse();
    for (int i = 0; i < 4; i++) {
      assertThat(p2.path("plateaus").get(i).path("start_ns").asLong())
          .isEqualTo(ps.get(i).path("start_ns").asLong());
      assertThat(p2.path("plateaus").get(i).path("target_rps").asDouble())
          .isEqualTo(ps.get(i).path("target_rps").asDouble());
    }
    assertThat(Files.exists(dir.resolve("out-step-pinned").resolve("run.inferred.yaml"))).isFalse();
  }

  @Test
  void oneDefinitionOfAFailedRequestForOldK6() throws IOException {
    Path spec =
        spec(
            "old.yaml",
            """
            test_run:
              scenario:
                name: old
                stages:
                  - rps: 20
                    duration_seconds: 88
              gates:
                max_error_rate: 0.5
                routes:
                  - name: "GET /flaky"
                    error_rate: 0.05
                  - name: "GET /home"
                    error_rate: 0.05
            """);
    CliRunner.Result r =
        analyze(
            "old", "--spec", spec.toString(), "--k6", fixture("old-k6-refused.json.gz").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode s = summary("old");
    JsonNode k6 = s.path("plateaus").get(0).path("k6");
    // k6 0.30 wrote no http_req_failed: status 0 (refused) fails, 301 does not.
    assertThat(k6.path("by_status").path("301").asLong()).isPositive();
    assertThat(k6.path("failed").asLong()).isEqualTo(k6.path("by_status").path("0").asLong());
    assertThat(k6.path("by_error_code").path("1212").asLong())
        .isEqualTo(k6.path("failed").asLong());
    JsonNode flaky = null;
    JsonNode home = null;
    for (JsonNode route : k6.path("routes")) {
      if (route.path("name").asText().equals("GET /flaky")) {
        flaky = route;
      } else {
        home = route;
      }
    }
    assertThat(flaky.path("error_rate").asDouble()).isCloseTo(0.2, within(0.03));
    assertThat(home.path("error_rate").asDouble()).isZero();
    // Each failed request of the route by what it failed as: all refused connections.
    assertThat(flaky.path("failures").get(0).path("error_code").asText()).isEqualTo("1212");
    assertThat(flaky.path("failures").get(0).path("count").asLong())
        .isEqualTo(flaky.path("failed").asLong());
    assertThat(flaky.path("failures").get(0).path("message").asText())
        .isEqualTo("dial tcp 127.0.0.1:8080: connect: connection refused");
    // The run's checks come from its check samples, one row per check and group; a check fails
    // exactly when its request was refused (356 times in the fixture).
    JsonNode checks = s.path("k6_checks");
    assertThat(checks).hasSize(2);
    for (JsonNode c : checks) {
      long runs = c.path("passes").asLong() + c.path("fails").asLong();
      assertThat(runs).as(c.toString()).isEqualTo(1800);
      if (c.path("name").asText().equals("flaky answers")) {
        assertThat(c.path("group").asText()).isEqualTo("::flaky");
        // Over the whole run (the spec's windows hold 88 of its 90 s).
        assertThat(c.path("fails").asLong())
            .isGreaterThanOrEqualTo(flaky.path("failed").asLong())
            .isEqualTo(356);
      } else {
        assertThat(c.path("name").asText()).isEqualTo("home is up");
        assertThat(c.path("fails").asLong()).isZero();
      }
    }
    String html = Files.readString(dir.resolve("out-old").resolve("index.html"));
    assertThat(html).contains("Checks (k6)").contains("error 1212 connection refused");
    String gates = s.path("gates").toString();
    assertThat(gates).contains("GET /flaky");
    boolean flakyFailed = false;
    for (JsonNode g : s.path("gates")) {
      if (g.path("name").asText().contains("GET /flaky")) {
        flakyFailed |= !g.path("passed").asBoolean();
      }
      if (g.path("name").asText().contains("GET /home")) {
        assertThat(g.path("passed").asBoolean()).as(g.toString()).isTrue();
      }
    }
    assertThat(flakyFailed).as(gates).isTrue();
    // The run's error rate is the same definition: failures over all requests.
    assertThat(s.path("plateaus").get(0).path("error_rate").asDouble())
        .isCloseTo(
            (double) k6.path("failed").asLong() / k6.path("requests").asLong(), within(1e-12));
    Path routes = dir.resolve("out-old").resolve("routes.csv");
    assertThat(Files.readString(routes))
        .contains(
            ",GET /flaky,"
                + flaky.path("requests").asLong()
                + ","
                + flaky.path("failed").asLong()
                + ",");
  }

  @Test
  void aSpecForAnotherTimeIsExit2WithBothRanges() throws IOException {
    Path spec =
        spec(
            "tz.yaml",
            "test_run:\n  scenario:\n    name: tz\n    start_ns: "
                + (T0_NS + 7_200_000_000_000L)
                + "\n    stages:\n      - rps: 30\n        duration_seconds: 120\n");
    CliRunner.Result r =
        analyze(
            "tz", "--spec", spec.toString(), "--k6", fixture("constant-vus.json.gz").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("tz.yaml: the spec's schedule (2026-05-28T22:26:40Z to 2026-05-28T22:28:40Z UTC")
        .contains("the data runs from 2026-05-28T20:26:40Z")
        .contains("scenario.start_ns is 2 h after the data: a local time taken for UTC?")
        .contains("analyze without --spec");
  }

  @Test
  void aConstantVuTestIsOnePlateauAtItsVuCount() throws IOException {
    CliRunner.Result r = analyze("vus", "--k6", fixture("constant-vus.json.gz").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode s = summary("vus");
    assertThat(s.path("plateaus")).hasSize(1);
    assertThat(s.path("schedule").path("inferred").asBoolean()).isTrue();
    assertThat(s.path("plateaus").get(0).path("below_schedule").asBoolean()).isFalse();
    // Constant VUs run at their VU count by design: no "VU limit" warning.
    assertThat(warnings(s)).noneMatch(w -> w.contains("VU limit"));
    assertThat(warnings(s)).anyMatch(w -> w.startsWith("no run spec: 1 stage inferred"));

    // report re-renders from the warehouse alone, byte for byte (the clock is fixed here).
    Path again = dir.resolve("report-vus");
    CliRunner.Result rep =
        CliRunner.run(
            "report",
            "--run-id",
            "vus",
            "--warehouse",
            dir.resolve("wh").toString(),
            "--out",
            again.toString());
    assertThat(rep.code()).as(rep.err()).isZero();
    Path first = dir.resolve("out-vus");
    List<Path> files;
    try (var walk = Files.walk(first)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    for (Path f : files) {
      Path other = again.resolve(first.relativize(f));
      assertThat(Files.mismatch(f, other)).as(first.relativize(f).toString()).isEqualTo(-1L);
    }
  }

  @Test
  void anAbortedRunSaysSoOnce() throws IOException {
    Path spec =
        spec(
            "aborted.yaml",
            "test_run:\n  scenario:\n    name: aborted\n    start_ns: "
                + T0_NS
                + "\n    stages:\n"
                + "      - rps: 36\n        duration_seconds: 60\n".repeat(4));
    CliRunner.Result r =
        analyze(
            "aborted", "--spec", spec.toString(), "--k6", fixture("aborted.json.gz").toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> w = warnings(summary("aborted"));
    assertThat(w.stream().filter(x -> x.startsWith("the data ends"))).hasSize(1);
    assertThat(w)
        .anyMatch(
            x ->
                x.startsWith(
                        "the data ends about 80 s into a 240 s schedule, inside plateau 1 (windows 0"
                            + " to 3)")
                    && x.endsWith("plateau 1 is left out of the envelope, the knee and sizing"));
    JsonNode cut = summary("aborted").path("plateaus").get(1);
    assertThat(cut.path("cut_short").asBoolean()).isTrue();
    assertThat(summary("aborted").path("plateaus").get(0).path("cut_short").asBoolean()).isFalse();
    // Its p95 is not on the envelope: the envelope holds the one whole plateau.
    JsonNode charts =
        JSON.readTree(dir.resolve("out-aborted").resolve("charts").resolve("charts.json").toFile());
    for (JsonNode c : charts) {
      if (c.path("id").asText().equals("envelope")) {
        assertThat(c.path("series").get(0).path("points")).hasSize(1);
      }
    }
    assertThat(w).noneMatch(x -> x.startsWith("plateau 1 lasts"));
    assertThat(w).noneMatch(x -> x.contains("no completed jobs or requests"));
    assertThat(w).noneMatch(x -> x.contains("short of the"));
  }

  @Test
  void aLoadTheGatewayCouldNotTakeIsFlaggedForDoneStreamRuns() throws IOException {
    Path spec =
        spec(
            "short.yaml",
            "test_run:\n  scenario:\n    name: short\n    start_ns: "
                + T0_NS
                + "\n    stages:\n"
                + "      - rps: 20\n        duration_seconds: 60\n"
                + "      - rps: 40\n        duration_seconds: 60\n"
                + "      - rps: 80\n        duration_seconds: 60\n");
    Path done = fixture("short-of-schedule.ndjson.gz");
    CliRunner.Result r =
        analyze("short-of-schedule", "--spec", spec.toString(), "--done-file", done.toString());
    assertThat(r.code()).as(r.err()).isIn(0, 1);
    JsonNode s = summary("short-of-schedule");
    List<Boolean> below = new ArrayList<>();
    s.path("plateaus").forEach(p -> below.add(p.path("below_schedule").asBoolean()));
    assertThat(below).containsExactly(false, true, true);
    assertThat(warnings(s))
        .anyMatch(w -> w.startsWith("plateau 2 ran at 3") && w.contains("short of the 80.0/s"));
    assertThat(s.path("knee").isNull() || s.path("knee").path("plateau_index").asInt() == 0)
        .isTrue();

    // Without a spec, the stages come from the enqueue rate: 20/s, then 35/s.
    CliRunner.Result inferred = analyze("short-of-schedule", "--done-file", done.toString());
    assertThat(inferred.code()).as(inferred.err()).isIn(0, 1);
    JsonNode i = summary("short-of-schedule");
    assertThat(i.path("schedule").path("inferred").asBoolean()).isTrue();
    assertThat(i.path("plateaus")).hasSize(2);
    assertThat(i.path("plateaus").get(0).path("target_rps").asDouble()).isCloseTo(20, within(1.5));
    assertThat(i.path("plateaus").get(1).path("target_rps").asDouble()).isCloseTo(35, within(2.0));
  }

  @Test
  void aSummaryOnlyRunReportsWhatTheSummaryHolds() throws IOException {
    CliRunner.Result r =
        analyze("summary", "--k6-summary", fixture("handle-summary.json").toString());
    // k6's own threshold p(95)<120 failed: a gate named after the metric fails.
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err())
        .contains("gate k6_threshold http_req_duration p(95)<120: FAIL (observed 132, limit 120)")
        .contains("gate k6_threshold http_req_failed rate<0.02: pass");
    JsonNode s = summary("summary");
    JsonNode p = s.path("plateaus").get(0);
    assertThat(s.path("plateaus")).hasSize(1);
    assertThat(p.path("k6").path("requests").asLong()).isEqualTo(7621);
    assertThat(p.path("k6").path("failed").asLong()).isEqualTo(76);
    assertThat(p.path("error_rate").asDouble()).isCloseTo(76.0 / 7621, within(1e-12));
    assertThat(p.path("http_ms").path("p95").asDouble()).isEqualTo(131.9);
    assertThat(p.path("http_ms").path("p90").asDouble()).isEqualTo(88.3);
    assertThat(p.path("duration_s").asDouble()).isCloseTo(61.2345, within(1e-6));
    // Never 1970: the summary file's time dates the run.
    assertThat(s.path("schedule").path("t0_ns").asLong()).isGreaterThan(1_700_000_000_000_000_000L);
    JsonNode checks = s.path("k6_summary").path("checks");
    assertThat(checks).hasSize(2);
    assertThat(checks.toString())
        .contains(
            "\"name\":\"order accepted\",\"group\":\"::checkout\",\"passes\":3734,\"fails\":76")
        .contains("\"name\":\"status is 200\",\"group\":\"\",\"passes\":3811,\"fails\":0");
    String html = Files.readString(dir.resolve("out-summary").resolve("index.html"));
    assertThat(html)
        .contains("7621 requests (k6 summary)")
        .contains("k6 end-of-test summary")
        .contains("order accepted")
        .doesNotContain("1970-")
        .doesNotContain("no completed jobs or requests");
  }
}
