package io.hopscope.analytics.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.analytics.core.PlateauResult;
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

/** A schedule the load did not follow: plateaus short of it, and a run that ended early. */
class ScheduleFollowedTest {
  private static final long T0 = 1_767_225_600_000_000_000L;

  private static SimRun run(List<StageSpec> stages) {
    return Simulator.run(
        new SimConfig("s", 11, T0, 60, stages, 4, ServiceTimes.exponential(20), 0.2));
  }

  @Test
  void aPlateauThatGotLessThanScheduledIsFlaggedAndKeptOutOfTheKnee() {
    // The gateway took at most 110 jobs/s while the spec planned 300/s for the last plateau.
    List<StageSpec> ran =
        List.of(
            StageSpec.constant(50, 120), StageSpec.constant(80, 120), StageSpec.constant(110, 120));
    List<StageSpec> planned =
        List.of(
            StageSpec.constant(50, 120), StageSpec.constant(80, 120), StageSpec.constant(300, 120));
    RunAnalysis a = RunAnalyzer.analyze(SimFacts.of(run(ran), Schedule.of(T0, 60, planned)));
    assertThat(a.plateaus())
        .extracting(PlateauResult::belowSchedule)
        .containsExactly(false, false, true);
    assertThat(a.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList())
        .anyMatch(
            w ->
                w.startsWith("plateau 2 ran at 1")
                    && w.contains("job arrivals/s, short of the 300.0/s scheduled")
                    && w.contains("left out of the knee"));
    assertThat(a.knee().map(k -> k.plateauIndex())).isNotEqualTo(java.util.Optional.of(2));
    // The same run against its true schedule: nothing is short.
    RunAnalysis fair = RunAnalyzer.analyze(SimFacts.of(run(ran), Schedule.of(T0, 60, ran)));
    assertThat(fair.plateaus()).noneMatch(PlateauResult::belowSchedule);
    assertThat(fair.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList())
        .noneMatch(w -> w.contains("short of the"));
  }

  @Test
  void aRunThatEndedEarlySaysSoOnce() {
    List<StageSpec> ran = List.of(StageSpec.constant(50, 120), StageSpec.constant(60, 120));
    List<StageSpec> planned =
        List.of(
            StageSpec.constant(50, 120),
            StageSpec.constant(60, 120),
            StageSpec.constant(70, 120),
            StageSpec.constant(80, 120));
    RunAnalysis a = RunAnalyzer.analyze(SimFacts.of(run(ran), Schedule.of(T0, 60, planned)));
    assertThat(
            a.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList().stream()
                .filter(w -> w.startsWith("the data ends")))
        .hasSize(1);
    assertThat(a.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList())
        .anyMatch(
            w ->
                w.equals(
                    "the data ends about 240 s into a 480 s schedule, after plateau 1 (windows 0"
                        + " to 3): was the test stopped early? The later windows have no data"));
    // It ended with plateau 1, not inside it: plateau 1 is whole.
    assertThat(a.plateaus()).noneMatch(PlateauResult::cutShort);
    assertThat(a.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList())
        .noneMatch(w -> w.contains("has no completed jobs or requests"));
    // The windows after the data are not "short of their schedule": they were never run.
    assertThat(a.plateaus()).noneMatch(PlateauResult::belowSchedule);
  }

  @Test
  void aPlateauTheDataEndsInsideIsNoCapacityEvidence() {
    List<StageSpec> ran = List.of(StageSpec.constant(50, 120), StageSpec.constant(60, 50));
    List<StageSpec> planned =
        List.of(
            StageSpec.constant(50, 120), StageSpec.constant(60, 120), StageSpec.constant(70, 120));
    RunAnalysis a = RunAnalyzer.analyze(SimFacts.of(run(ran), Schedule.of(T0, 60, planned)));
    PlateauResult cut = a.plateaus().get(1);
    assertThat(cut.cutShort()).isTrue();
    assertThat(cut.capacityEvidence()).isFalse();
    // Its rate is averaged over a window it filled for 50 of 120 s: far below what ran.
    assertThat(cut.offeredRps()).isLessThan(40);
    assertThat(a.plateaus().get(0).cutShort()).isFalse();
    assertThat(a.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList())
        .anyMatch(w -> w.contains("inside plateau 1") && w.endsWith("the knee and sizing"));
    assertThat(a.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList())
        .noneMatch(w -> w.startsWith("plateau 1 "));
  }

  @Test
  void aRampDownToNothingIsNotCutShortByItsSilentEnd() {
    // 2 jobs/s falling to 0 over 120 s: the last seconds are scheduled to hold almost nothing.
    List<StageSpec> stages = List.of(StageSpec.constant(50, 120), new StageSpec(2, 0, 120));
    RunAnalysis a = RunAnalyzer.analyze(SimFacts.of(run(stages), Schedule.of(T0, 60, stages)));
    assertThat(a.plateaus()).noneMatch(PlateauResult::cutShort);
    assertThat(a.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList())
        .noneMatch(w -> w.startsWith("the data ends"));
  }
}
