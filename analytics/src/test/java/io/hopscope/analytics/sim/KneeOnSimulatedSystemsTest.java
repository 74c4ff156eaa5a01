package io.hopscope.analytics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Sizing;
import io.hopscope.ingest.spec.StageSpec;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Knee and sizing against systems whose capacity is known: N workers with mean service S serve N/S
 * jobs per second. Plateaus step by 17% of capacity (0.55 … 1.23 C); the knee must be the plateau
 * where the offered load first exceeds N/S, or the one just before.
 */
class KneeOnSimulatedSystemsTest {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final double[] SHARES = {0.55, 0.72, 0.89, 1.06, 1.23};

  static List<Arguments> systems() {
    List<Arguments> out = new ArrayList<>();
    int seed = 1;
    for (int workers : new int[] {2, 4, 8, 16}) {
      for (ServiceTimes s :
          List.of(
              ServiceTimes.exponential(20),
              ServiceTimes.lognormal(20, 0.5),
              ServiceTimes.constant(20),
              ServiceTimes.lognormal(50, 1.2))) {
        out.add(Arguments.of(workers, s, seed++));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} workers, {1}")
  @MethodSource("systems")
  void kneeIsAtCapacityOrJustBeforeAndSizingMatchesTheTruth(
      int workers, ServiceTimes service, int seed) {
    double capacity = workers * 1000.0 / service.meanMs();
    List<StageSpec> stages = new ArrayList<>();
    for (double share : SHARES) {
      stages.add(StageSpec.constant(Math.round(share * capacity * 10) / 10.0, 120));
    }
    SimRun run = Simulator.run(new SimConfig("sim", seed, T0, 30, stages, workers, service, 0.2));
    Schedule schedule = Schedule.of(T0, 30, stages);
    RunAnalysis a = RunAnalyzer.analyze(SimFacts.of(run, schedule));

    assertThat(a.knee()).as("a knee").isPresent();
    int firstAbove = 3; // 1.06 C
    assertThat(a.knee().get().plateauIndex())
        .as("knee plateau (%s)", a.knee().get().reason())
        .isBetween(firstAbove - 1, firstAbove);

    Sizing sizing = a.sizing().orElseThrow();
    assertThat(sizing.capacityPerWorkerRps())
        .isCloseTo(1000.0 / service.meanMs(), within(0.05 * 1000.0 / service.meanMs()));
    // At 70% of the true capacity and U = 0.7, the rule needs exactly the simulated workers
    // (give or take one for the measured mean's noise).
    int needed = Sizing.workersNeeded(0.7 * capacity, sizing.meanServiceMs(), 0.7);
    assertThat(needed).isBetween(workers, workers + 1);
  }
}
