package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopscope.ingest.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stages found in per-second rates whose true schedule is known. */
class ScheduleInferenceTest {
  private static final long T0_S = 1_780_000_000L;

  /** Poisson counts per second following the stages (rates in events per second). */
  private static RateSeries poisson(long seed, List<StageSpec> stages) {
    Random rnd = new Random(seed);
    List<Long> counts = new ArrayList<>();
    for (StageSpec s : stages) {
      int n = (int) s.durationSeconds();
      for (int i = 0; i < n; i++) {
        double rate = s.startRps() + (s.endRps() - s.startRps()) * (i + 0.5) / n;
        counts.add(poisson(rnd, rate));
      }
    }
    return new RateSeries(
        T0_S * 1_000_000_000L, counts.stream().mapToLong(Long::longValue).toArray(), "events");
  }

  private static long poisson(Random rnd, double mean) {
    if (mean > 200) { // normal approximation, for speed
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
    }
    double l = Math.exp(-mean);
    long k = 0;
    double p = 1;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private static ScheduleInference.Inferred infer(RateSeries s) {
    return ScheduleInference.infer(s).orElseThrow();
  }

  @Test
  void aConstantRateIsOnePlateau() {
    for (long seed = 1; seed <= 20; seed++) {
      ScheduleInference.Inferred i = infer(poisson(seed, List.of(StageSpec.constant(50, 300))));
      assertThat(i.stages()).as("seed %d", seed).hasSize(1);
      StageSpec s = i.stages().get(0);
      assertThat(s.isRamp()).isFalse();
      assertThat(s.startRps()).isCloseTo(50, within(1.5));
      assertThat(s.durationSeconds()).isBetween(298.0, 300.0);
    }
  }

  @Test
  void anExactlyRegularRateKeepsItsWholeSeconds() {
    long[] c = new long[120];
    java.util.Arrays.fill(c, 20);
    ScheduleInference.Inferred i = infer(new RateSeries(T0_S * 1_000_000_000L, c, "events"));
    assertThat(i.stages()).containsExactly(StageSpec.constant(20, 120));
    assertThat(i.t0Ns()).isEqualTo(T0_S * 1_000_000_000L);
    assertThat(i.binSeconds()).isEqualTo(1);
  }

  @Test
  void partialFirstAndLastSecondsAreDropped() {
    long[] c = new long[62];
    java.util.Arrays.fill(c, 40);
    c[0] = 7;
    c[61] = 22;
    ScheduleInference.Inferred i = infer(new RateSeries(T0_S * 1_000_000_000L, c, "events"));
    assertThat(i.stages()).containsExactly(StageSpec.constant(40, 60));
    assertThat(i.t0Ns()).isEqualTo((T0_S + 1) * 1_000_000_000L);
  }

  @Test
  void steppedPlateausAreFoundWithTheirRatesAndBoundaries() {
    List<StageSpec> truth = new ArrayList<>();
    for (int rps = 20; rps <= 100; rps += 20) {
      truth.add(StageSpec.constant(rps, 60));
    }
    for (long seed = 1; seed <= 10; seed++) {
      checkSteps(seed, infer(poisson(seed, truth)), truth);
    }
  }

  /** k6's arrival-rate executors pace iterations evenly: small steps read as steps too. */
  @Test
  void pacedSmallStepsAreFound() {
    List<StageSpec> truth = new ArrayList<>();
    for (int rps = 12; rps <= 48; rps += 6) {
      truth.add(StageSpec.constant(rps, 60));
    }
    for (long seed = 1; seed <= 10; seed++) {
      Random rnd = new Random(seed);
      List<Long> counts = new ArrayList<>();
      for (StageSpec s : truth) {
        for (int i = 0; i < 60; i++) {
          counts.add((long) s.startRps() + rnd.nextInt(3) - 1); // one early or late
        }
      }
      RateSeries paced =
          new RateSeries(
              T0_S * 1_000_000_000L,
              counts.stream().mapToLong(Long::longValue).toArray(),
              "events");
      checkSteps(seed, infer(paced), truth);
    }
  }

  private static void checkSteps(long seed, ScheduleInference.Inferred i, List<StageSpec> truth) {
    assertThat(i.stages()).as("seed %d: %s", seed, i.stages()).hasSize(truth.size());
    double end = 0;
    double trueEnd = 0;
    for (int k = 0; k < truth.size(); k++) {
      StageSpec s = i.stages().get(k);
      assertThat(s.isRamp()).as("seed %d stage %d", seed, k).isFalse();
      assertThat(s.startRps()).isCloseTo(truth.get(k).startRps(), within(0.06 * s.startRps()));
      end += s.durationSeconds();
      trueEnd += truth.get(k).durationSeconds();
      if (k < truth.size() - 1) {
        assertThat(end).as("seed %d boundary %d", seed, k).isCloseTo(trueEnd, within(3.0));
      }
    }
  }

  @Test
  void aRampThenAPlateau() {
    for (long seed = 1; seed <= 10; seed++) {
      ScheduleInference.Inferred i =
          infer(poisson(seed, List.of(new StageSpec(0, 100, 120), StageSpec.constant(100, 120))));
      List<StageSpec> s = i.stages();
      assertThat(s).as("seed %d: %s", seed, s).hasSize(2);
      assertThat(s.get(0).isRamp()).isTrue();
      assertThat(s.get(0).endRps()).as("seed %d: %s", seed, s).isCloseTo(100, within(15.0));
      assertThat(s.get(0).durationSeconds())
          .as("seed %d: %s", seed, s)
          .isCloseTo(120, within(24.0)); // Poisson noise moves a ramp's corner
      assertThat(s.get(1).isRamp()).isFalse();
      assertThat(s.get(1).startRps()).isCloseTo(100, within(3.0));
    }
  }

  @Test
  void aPacedRampThenAPlateauHasItsCornerInPlace() {
    for (long seed = 1; seed <= 10; seed++) {
      Random rnd = new Random(seed);
      long[] c = new long[240];
      for (int i = 0; i < c.length; i++) {
        double rate = i < 120 ? 100.0 * (i + 0.5) / 120 : 100;
        c[i] = Math.round(rate) + rnd.nextInt(3) - 1;
      }
      c[0] = Math.max(c[0], 0);
      List<StageSpec> s = infer(new RateSeries(T0_S * 1_000_000_000L, c, "events")).stages();
      assertThat(s).as("seed %d: %s", seed, s).hasSize(2);
      assertThat(s.get(0).isRamp()).isTrue();
      assertThat(s.get(0).durationSeconds()).as("seed %d: %s", seed, s).isCloseTo(120, within(5.0));
      assertThat(s.get(0).endRps()).isCloseTo(100, within(3.0));
      assertThat(s.get(1).startRps()).isCloseTo(100, within(1.0));
    }
  }

  @Test
  void aLongSoakIsBinnedAndStaysOnePlateau() {
    ScheduleInference.Inferred i = infer(poisson(3, List.of(StageSpec.constant(30, 4 * 3600))));
    assertThat(i.binSeconds()).isEqualTo(8);
    assertThat(i.stages()).hasSize(1);
    assertThat(i.stages().get(0).startRps()).isCloseTo(30, within(0.3));
    assertThat(i.stages().get(0).durationSeconds()).isBetween(4 * 3600 - 2.0, 4 * 3600.0);
    assertThat(i.basis()).contains("per 8 s");
  }

  @Test
  void emptyAndTinySeries() {
    assertThat(ScheduleInference.infer(new RateSeries(0, new long[] {0, 0}, "events"))).isEmpty();
    ScheduleInference.Inferred one =
        infer(new RateSeries(T0_S * 1_000_000_000L, new long[] {0, 3, 0}, "events"));
    assertThat(one.stages()).containsExactly(StageSpec.constant(3, 1));
    assertThat(one.schedule().isInferred()).isTrue();
    assertThat(one.schedule().windows()).hasSize(1);
  }

  @Test
  void aPauseInTheMiddleIsAStageOfItsOwn() {
    List<StageSpec> truth =
        List.of(StageSpec.constant(30, 60), StageSpec.constant(0, 30), StageSpec.constant(30, 60));
    ScheduleInference.Inferred i = infer(poisson(5, truth));
    assertThat(i.stages()).hasSize(3);
    assertThat(i.stages().get(1).startRps()).isLessThan(1);
  }
}
