package io.hopscope.analytics.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.RunFacts;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Telemetry;
import io.hopscope.analytics.core.WindowAggregate;
import io.hopscope.ingest.spec.StageSpec;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Test-hygiene warnings on a simulated run with a queue-depth gauge beside it. */
class HygieneOnSimulatedRunTest {
  private static final long T0 = 1_767_225_600_000_000_000L;

  private static RunAnalysis withGauge(double gaugeMean) {
    List<StageSpec> stages = List.of(StageSpec.constant(50, 120), StageSpec.constant(80, 120));
    SimRun sim =
        Simulator.run(new SimConfig("h", 5, T0, 60, stages, 4, ServiceTimes.exponential(20), 0.2));
    RunFacts f = SimFacts.of(sim, Schedule.of(T0, 60, stages));
    Map<Integer, WindowAggregate> w = new HashMap<>(f.windows());
    WindowAggregate first = w.get(0);
    Telemetry t =
        new Telemetry(
            List.of(
                new Telemetry.SeriesStat(
                    "queue_depth{job=\"worker\"}",
                    "queue_depth",
                    false,
                    24,
                    gaugeMean,
                    gaugeMean,
                    Double.NaN)),
            List.of());
    w.put(
        0,
        new WindowAggregate(
            0,
            first.jobs(),
            first.completions(),
            first.hop(),
            first.queueDelay(),
            first.service(),
            null,
            t));
    return RunAnalyzer.analyze(
        new RunFacts(
            f.runId(),
            f.scenario(),
            f.schedule(),
            w,
            f.timeline(),
            f.driftThirds(),
            f.inputs(),
            f.gates(),
            f.specTargetRps(),
            f.warnings(),
            f.buckets()));
  }

  @Test
  void aGaugeFarAboveTheRunsOwnBacklogSaysTheQueueWasNotEmpty() {
    assertThat(
            withGauge(400).warnings().stream()
                .map(io.hopscope.analytics.core.Warning::text)
                .toList())
        .anyMatch(s -> s.startsWith("the queue was not empty"));
    // At 25% utilisation the run's own queue is near empty; a gauge that agrees is no warning.
    assertThat(
            withGauge(0.3).warnings().stream()
                .map(io.hopscope.analytics.core.Warning::text)
                .toList())
        .noneMatch(s -> s.startsWith("the queue was not empty"));
  }
}
