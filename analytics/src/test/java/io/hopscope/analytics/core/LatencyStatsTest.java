package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void reportsMillisecondsFromNanoseconds() {
    long[] ns = {40_000_000, 15_000_000, 50_000_000, 20_000_000, 35_000_000};
    LatencyStats s = LatencyStats.ofNanos(ns, 5);
    assertThat(s.p50()).isEqualTo(35);
    assertThat(s.p90()).isCloseTo(46, within(1e-9));
    assertThat(s.p95()).isCloseTo(48, within(1e-9));
    assertThat(s.p99()).isCloseTo(49.6, within(1e-9));
    assertThat(s.p999()).isCloseTo(49.96, within(1e-9));
    assertThat(s.mean()).isEqualTo(32);
    assertThat(s.max()).isEqualTo(50);
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.at(0.95)).isEqualTo(s.p95());
  }

  @Test
  void usesOnlyTheFirstNValues() {
    long[] ns = {3_000_000, 1_000_000, 999_000_000};
    assertThat(LatencyStats.ofNanos(ns, 2).max()).isEqualTo(3);
  }

  @Test
  void refusesEmptyOrInconsistentStatistics() {
    assertThatThrownBy(() -> LatencyStats.ofNanos(new long[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LatencyStats(5, 4, 6, 7, 8, 5, 9, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
