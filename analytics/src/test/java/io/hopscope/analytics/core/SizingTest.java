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

  @Test
  void theTableHasARowPerLoadWithEveryUtilisationAndItsTailCount() {
    Sizing s =
        Sizing.of(
            50,
            0.8,
            200,
            "one p95 service time",
            List.of(new Sizing.Load(100, "observed_peak"), new Sizing.Load(300, "spec_target")));
    assertThat(s.table()).hasSize(2);
    Sizing.TableRow first = s.table().get(0);
    assertThat(first.basis()).isEqualTo("observed_peak");
    assertThat(first.byUtilization())
        .extracting(Sizing.Recommendation::utilization)
        .containsExactly(0.6, 0.7, 0.75);
    // 100 rps x 50 ms = 5 busy workers: 8.33 -> 9, 7.14 -> 8, 6.67 -> 7.
    assertThat(first.byUtilization())
        .extracting(Sizing.Recommendation::workers)
        .containsExactly(9, 8, 7);
    assertThat(first.tail().lambdaRps()).isEqualTo(100);
    assertThat(s.table().get(1).tail().basis()).isEqualTo("spec_target");
    // The headline: workers at 70% for the largest load (300 rps x 50 ms / 0.7 = 21.4 -> 22).
    assertThat(s.headline()).get().extracting(Sizing.Recommendation::workers).isEqualTo(22);
    assertThat(Sizing.of(50, List.of()).headline()).isEmpty();
    assertThat(Sizing.of(50, List.of(new Sizing.Load(10, "knee"))).table().get(0).tail()).isNull();
  }
}
