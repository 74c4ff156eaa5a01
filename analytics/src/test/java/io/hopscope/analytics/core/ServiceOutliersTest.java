package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One extreme service time that moves the mean sizing uses is named, with the mean without it. */
class ServiceOutliersTest {
  private static PlateauResult withService(PlateauResult p, double meanMs, double maxMs) {
    LatencyStats s = p.service();
    LatencyStats outlier =
        new LatencyStats(s.p50(), s.p90(), s.p95(), s.p99(), s.p999(), meanMs, maxMs, s.count());
    return new PlateauResult(
        p.window(),
        p.jobs(),
        p.offeredRps(),
        p.achievedRps(),
        p.jobArrivalRps(),
        p.hop(),
        p.queueDelay(),
        outlier,
        null,
        p.depth(),
        null,
        null,
        false,
        false);
  }

  @Test
  void aTenDayServiceTimeIsFlaggedWithTheMeanWithoutIt() {
    PlateauResult a = KneeDetectorTest.plateau(0, 10, 0.3, 1, 40, 0, 0); // 1200 jobs, mean 40 ms
    PlateauResult b = KneeDetectorTest.plateau(1, 20, 0.3, 1, 40, 0, 0); // 2400 jobs
    double tenDaysMs = 10 * 86_400_000.0;
    // One job of 10 days among plateau b's 2400: its mean becomes (2399·40 + 864e6) / 2400.
    PlateauResult bad = withService(b, (2399 * 40 + tenDaysMs) / 2400, tenDaysMs);
    List<String> w = RunAnalyzer.serviceOutliers(List.of(a, bad));
    assertThat(w)
        .singleElement()
        .asString()
        .contains("plateau 1")
        .contains("240.0 h")
        .contains("the mean over all 3600 jobs")
        .contains("without it the mean is 40.0 ms");
    assertThat(RunAnalyzer.serviceOutliers(List.of(a, b))).isEmpty();
  }

  @Test
  void aLongTailThatBarelyMovesTheMeanIsNotAnOutlier() {
    PlateauResult a = KneeDetectorTest.plateau(0, 10, 0.3, 1, 40, 0, 0);
    // Max 2 s among 1200 jobs of 40 ms: over 10x the p99 but moves the mean by 4%.
    PlateauResult slow = withService(a, (1199 * 40 + 2000) / 1200.0, 2000);
    assertThat(RunAnalyzer.serviceOutliers(List.of(slow))).isEmpty();
  }
}
