package io.hopscope.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.HttpWindow;
import io.hopscope.analytics.core.InputCounts;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.RunFacts;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Timeline;
import io.hopscope.analytics.core.WindowAggregate;
import io.hopscope.ingest.spec.StageSpec;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AnalysisCodecTest {
  private static LatencyStats stats(double b, long n) {
    return new LatencyStats(b, b * 2, b * 3, b * 4, b * 5, b * 1.5, b * 6, n);
  }

  static RunAnalysis sample() {
    return sample(
        Schedule.of(
            1_000_000_000_000L, 1, List.of(StageSpec.constant(10, 2), new StageSpec(10, 20, 2))));
  }

  private static RunAnalysis sample(Schedule s) {
    HttpWindow http =
        new HttpWindow(
            stats(3, 20),
            20,
            1,
            20,
            19,
            20,
            0,
            Map.of("202", 19L, "0", 1L),
            Map.of("1211", 1L),
            List.of(
                new RouteStats(
                    "ramp",
                    "/hop",
                    stats(3, 20),
                    20,
                    1,
                    List.of(new RouteStats.Failure("0", "1211", "request timeout", 1)))),
            5,
            Double.NaN);
    RunFacts f =
        new RunFacts(
            "r",
            "s",
            s,
            Map.of(
                0, new WindowAggregate(0, 20, 20, stats(10, 20), stats(1, 20), stats(9, 20), http)),
            new Timeline(
                1_000_000_000_000L,
                0,
                new long[] {10, 10, 10, 10, 10},
                new long[] {10, 10, 10, 10, 10},
                new long[] {10, 10, 10, 10, 10}),
            Map.of(),
            new InputCounts(50, 80, 1, 2),
            GateConfig.defaults(),
            OptionalDouble.of(20),
            List.of("w"));
    return RunAnalyzer.analyze(f);
  }

  @Test
  void roundTripsEveryField() {
    RunAnalysis a = sample();
    String json = AnalysisCodec.toJson(a);
    RunAnalysis back = AnalysisCodec.fromJson(json);
    assertThat(AnalysisCodec.toJson(back)).isEqualTo(json);
    assertThat(back.plateaus()).isEqualTo(a.plateaus());
    assertThat(back.knee()).isEqualTo(a.knee());
    assertThat(back.sizing()).isEqualTo(a.sizing());
    assertThat(back.drain()).isEqualTo(a.drain());
    assertThat(back.gates()).isEqualTo(a.gates());
    assertThat(back.schedule().windows()).isEqualTo(a.schedule().windows());
    assertThat(back.timeline().arrivals()).isEqualTo(a.timeline().arrivals());
    assertThat(Double.isNaN(back.plateaus().get(0).http().maxVusMax())).isTrue();
    assertThat(back.schedule().isInferred()).isFalse();
  }

  @Test
  void keepsAnInferredScheduleAndAPlateauShortOfIt() {
    // 10 jobs/s arrived in a plateau inferred (say) at 40/s: short of its schedule.
    RunAnalysis a =
        sample(
            Schedule.of(1_000_000_000_000L, 1, List.of(StageSpec.constant(40, 2)))
                .inferred("inferred from the job arrivals per second"));
    assertThat(a.plateaus().get(0).belowSchedule()).isTrue();
    RunAnalysis back = AnalysisCodec.fromJson(AnalysisCodec.toJson(a));
    assertThat(back.schedule().inferredFrom())
        .contains("inferred from the job arrivals per second");
    assertThat(back.plateaus().get(0).belowSchedule()).isTrue();
    assertThat(back.plateaus()).isEqualTo(a.plateaus());
  }
}
