package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ingest.spec.StageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final long T0 = 1_000_000_000_000L;
  private static final long S = 1_000_000_000L;

  @Test
  void windowsFollowTheWarmupAndEachOther() {
    Schedule s =
        Schedule.of(
            T0,
            60,
            List.of(
                StageSpec.constant(50, 120),
                new StageSpec(50, 100, 30),
                StageSpec.constant(100, 120)));
    assertThat(s.windows())
        .containsExactly(
            new Window(0, Window.Kind.PLATEAU, T0 + 60 * S, T0 + 180 * S, 50, 50, 50),
            new Window(1, Window.Kind.RAMP, T0 + 180 * S, T0 + 210 * S, 75, 50, 100),
            new Window(2, Window.Kind.PLATEAU, T0 + 210 * S, T0 + 330 * S, 100, 100, 100));
    assertThat(s.measureStartNs()).isEqualTo(T0 + 60 * S);
    assertThat(s.loadEndNs()).isEqualTo(T0 + 330 * S);
  }

  @Test
  void indexOfUsesHalfOpenWindows() {
    Schedule s = Schedule.of(T0, 10, List.of(StageSpec.constant(5, 10), StageSpec.constant(6, 10)));
    assertThat(s.indexOf(T0)).isEqualTo(-1);
    assertThat(s.indexOf(T0 + 10 * S - 1)).isEqualTo(-1);
    assertThat(s.indexOf(T0 + 10 * S)).isZero();
    assertThat(s.indexOf(T0 + 20 * S - 1)).isZero();
    assertThat(s.indexOf(T0 + 20 * S)).isEqualTo(1);
    assertThat(s.indexOf(T0 + 30 * S)).isEqualTo(-1);
  }

  @Test
  void fractionalDurationsDoNotDrift() {
    Schedule s =
        Schedule.of(
            T0,
            0.1,
            List.of(
                StageSpec.constant(1, 0.1),
                StageSpec.constant(1, 0.1),
                StageSpec.constant(1, 0.1)));
    assertThat(s.loadEndNs()).isEqualTo(T0 + 400_000_000L);
  }
}
