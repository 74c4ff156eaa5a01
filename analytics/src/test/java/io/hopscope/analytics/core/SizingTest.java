package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizingTest {
  @Test
  void workersNeededIsTheCeilingOfTheOfferedWork() {
    // 100 rps x 50 ms = 5 busy workers; at 70% that is 7.14 -> 8.
    assertThat(Sizing.workersNeeded(100, 50, 0.7)).isEqualTo(8);
    assertThat(Sizing.workersNeeded(100, 50, 0.6)).isEqualTo(9);
    assertThat(Sizing.workersNeeded(100, 50, 0.75)).isEqualTo(7);
    // Exactly 4 stays 4 despite floating point: 40 x 50 ms / 0.5.
    assertThat(Sizing.workersNeeded(40, 50, 0.5)).isEqualTo(4);
    assertThat(Sizing.workersNeeded(0, 50, 0.5)).isZero();
  }

  @Test
  void capacityPerWorkerIsOneOverMeanService() {
    Sizing s = Sizing.of(25, List.of(new Sizing.Load(120, "observed_peak")));
    assertThat(s.capacityPerWorkerRps()).isEqualTo(40);
    assertThat(s.recommendations())
        .extracting(Sizing.Recommendation::workers)
        .containsExactly(5, 5, 4);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> Sizing.workersNeeded(10, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sizing.of(0, List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
