package io.hopscope.analytics.core;

import static io.hopscope.analytics.core.KneeDetectorTest.plateau;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatesTest {
  private static final Optional<Drain> DRAINED = Optional.of(new Drain(0, 12.0, 0, 40));

  @Test
  void defaultsApplyWhenTheSpecSaysNothing() {
    GateConfig c = GateConfig.defaults();
    assertThat(c.maxErrorRate()).isEqualTo(0.001);
    assertThat(c.backlogMustDrainSeconds()).isEqualTo(300);
    assertThat(c.sloMsP95Hop()).isEmpty();
    assertThat(c.maxP95HopRegression()).isEqualTo(0.10);
    assertThat(c.maxKneeRegression()).isEqualTo(0.10);
    assertThat(c.maxP95Drift()).isEqualTo(0.15);
  }

  @Test
  void sloIsJudgedOnPlateausBelowTheKneeOnly() {
    List<PlateauResult> ps =
        List.of(
            plateau(0, 10, 1, 20, 40, 0, 0),
            plateau(1, 20, 5, 100, 40, 0, 0),
            plateau(2, 30, 900, 5000, 40, 0, 900));
    Knee knee = new Knee(2, 30, "test", List.of("backlog_growth"));
    GateConfig c = GateConfig.from(Map.of(GateConfig.SLO_MS_P95_HOP, 500.0));
    Gates.Verdicts v = Gates.evaluate(c, ps, Optional.of(knee), DRAINED, null, Map.of());
    GateResult slo =
        v.results().stream()
            .filter(g -> g.name().equals("slo_ms_p95_hop"))
            .findFirst()
            .orElseThrow();
    assertThat(slo.passed()).isTrue();
    assertThat(slo.observed()).isEqualTo(180.0);
    assertThat(slo.detail()).contains("plateau 1");
    assertThat(v.allPassed()).isTrue();
    assertThat(v.notEvaluated()).anyMatch(s -> s.gate().equals("max_error_rate"));
  }

  @Test
  void failsWhenTheBacklogNeverDrainsOrDrainsTooSlowly() {
    GateConfig c = GateConfig.from(Map.of(GateConfig.BACKLOG_MUST_DRAIN_SECONDS, 10.0));
    Gates.Verdicts slow = Gates.evaluate(c, List.of(), Optional.empty(), DRAINED, null, Map.of());
    assertThat(slow.allPassed()).isFalse();
    Gates.Verdicts never =
        Gates.evaluate(
            GateConfig.defaults(),
            List.of(),
            Optional.empty(),
            Optional.of(new Drain(0, null, 0, 5)),
            null,
            Map.of());
    assertThat(never.results())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.passed()).isFalse();
              assertThat(g.observed()).isNull();
              assertThat(g.detail()).contains("never returned");
            });
  }

  @Test
  void errorRateAndDriftAreJudgedWhenKnown() {
    Gates.Verdicts v =
        Gates.evaluate(
            GateConfig.defaults(),
            List.of(),
            Optional.empty(),
            DRAINED,
            0.002,
            Map.of(0, 0.05, 1, 0.2));
    assertThat(v.results())
        .extracting(GateResult::name, GateResult::passed)
        .contains(
            org.assertj.core.groups.Tuple.tuple("max_error_rate", false),
            org.assertj.core.groups.Tuple.tuple("max_p95_drift", false));
    assertThat(
            v.results().stream()
                .filter(g -> g.name().equals("max_p95_drift"))
                .findFirst()
                .orElseThrow()
                .detail())
        .contains("plateau 1");
  }

  /** A plateau with k6 requests of one route, and statuses for the whole window. */
  private static PlateauResult withRoute(
      int i, double p95, double p99, long requests, long failed, Map<String, Long> statuses) {
    PlateauResult p = plateau(i, 10 * (i + 1), 1, 2, 10, 0, 0);
    LatencyStats d = new LatencyStats(p95 / 2, p95 * 0.9, p95, p99, p99, p95 / 2, p99, requests);
    HttpWindow http =
        new HttpWindow(
            d,
            requests,
            failed,
            requests,
            requests - failed,
            requests,
            0,
            statuses,
            Map.of(),
            List.of(
                new RouteStats("main", "POST /orders", d, requests, failed, List.of()),
                new RouteStats("main", "GET /health", d, requests, 0, List.of())),
            Double.NaN,
            Double.NaN);
    return new PlateauResult(
        p.window(),
        p.jobs(),
        p.offeredRps(),
        p.achievedRps(),
        p.jobArrivalRps(),
        p.hop(),
        p.queueDelay(),
        p.service(),
        http.errorRate(),
        p.depth(),
        http,
        null,
        false,
        false);
  }

  @Test
  void routeGatesReportTheTierMetAndFailAboveAcceptable() {
    List<PlateauResult> ps =
        List.of(
            withRoute(0, 90, 250, 1000, 2, Map.of("200", 998L, "503", 2L)),
            withRoute(1, 180, 450, 1000, 30, Map.of("200", 960L, "500", 10L, "429", 30L)),
            withRoute(2, 5000, 9000, 1000, 900, Map.of("503", 1000L)));
    Knee knee = new Knee(2, 30, "test", List.of("backlog_growth"));
    GateConfig c =
        GateConfig.from(
            Map.of(GateConfig.MAX_5XX_RATE, 0.001, GateConfig.MAX_429_503_RATE, 0.05),
            List.of(
                new RouteGate(
                    "main",
                    "POST /orders",
                    RouteGate.P95_MS,
                    new RouteGate.Tiers(100.0, 200, 400.0)),
                new RouteGate(null, "POST /orders", RouteGate.P99_MS, RouteGate.Tiers.plain(400)),
                new RouteGate(
                    null, "POST /orders", RouteGate.ERROR_RATE, RouteGate.Tiers.plain(0.01)),
                new RouteGate(null, "GET /nothing", RouteGate.P95_MS, RouteGate.Tiers.plain(1))));
    Gates.Verdicts v = Gates.evaluate(c, ps, Optional.of(knee), DRAINED, null, Map.of());
    Map<String, GateResult> r = new java.util.HashMap<>();
    v.results().forEach(g -> r.put(g.name(), g));

    // Worst p95 below the knee is plateau 1's 180 ms: over the target, within acceptable.
    GateResult p95 = r.get("route:p95_ms:main/POST /orders");
    assertThat(p95.passed()).isTrue();
    assertThat(p95.observed()).isEqualTo(180.0);
    assertThat(p95.detail()).contains("plateau 1").contains("tier met: acceptable");
    GateResult p99 = r.get("route:p99_ms:POST /orders");
    assertThat(p99.passed()).isFalse();
    assertThat(p99.detail()).contains("tier met: over limit");
    GateResult errors = r.get("route:error_rate:POST /orders");
    assertThat(errors.observed()).isEqualTo(32.0 / 2000);
    assertThat(errors.passed()).isFalse();
    assertThat(v.notEvaluated()).anyMatch(s -> s.gate().equals("route:p95_ms:GET /nothing"));

    // Status budgets count every request of the run: 10 of 3000 were 5xx (plus 1002 503s).
    GateResult fiveXx = r.get(GateConfig.MAX_5XX_RATE);
    assertThat(fiveXx.observed()).isEqualTo(1012.0 / 3000);
    assertThat(fiveXx.passed()).isFalse();
    GateResult shed = r.get(GateConfig.MAX_429_503_RATE);
    assertThat(shed.observed()).isEqualTo(1032.0 / 3000);
  }

  @Test
  void tiersAreOrderedAndNamed() {
    RouteGate.Tiers t = new RouteGate.Tiers(100.0, 200, 400.0);
    assertThat(t.tierOf(90)).isEqualTo("target");
    assertThat(t.tierOf(100)).isEqualTo("target");
    assertThat(t.tierOf(150)).isEqualTo("acceptable");
    assertThat(t.tierOf(300)).isEqualTo("critical");
    assertThat(t.tierOf(401)).isEqualTo("beyond critical");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RouteGate.Tiers(300.0, 200, 400.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lostJobsCompareAcceptedRequestsWithArrivedJobs() {
    // 1300 requests answered 2xx, 1200 jobs arrived in the window: 100 lost.
    PlateauResult p = withRoute(0, 10, 20, 1300, 0, Map.of("202", 1300L));
    LostJobs l = LostJobs.of(List.of(p)).orElseThrow();
    assertThat(l.accepted()).isEqualTo(1300);
    assertThat(l.completed()).isEqualTo(1200);
    assertThat(l.lost()).isEqualTo(100);
    assertThat(l.significant()).isTrue();
    assertThat(new LostJobs(100_000, 99_950).significant()).isFalse();
    assertThat(LostJobs.of(List.of(plateau(0, 10, 1, 2, 10, 0, 0)))).isEmpty();
  }

  @Test
  void sloCrossingIsTheFirstPlateauOverTheSloByLoad() {
    List<PlateauResult> ps =
        List.of(
            plateau(2, 30, 900, 5000, 40, 0, 900),
            plateau(0, 10, 1, 20, 40, 0, 0),
            plateau(1, 20, 5, 100, 40, 0, 0));
    // p95 hop = p95 queue + p95 service (2 x 40): 100, 180 and 5080 ms.
    SloCrossing c = SloCrossing.find(ps, 150).orElseThrow();
    assertThat(c.plateauIndex()).isEqualTo(1);
    assertThat(c.offeredRps()).isEqualTo(20);
    assertThat(c.p95Ms()).isEqualTo(180);
    assertThat(c.lastWithinRps()).isEqualTo(10);
    assertThat(SloCrossing.find(ps, 10).orElseThrow().lastWithinRps()).isNaN();
    assertThat(SloCrossing.find(ps, 6000)).isEmpty();
  }
}
