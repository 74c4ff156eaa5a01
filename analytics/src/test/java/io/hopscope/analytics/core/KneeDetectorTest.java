package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KneeDetectorTest {
  private static final long S = 1_000_000_000L;

  /** A plateau with given medians/p95 of queue delay and service, and depth start/end. */
  static PlateauResult plateau(
      int i, double rps, double q50, double q95, double s50, long depthStart, long depthEnd) {
    Window w = new Window(i, Window.Kind.PLATEAU, i * 120 * S, (i + 1) * 120 * S, rps, rps, rps);
    long jobs = Math.round(rps * 120);
    LatencyStats q = new LatencyStats(q50, q95, q95, q95, q95, q50, q95, jobs);
    LatencyStats s = new LatencyStats(s50, s50 * 2, s50 * 2, s50 * 2, s50 * 2, s50, s50 * 2, jobs);
    LatencyStats hop =
        new LatencyStats(
            q50 + s50,
            q95 + s50 * 2,
            q95 + s50 * 2,
            q95 + s50 * 2,
            q95 + s50 * 2,
            q50 + s50,
            q95 + s50 * 2,
            jobs);
    double slope = (depthEnd - depthStart) / 120.0;
    return new PlateauResult(
        w,
        jobs,
        rps,
        rps,
        rps,
        hop,
        q,
        s,
        null,
        new DepthStats(depthStart, depthEnd, Math.max(depthStart, depthEnd), slope),
        null,
        null,
        false,
        false);
  }

  @Test
  void smallQueueingJumpsAreNotAKnee() {
    // 1 ms -> 6 ms of tail queueing is +500% but tiny next to 40 ms of service.
    List<PlateauResult> ps =
        List.of(plateau(0, 10, 0.3, 1, 40, 0, 0), plateau(1, 20, 0.3, 6, 40, 0, 0));
    assertThat(KneeDetector.defaults().find(ps)).isEmpty();
  }

  @Test
  void stepCountsOnceTheMedianJobWaitsAsLongAsItIsServed() {
    List<PlateauResult> ps =
        List.of(
            plateau(0, 10, 1, 20, 40, 0, 0),
            plateau(1, 20, 10, 60, 40, 0, 0),
            plateau(2, 30, 45, 200, 40, 0, 2));
    Optional<Knee> k = KneeDetector.defaults().find(ps);
    assertThat(k).isPresent();
    assertThat(k.get().plateauIndex()).isEqualTo(2);
    assertThat(k.get().signals()).containsExactly("queue_delay_step");
    assertThat(k.get().reason()).contains("rose 233% from plateau 1");
  }

  @Test
  void backlogGrowthWithinAPlateauIsAKnee() {
    List<PlateauResult> ps =
        List.of(plateau(0, 10, 0.3, 5, 40, 0, 0), plateau(1, 20, 0.3, 6, 40, 0, 300));
    Knee k = KneeDetector.defaults().find(ps).orElseThrow();
    assertThat(k.plateauIndex()).isEqualTo(1);
    assertThat(k.offeredRps()).isEqualTo(20);
    assertThat(k.signals()).containsExactly("backlog_growth");
    assertThat(k.reason()).contains("grew by 300 jobs");
  }

  @Test
  void noiseInDepthIsNotGrowth() {
    // 2400 jobs: growth must reach max(10, 5% of jobs) = 120.
    List<PlateauResult> ps = List.of(plateau(0, 20, 0.3, 5, 40, 3, 40));
    assertThat(KneeDetector.defaults().find(ps)).isEmpty();
  }

  @Test
  void rampsAreSkipped() {
    List<PlateauResult> ps = new ArrayList<>();
    ps.add(plateau(0, 10, 0.3, 5, 40, 0, 0));
    PlateauResult ramp = plateau(1, 20, 0.3, 6, 40, 0, 900);
    Window rw =
        new Window(1, Window.Kind.RAMP, ramp.window().startNs(), ramp.window().endNs(), 20, 10, 30);
    ps.add(
        new PlateauResult(
            rw,
            ramp.jobs(),
            20,
            20,
            20,
            ramp.hop(),
            ramp.queueDelay(),
            ramp.service(),
            null,
            ramp.depth(),
            null,
            null,
            false,
            false));
    assertThat(KneeDetector.defaults().find(ps)).isEmpty();
  }
}
