package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopscope.ingest.spec.StageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueDepthTest {
  private static final long S = 1_000_000_000L;

  @Test
  void depthIsArrivalsMinusClaimsBeforeEachSecond() {
    // Seconds 2..6: arrivals 3,3,3,0,0 ; claims 1,2,3,2,1
    QueueDepth q = new QueueDepth(0, 2, new long[] {3, 3, 3, 0, 0}, new long[] {1, 2, 3, 2, 1});
    assertThat(q.at(0)).isZero();
    assertThat(q.at(2)).isZero();
    assertThat(q.at(3)).isEqualTo(2);
    assertThat(q.at(4)).isEqualTo(3);
    assertThat(q.at(5)).isEqualTo(3);
    assertThat(q.at(6)).isEqualTo(1);
    assertThat(q.at(7)).isZero();
    assertThat(q.at(100)).isZero();
    assertThat(q.lastSecond()).isEqualTo(7);
  }

  @Test
  void windowStatsUseTheBoundariesInsideTheWindow() {
    // Depth 0,1,2,3,4 at seconds 0..4: slope 1/s.
    QueueDepth q = new QueueDepth(0, 0, new long[] {1, 1, 1, 1}, new long[] {0, 0, 0, 0});
    DepthStats d = q.over(new Window(0, Window.Kind.PLATEAU, 0, 4 * S, 1, 1, 1));
    assertThat(d.start()).isZero();
    assertThat(d.end()).isEqualTo(4);
    assertThat(d.max()).isEqualTo(4);
    assertThat(d.slopePerS()).isCloseTo(1, within(1e-12));
  }

  @Test
  void secondsRoundTowardsTheWindowInside() {
    QueueDepth q = new QueueDepth(10, 0, new long[] {0}, new long[] {0});
    assertThat(q.secondAtOrAfter(10 + S / 2)).isEqualTo(1);
    assertThat(q.secondAtOrAfter(10 + S)).isEqualTo(1);
    assertThat(q.secondAtOrBefore(10 + S - 1)).isZero();
    assertThat(q.secondAtOrBefore(9)).isEqualTo(-1);
  }

  @Test
  void drainIsTimeFromLoadEndUntilBaseline() {
    // Depth 0,1,2,3,5,3,1,0 at seconds 0..7; measuring starts at 1 s (baseline 1), load ends at 4
    // s.
    QueueDepth q =
        new QueueDepth(0, 0, new long[] {2, 2, 2, 2, 0, 0, 0}, new long[] {1, 1, 1, 0, 2, 2, 1});
    Schedule s = Schedule.of(0, 1, List.of(StageSpec.constant(2, 3)));
    Drain d = Drain.of(q, s);
    assertThat(q.at(4)).isEqualTo(5);
    assertThat(d.baselineDepth()).isEqualTo(1);
    assertThat(d.depthAtLoadEnd()).isEqualTo(5);
    assertThat(d.drainSeconds()).isEqualTo(2.0);
  }

  @Test
  void neverDrainedIsNull() {
    QueueDepth q = new QueueDepth(0, 0, new long[] {2, 2, 2}, new long[] {0, 0, 0});
    Drain d = Drain.of(q, Schedule.of(0, 0, List.of(StageSpec.constant(2, 1))));
    // Jobs that are never claimed keep the depth up to the end of the data.
    assertThat(d.drainSeconds()).isNull();
  }

  @Test
  void slopeSignificanceSeparatesGrowthFromFluctuation() {
    // 120 s: a backlog growing by 2 jobs/s, and one that wobbles around 3 without a trend.
    int n = 120;
    long[] growArr = new long[n];
    long[] growCla = new long[n];
    long[] wobArr = new long[n];
    long[] wobCla = new long[n];
    for (int i = 0; i < n; i++) {
      growArr[i] = 10;
      growCla[i] = 8;
      wobArr[i] = 10 + (i % 7 == 0 ? 3 : 0);
      wobCla[i] = 10 + (i % 7 == 3 ? 3 : 0);
    }
    Window w = new Window(0, Window.Kind.PLATEAU, 0, n * S, 10, 10, 10);
    DepthStats grow = new QueueDepth(0, 0, growArr, growCla).over(w);
    DepthStats wobble = new QueueDepth(0, 0, wobArr, wobCla).over(w);
    assertThat(grow.slopePValue()).isLessThan(0.001);
    assertThat(wobble.slopePValue()).isGreaterThan(0.05);
    // Too short for five blocks of five seconds: no test.
    QueueDepth shortRun = new QueueDepth(0, 0, new long[] {1, 1, 1, 1}, new long[] {0, 0, 0, 0});
    assertThat(shortRun.over(new Window(0, Window.Kind.PLATEAU, 0, 4 * S, 1, 1, 1)).slopePValue())
        .isNull();
  }
}
