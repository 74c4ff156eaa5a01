package io.hopscope.analytics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopscope.analytics.core.Burst;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.ingest.spec.StageSpec;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A burst on a system of known capacity: 4 workers at 20 ms serve 200 jobs/s. Half load, then 300
 * rps for 30 s (the backlog grows by about 100 jobs/s to about 3,000), then half load again, which
 * leaves 100 jobs/s to drain it: the fluid model says 30 s.
 */
class BurstOnSimulatedSystemTest {
  private static final long T0 = 1_767_225_600_000_000_000L;

  private static RunAnalysis run(List<StageSpec> stages, long seed) {
    SimRun sim =
        Simulator.run(
            new SimConfig("burst", seed, T0, 30, stages, 4, ServiceTimes.exponential(20), 0.2));
    return RunAnalyzer.analyze(SimFacts.of(sim, Schedule.of(T0, 30, stages)));
  }

  @Test
  void recoveryMatchesTheFluidPrediction() {
    RunAnalysis a =
        run(
            List.of(
                StageSpec.constant(100, 120),
                StageSpec.constant(300, 30),
                StageSpec.constant(100, 120)),
            11);
    assertThat(a.bursts()).hasSize(1);
    Burst b = a.bursts().get(0);
    assertThat(b.windowIndex()).isEqualTo(1);
    assertThat(b.serviceRateRps()).isCloseTo(200, within(12.0));
    assertThat(b.afterRps()).isCloseTo(100, within(8.0));
    assertThat(b.depthAtEnd()).isBetween(2500L, 3500L);
    assertThat(b.peakDepth()).isGreaterThanOrEqualTo(b.depthAtEnd());
    assertThat(b.predictedDrainSeconds()).isCloseTo(30, within(6.0));
    assertThat(b.drainSeconds()).isNotNull();
    assertThat(b.drainSeconds()).isCloseTo(b.predictedDrainSeconds(), within(8.0));
    // Jobs that arrive during the burst wait behind up to 3,000 others: ~15 s at 200 jobs/s.
    assertThat(b.p99HopMs()).isGreaterThan(10_000);
  }

  @Test
  void aBacklogThatCannotDrainIsSaidSoAndARampHasNoBurst() {
    RunAnalysis stuck =
        run(
            List.of(
                StageSpec.constant(100, 60),
                StageSpec.constant(300, 30),
                StageSpec.constant(250, 60)),
            12);
    assertThat(stuck.bursts()).hasSize(1);
    assertThat(stuck.bursts().get(0).predictedDrainSeconds()).isNull();
    assertThat(stuck.bursts().get(0).drainSeconds()).isNull();

    RunAnalysis ramp =
        run(
            List.of(
                StageSpec.constant(100, 60),
                StageSpec.constant(180, 60),
                StageSpec.constant(260, 60)),
            13);
    assertThat(ramp.bursts()).isEmpty();
  }
}
