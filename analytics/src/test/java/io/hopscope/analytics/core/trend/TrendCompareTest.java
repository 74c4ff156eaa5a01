package io.hopscope.analytics.core.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.analytics.core.Analyses;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.ingest.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verdicts between two runs for the edge cases: a backlog that never drained, a floor of zero. */
class TrendCompareTest {
  private static List<TrendInput> runs(int n) {
    RunAnalysis a =
        Analyses.of("r", 1, Schedule.of(0, 0, List.of(StageSpec.constant(10, 60))), List.of());
    List<TrendInput> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new TrendInput("run-" + i, i, "fp", "{}", "sw", 1, null, null, true, a));
    }
    return out;
  }

  private static TrendAnalysis.Series drain(TrendAnalysis.Point... pts) {
    return new TrendAnalysis.Series(
        Metric.DRAIN_S, Double.NaN, "drain time", List.of(pts), List.of());
  }

  private static TrendAnalysis.Point at(double v) {
    return new TrendAnalysis.Point(v, Double.NaN, Double.NaN);
  }

  @Test
  void aBacklogThatStopsDrainingIsARegressionAndTheReverseAnImprovement() {
    TrendAnalysis.Options o = TrendAnalysis.Options.defaults();
    TrendAnalysis.Comparison worse =
        Verdicts.compare(drain(at(12), TrendAnalysis.Point.never()), runs(2), 0, 1, o);
    assertThat(worse.verdict()).isEqualTo(TrendAnalysis.Verdict.REGRESSION);
    assertThat(worse.to()).isInfinite();
    TrendAnalysis.Comparison better =
        Verdicts.compare(drain(TrendAnalysis.Point.never(), at(12)), runs(2), 0, 1, o);
    assertThat(better.verdict()).isEqualTo(TrendAnalysis.Verdict.IMPROVEMENT);
    // Whole seconds: 0 -> 1 s is within the measure's resolution, 0 -> 60 s is not.
    assertThat(Verdicts.compare(drain(at(0), at(1)), runs(2), 0, 1, o).verdict())
        .isEqualTo(TrendAnalysis.Verdict.WITHIN_THRESHOLD);
    assertThat(Verdicts.compare(drain(at(0), at(60)), runs(2), 0, 1, o).verdict())
        .isEqualTo(TrendAnalysis.Verdict.REGRESSION);
  }

  private static TrendAnalysis.Series knee(TrendAnalysis.Point... pts) {
    return new TrendAnalysis.Series(
        Metric.KNEE_RPS, Double.NaN, "knee load", List.of(pts), List.of());
  }

  @Test
  void aKneeThatAppearsIsJudgedAgainstTheLoadTheEarlierRunTookWithoutOne() {
    TrendAnalysis.Options o = TrendAnalysis.Options.defaults();
    // The baseline took 200 rps without queueing; now queueing sets in at 150: capacity fell.
    TrendAnalysis.Comparison fell =
        Verdicts.compare(knee(TrendAnalysis.Point.atLeast(200), at(150)), runs(2), 0, 1, o);
    assertThat(fell.verdict()).isEqualTo(TrendAnalysis.Verdict.REGRESSION);
    assertThat(fell.change()).isEqualTo(-0.25);
    assertThat(fell.fromAtLeast()).isEqualTo(200);
    assertThat(fell.againstBound()).isTrue();
    // The baseline was only driven to 140 rps: a knee at 150 cannot be compared, but is shown.
    TrendAnalysis.Comparison unknown =
        Verdicts.compare(knee(TrendAnalysis.Point.atLeast(140), at(150)), runs(2), 0, 1, o);
    assertThat(unknown.verdict()).isEqualTo(TrendAnalysis.Verdict.NO_DATA);
    assertThat(unknown.fromAtLeast()).isEqualTo(140);
    assertThat(unknown.to()).isEqualTo(150);
    // A knee at 150 gone in a run that took 200 rps: capacity grew by at least a third.
    TrendAnalysis.Comparison grew =
        Verdicts.compare(knee(at(150), TrendAnalysis.Point.atLeast(200)), runs(2), 0, 1, o);
    assertThat(grew.verdict()).isEqualTo(TrendAnalysis.Verdict.IMPROVEMENT);
    assertThat(grew.toAtLeast()).isEqualTo(200);
    // Within the threshold of the bound: no verdict either way.
    assertThat(
            Verdicts.compare(knee(at(150), TrendAnalysis.Point.atLeast(155)), runs(2), 0, 1, o)
                .verdict())
        .isEqualTo(TrendAnalysis.Verdict.NO_DATA);
    // Two bounds say nothing about each other.
    assertThat(
            Verdicts.compare(
                    knee(TrendAnalysis.Point.atLeast(100), TrendAnalysis.Point.atLeast(300)),
                    runs(2),
                    0,
                    1,
                    o)
                .verdict())
        .isEqualTo(TrendAnalysis.Verdict.NO_DATA);
  }
}
