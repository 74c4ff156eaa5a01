package io.hopscope.analytics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.ingest.spec.StageSpec;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Trends over simulated histories whose truth is known: a build that makes the service 25% slower
 * from the fifth run on, the same build run eight times (noise only), and a worker sweep of a
 * system that scales linearly.
 */
class TrendOnSimulatedHistoryTest {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final long DAY = 86_400_000_000_000L;
  private static final List<StageSpec> STAGES =
      List.of(
          StageSpec.constant(100, 120),
          StageSpec.constant(140, 120),
          StageSpec.constant(180, 120),
          StageSpec.constant(220, 120));

  private static TrendInput run(
      int day, int workers, double serviceMs, List<StageSpec> stages, long seed) {
    long t0 = T0 + day * DAY;
    String id = "run-" + day + "-w" + workers;
    SimRun sim =
        Simulator.run(
            new SimConfig(
                id, seed, t0, 30, stages, workers, ServiceTimes.lognormal(serviceMs, 0.5), 0.2));
    RunAnalysis a = RunAnalyzer.analyze(SimFacts.of(sim, Schedule.of(t0, 30, stages)));
    return new TrendInput(
        id,
        t0,
        "fp-w" + workers,
        "{\"workers\":" + workers + "}",
        "sweep",
        workers,
        "gw" + day,
        "wk" + day,
        true,
        a);
  }

  private static TrendAnalysis history(double slower, int shiftAt) {
    return TrendAnalysis.of("sim", inputsOf(8, slower, shiftAt), TrendAnalysis.Options.defaults());
  }

  @Test
  void aSlowerBuildIsAChangePointAndARegressionAgainstTheBaseline() {
    TrendAnalysis t = history(25, 4);
    assertThat(t.groups()).hasSize(1);
    TrendAnalysis.Group g = t.groups().get(0);
    Map<String, TrendAnalysis.Series> s = TrendAnalysis.byKey(g);

    // Capacity per worker falls from 50 to 40 rps: one shift, starting with the fifth run.
    TrendAnalysis.Series cap = s.get("capacity_per_worker_rps");
    assertThat(cap.changePoints()).hasSize(1);
    assertThat(cap.changePoints().get(0).index()).isEqualTo(4);
    assertThat(cap.changePoints().get(0).relativeChange()).isCloseTo(-0.2, within(0.03));

    // Latency at the lowest load: p95 hop is mostly service time, 25% slower.
    TrendAnalysis.Series p95 = s.get("p95_ms@100");
    assertThat(p95.changePoints()).extracting(c -> c.index()).containsExactly(4);

    // The baseline is the run before the current one (all passed); the current run is worse.
    assertThat(g.baselineRunId()).isEqualTo("run-6-w4");
    assertThat(g.currentRunId()).isEqualTo("run-7-w4");
    Map<String, TrendAnalysis.Verdict> vsPrev = verdicts(g.vsPrevious());
    assertThat(vsPrev.get("capacity_per_worker_rps"))
        .isEqualTo(TrendAnalysis.Verdict.WITHIN_THRESHOLD);

    TrendAnalysis pinned =
        TrendAnalysis.of(
            "sim",
            inputsOf(8, 25, 4),
            new TrendAnalysis.Options(
                0.10, 0.001, Optional.of("run-3-w4"), List.of(), 1, 999, 0.05, 0.05));
    TrendAnalysis.Group pg = pinned.groups().get(0);
    assertThat(pg.baselineRunId()).isEqualTo("run-3-w4");
    Map<String, TrendAnalysis.Verdict> vsBase = verdicts(pg.vsBaseline());
    assertThat(vsBase.get("capacity_per_worker_rps")).isEqualTo(TrendAnalysis.Verdict.REGRESSION);
    assertThat(vsBase.get("p95_ms@100")).isEqualTo(TrendAnalysis.Verdict.REGRESSION);
  }

  @Test
  void theSameBuildEightTimesHasNoChangePointAndNoRegression() {
    TrendAnalysis t = history(20, 99);
    TrendAnalysis.Group g = t.groups().get(0);
    Map<String, TrendAnalysis.Series> s = TrendAnalysis.byKey(g);
    assertThat(s.get("capacity_per_worker_rps").changePoints()).isEmpty();
    assertThat(s.get("p95_ms@100").changePoints()).isEmpty();
    assertThat(s.get("p95_ms@140").changePoints()).isEmpty();
    for (TrendAnalysis.Comparison c : g.vsBaseline()) {
      if (c.key().startsWith("p95_ms@1") || c.key().equals("capacity_per_worker_rps")) {
        assertThat(c.verdict()).as(c.key()).isNotEqualTo(TrendAnalysis.Verdict.REGRESSION);
      }
    }
  }

  @Test
  void aLinearWorkerSweepFitsWithoutContentionAndSizesATargetLoad() {
    List<TrendInput> runs = new ArrayList<>();
    int day = 0;
    for (int workers : new int[] {1, 2, 4, 8}) {
      double capacity = workers * 50.0;
      List<StageSpec> stages = new ArrayList<>();
      for (double share : new double[] {0.55, 0.72, 0.89, 1.06, 1.23}) {
        stages.add(StageSpec.constant(Math.round(share * capacity * 10) / 10.0, 120));
      }
      runs.add(run(day++, workers, 20, stages, 7 + workers));
    }
    TrendAnalysis t =
        TrendAnalysis.of(
            "sim",
            runs,
            new TrendAnalysis.Options(
                0.10, 0.001, Optional.empty(), List.of(300.0), 1, 199, 0.05, 0.05));
    assertThat(t.groups()).hasSize(4); // one fingerprint per worker count
    assertThat(t.scaling()).hasSize(1);
    TrendAnalysis.Scaling sc = t.scaling().get(0);
    assertThat(sc.points()).extracting(p -> p.workers()).containsExactly(1, 2, 4, 8);
    for (TrendAnalysis.ScalingPoint p : sc.points()) {
      assertThat(p.saturated()).isTrue();
      assertThat(p.throughputRps()).isCloseTo(p.workers() * 50.0, within(p.workers() * 50 * 0.08));
    }
    assertThat(sc.fit()).isNotNull();
    assertThat(sc.fit().lambda()).isCloseTo(50, within(4.0));
    assertThat(sc.fit().sigma()).isLessThan(0.03);
    assertThat(sc.fit().rSquared()).isGreaterThan(0.99);
    TrendAnalysis.Replicas r = sc.replicas().get(0);
    assertThat(r.uslWorkers()).isBetween(6, 7);
    assertThat(r.linearWorkers()).isBetween(6, 7);
  }

  private static List<TrendInput> inputsOf(int n, double slower, int shiftAt) {
    List<TrendInput> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      runs.add(run(i, 4, i >= shiftAt ? slower : 20, STAGES, 100 + i));
    }
    return runs;
  }

  private static Map<String, TrendAnalysis.Verdict> verdicts(List<TrendAnalysis.Comparison> cs) {
    Map<String, TrendAnalysis.Verdict> m = new java.util.HashMap<>();
    cs.forEach(c -> m.put(c.key(), c.verdict()));
    return m;
  }
}
