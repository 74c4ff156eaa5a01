package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopscope.ingest.spec.StageSpec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The soak gate on memory: a leak over a 20-minute plateau fails it, scrape noise does not. */
class MemoryDriftTest {
  private static final Schedule SOAK = Schedule.of(0, 0, List.of(StageSpec.constant(50, 1200)));

  /** RSS scraped every 15 s over the plateau: 500 MB growing by {@code growth} over it, ±1%. */
  private static double[][] rss(double growth, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] s = new double[80][];
    for (int i = 0; i < s.length; i++) {
      double hours = i * 15 / 3600.0;
      double v = 500e6 * (1 + growth * i / (s.length - 1.0)) * (1 + 0.01 * (r.nextDouble() - 0.5));
      s[i] = new double[] {hours, v};
    }
    return s;
  }

  @Test
  void aLeakFailsTheGateAndNoiseDoesNot() {
    String series = "process_resident_memory_bytes{job=\"worker\"}";
    Drift leak = Drift.of(List.of(), SOAK, Map.of(series, rss(0.30, 1)));
    Drift.MemoryTrend m = leak.memory().get(0);
    assertThat(m.growth()).isCloseTo(0.30, within(0.05));
    assertThat(m.trend().significant(Drift.ALPHA)).isTrue();
    GateResult g = Gates.memory(GateConfig.defaults(), leak, SOAK).results().get(0);
    assertThat(g.name()).isEqualTo(GateConfig.MAX_MEMORY_GROWTH);
    assertThat(g.passed()).isFalse();
    assertThat(g.detail()).contains(series);

    Drift flat = Drift.of(List.of(), SOAK, Map.of(series, rss(0, 2)));
    assertThat(Gates.memory(GateConfig.defaults(), flat, SOAK).results().get(0).passed()).isTrue();
  }

  @Test
  void shortPlateausAndMissingSeriesAreNotEvaluated() {
    Schedule shortRun = Schedule.of(0, 0, List.of(StageSpec.constant(50, 300)));
    Drift d = Drift.of(List.of(), shortRun, Map.of("rss{}", rss(0.5, 3)));
    Gates.Verdicts v = Gates.memory(GateConfig.defaults(), d, shortRun);
    assertThat(v.results()).isEmpty();
    assertThat(v.notEvaluated())
        .singleElement()
        .extracting(s -> s.reason())
        .asString()
        .contains("600 s or more");
    Gates.Verdicts none =
        Gates.memory(GateConfig.defaults(), Drift.of(List.of(), SOAK, Map.of()), SOAK);
    assertThat(none.notEvaluated())
        .singleElement()
        .extracting(s -> s.reason())
        .asString()
        .contains("no memory series");
  }
}
