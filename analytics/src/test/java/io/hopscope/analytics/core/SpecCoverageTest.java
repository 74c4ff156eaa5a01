package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ingest.spec.StageSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A spec's schedule against the data it is applied to. */
class SpecCoverageTest {
  private static final long DATA_S = 1_780_000_000L; // 2026-05-28T20:26:40Z
  private static final long NS = 1_000_000_000L;

  private static RateSeries data(int seconds) {
    long[] c = new long[seconds];
    Arrays.fill(c, 10);
    return new RateSeries(DATA_S * NS, c, "k6 iterations");
  }

  private static Schedule schedule(long t0Ns, double warmup, double... stageSeconds) {
    return Schedule.of(
        t0Ns,
        warmup,
        Arrays.stream(stageSeconds).mapToObj(s -> StageSpec.constant(10, s)).toList());
  }

  @Test
  void aScheduleOverTheDataFits() {
    SpecCoverage c = SpecCoverage.of(schedule(DATA_S * NS, 30, 60, 60), data(150), true).get();
    assertThat(c.mismatched()).isFalse();
    assertThat(c.share()).isEqualTo(1.0);
  }

  @Test
  void aLocalTimeTakenForUtcIsNamedWithBothRanges() {
    // The spec says 22:26:40 meaning local UTC+2; the data is at 20:26:40 UTC.
    SpecCoverage c =
        SpecCoverage.of(schedule((DATA_S + 7200) * NS, 0, 60, 60), data(120), true).get();
    assertThat(c.mismatched()).isTrue();
    assertThat(c.inside()).isZero();
    assertThat(c.problem())
        .contains("2026-05-28T22:26:40Z to 2026-05-28T22:28:40Z")
        .contains("holds 0 of the run's 1,200 k6 iterations (0.0%)")
        .contains("the data runs from 2026-05-28T20:26:40Z to 2026-05-28T20:28:40Z");
    assertThat(c.fix())
        .contains("scenario.start_ns is 2 h after the data: a local time taken for UTC?")
        .contains("set scenario.start_ns to " + DATA_S * NS)
        .contains("analyze without --spec");
  }

  @Test
  void aSpecFarShorterThanTheDataIsAnotherRunsSpec() {
    SpecCoverage c = SpecCoverage.of(schedule(DATA_S * NS, 0, 60), data(600), false).get();
    assertThat(c.mismatched()).isTrue();
    assertThat(c.fix()).contains("the spec schedules 60 s but the data lasts 600 s");
  }

  @Test
  void halfOfTheDataIsEnough() {
    assertThat(SpecCoverage.of(schedule(DATA_S * NS, 0, 60), data(120), false).get().mismatched())
        .isFalse();
    assertThat(SpecCoverage.of(schedule(DATA_S * NS, 0, 59), data(120), false).get().mismatched())
        .isTrue();
  }

  @Test
  void noDataNoVerdict() {
    assertThat(
            SpecCoverage.of(
                schedule(DATA_S * NS, 0, 60), new RateSeries(0, new long[0], "x"), true))
        .isEmpty();
    assertThat(List.of()).isEmpty();
  }
}
