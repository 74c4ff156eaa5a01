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
    assertThat(v.notEvaluated()).anyMatch(s -> s.startsWith("max_error_rate"));
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
}
