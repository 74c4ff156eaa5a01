package io.hopscope.analytics.core;

import static io.hopscope.analytics.core.KneeDetectorTest.plateau;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineGatesTest {
  /** A run of three plateaus (10, 20, 30 rps) with CPU and RSS series at each. */
  private static RunAnalysis run(String id, double[] achieved, double cpu, double rssMb) {
    List<PlateauResult> ps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PlateauResult p = plateau(i, 10 * (i + 1), 1, 2, 10, 0, 0);
      Telemetry t =
          new Telemetry(
              List.of(
                  new Telemetry.SeriesStat(
                      "process_cpu_seconds_total{job=\"worker\"}",
                      "process_cpu_seconds_total",
                      true,
                      60,
                      Double.NaN,
                      Double.NaN,
                      cpu * (i + 1)),
                  new Telemetry.SeriesStat(
                      "process_resident_memory_bytes{job=\"worker\"}",
                      "process_resident_memory_bytes",
                      false,
                      60,
                      rssMb * 1e6,
                      rssMb * 1e6,
                      Double.NaN),
                  new Telemetry.SeriesStat(
                      "queue_depth{job=\"worker\"}", "queue_depth", false, 60, 99, 99, Double.NaN)),
              List.of());
      ps.add(
          new PlateauResult(
              p.window(),
              p.jobs(),
              p.offeredRps(),
              achieved[i],
              p.jobArrivalRps(),
              p.hop(),
              p.queueDelay(),
              p.service(),
              null,
              p.depth(),
              null,
              t,
              false,
              false));
    }
    Schedule s =
        Schedule.of(
            0,
            0,
            List.of(
                io.hopscope.ingest.spec.StageSpec.constant(10, 120),
                io.hopscope.ingest.spec.StageSpec.constant(20, 120),
                io.hopscope.ingest.spec.StageSpec.constant(30, 120)));
    return Analyses.of(id, 1000, s, ps);
  }

  private static Map<String, GateResult> gates(RunAnalysis current, RunAnalysis baseline) {
    Map<String, GateResult> m = new HashMap<>();
    BaselineGates.evaluate(GateConfig.defaults(), current, baseline)
        .results()
        .forEach(g -> m.put(g.name(), g));
    return m;
  }

  @Test
  void throughputDropAndResourceGrowthAtTheSameLoadFire() {
    RunAnalysis base = run("base", new double[] {10, 20, 30}, 1.0, 500);
    RunAnalysis same = run("same", new double[] {10, 20, 29}, 1.05, 520);
    RunAnalysis worse = run("worse", new double[] {10, 20, 24}, 1.3, 500);
    // A sidecar's 0.001 -> 0.002 cores is +100% of nothing: not judged.
    RunAnalysis tinyBase = run("tiny-base", new double[] {10, 20, 30}, 0.001, 500);
    RunAnalysis tiny = run("tiny", new double[] {10, 20, 30}, 0.002, 500);
    assertThat(gates(tiny, tinyBase).get(GateConfig.MAX_RESOURCE_INCREASE)).isNull();

    Map<String, GateResult> ok = gates(same, base);
    assertThat(ok.get(GateConfig.MAX_THROUGHPUT_DROP).passed()).isTrue();
    assertThat(ok.get(GateConfig.MAX_THROUGHPUT_DROP).observed()).isCloseTo(1 / 30.0, within(1e-9));
    assertThat(ok.get(GateConfig.MAX_RESOURCE_INCREASE).passed()).isTrue();

    Map<String, GateResult> bad = gates(worse, base);
    GateResult drop = bad.get(GateConfig.MAX_THROUGHPUT_DROP);
    assertThat(drop.passed()).isFalse();
    assertThat(drop.observed()).isCloseTo(0.2, within(1e-9));
    GateResult cpu = bad.get(GateConfig.MAX_RESOURCE_INCREASE);
    assertThat(cpu.passed()).isFalse();
    assertThat(cpu.observed()).isCloseTo(0.3, within(1e-9));
    assertThat(cpu.detail()).contains("process_cpu_seconds_total").doesNotContain("queue_depth");
  }
}
