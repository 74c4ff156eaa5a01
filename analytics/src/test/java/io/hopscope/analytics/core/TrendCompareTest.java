package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

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
        "drain_s", "drain time", "s", TrendAnalysis.Better.LOWER, false, List.of(pts), List.of());
  }

  private static TrendAnalysis.Point at(double v) {
    return new TrendAnalysis.Point(v, Double.NaN, Double.NaN);
  }

  @Test
  void aBacklogThatStopsDrainingIsARegressionAndTheReverseAnImprovement() {
    TrendAnalysis.Options o = TrendAnalysis.Options.defaults();
    TrendAnalysis.Comparison worse =
        TrendAnalysis.compare(drain(at(12), TrendAnalysis.Point.never()), runs(2), 0, 1, o);
    assertThat(worse.verdict()).isEqualTo(TrendAnalysis.Verdict.REGRESSION);
    assertThat(worse.to()).isInfinite();
    TrendAnalysis.Comparison better =
        TrendAnalysis.compare(drain(TrendAnalysis.Point.never(), at(12)), runs(2), 0, 1, o);
    assertThat(better.verdict()).isEqualTo(TrendAnalysis.Verdict.IMPROVEMENT);
    // Whole seconds: 0 -> 1 s is within the measure's resolution, 0 -> 60 s is not.
    assertThat(TrendAnalysis.compare(drain(at(0), at(1)), runs(2), 0, 1, o).verdict())
        .isEqualTo(TrendAnalysis.Verdict.WITHIN_THRESHOLD);
    assertThat(TrendAnalysis.compare(drain(at(0), at(60)), runs(2), 0, 1, o).verdict())
        .isEqualTo(TrendAnalysis.Verdict.REGRESSION);
  }
}
