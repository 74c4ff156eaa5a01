package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class UslTest {
  private static final Usl KNOWN = new Usl(1000, 0.05, 0.001, 1, 32);

  private static double[] range(int from, int to) {
    double[] n = new double[to - from + 1];
    for (int i = 0; i < n.length; i++) {
      n[i] = from + i;
    }
    return n;
  }

  @Test
  void recoversExactSyntheticCurve() {
    double[] n = range(1, 32);
    double[] x = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      x[i] = KNOWN.throughput(n[i]);
    }
    Usl fit = Usl.fit(n, x);
    assertThat(fit.lambda()).isCloseTo(1000, within(1000 * 1e-6));
    assertThat(fit.sigma()).isCloseTo(0.05, within(0.05 * 1e-6));
    assertThat(fit.kappa()).isCloseTo(0.001, within(0.001 * 1e-6));
    assertThat(fit.rSquared()).isCloseTo(1, within(1e-12));
    assertThat(fit.points()).isEqualTo(32);
  }

  @Test
  void recoversNoisyCurve() {
    Random r = new Random(2007);
    double[] n = range(1, 32);
    double[] x = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      x[i] = KNOWN.throughput(n[i]) * (1 + 0.02 * r.nextGaussian());
    }
    Usl fit = Usl.fit(n, x);
    assertThat(fit.sigma()).isCloseTo(0.05, within(0.01));
    assertThat(fit.kappa()).isCloseTo(0.001, within(0.0003));
    assertThat(fit.lambda()).isCloseTo(1000, within(50.0));
    assertThat(fit.rSquared()).isGreaterThan(0.95);
  }

  /**
   * SPEC SDM91 on a 16-CPU Sun SPARCcenter 2000 (Gunther, Guerrilla Capacity Planning, 2007; the R
   * package usl's data(specsdm91)). Throughputs as printed by usl 1.x's tests/t03.Rout.save (fitted
   * + residuals). Reference: usl 2.x (smoeding/usl tests/usl-nlxb.Rout.save and summary.Rout.save;
   * also its README), which fits gamma = λ too: alpha = σ = 0.0277285, beta = κ = 0.0001044, gamma
   * = λ = 89.9952330, R² = 0.9896; peak.scalability 97 (two digits, peak-scalability.Rout.save),
   * sqrt((1 − σ)/κ) = 96.5. usl 1.x's σ = 0.01704689, κ = 7.892498e-05 (normalised by X(1) = 64.9)
   * come from Gunther's quadratic transform, not from least squares on X, so they are not this
   * fit's reference.
   */
  @Test
  void specSdm91MatchesTheRPackage() {
    double[] users = {1, 18, 36, 72, 108, 144, 216};
    double[] scriptsPerHour = {64.9, 995.9, 1652.4, 1853.2, 1828.9, 1775.0, 1702.2};
    Usl fit = Usl.fit(users, scriptsPerHour);
    assertThat(fit.sigma()).isCloseTo(0.0277285, within(5e-7));
    assertThat(fit.kappa()).isCloseTo(0.0001044, within(5e-8));
    assertThat(fit.lambda()).isCloseTo(89.9952330, within(1e-5));
    assertThat(fit.rSquared()).isCloseTo(0.9896, within(5e-5));
    assertThat(fit.peakWorkers()).hasValue(96);
  }

  /**
   * The R package usl's coef test (smoeding/usl tests/coef.Rout.save): X(1) = 1 and the other
   * points rounded to 4 decimals; signif(coef, 3) gives alpha = 0.02, beta = 0.02, gamma = 1.00.
   */
  @Test
  void coefTestOfTheRPackage() {
    Usl fit =
        Usl.fit(
            new double[] {1, 2, 4, 6, 8, 10},
            new double[] {1, 1.8868, 3.0769, 3.5294, 3.5398, 3.3557});
    assertThat(fit.sigma()).isCloseTo(0.02, within(0.00005));
    assertThat(fit.kappa()).isCloseTo(0.02, within(0.00005));
    assertThat(fit.lambda()).isCloseTo(1.00, within(0.005));
  }

  /**
   * The ray tracer on an SGI Origin 2000 (Gunther 2007; the R package usl's data(raytracer)). usl
   * 2.x (smoeding/usl tests/usl-default.Rout.save, digits = 1) prints alpha = 0.06, beta = 0.00:
   * the coherency term is at its bound 0, so there is no peak. SciPy's bounded least_squares gave λ
   * = 21.848843, σ = 0.0577708, κ = 0 here (our cross-check, not a published value).
   */
  @Test
  void rayTracerHasNoCoherencyTerm() {
    double[] cpus = {1, 4, 8, 12, 16, 20, 24, 28, 32, 48, 64};
    double[] rate = {20, 78, 130, 170, 190, 200, 210, 230, 260, 280, 310};
    Usl fit = Usl.fit(cpus, rate);
    assertThat(fit.sigma()).isBetween(0.055, 0.065).isCloseTo(0.0577708, within(1e-6));
    assertThat(fit.kappa()).isLessThan(1e-12);
    assertThat(fit.lambda()).isCloseTo(21.848843, within(1e-4));
    assertThat(fit.peakWorkers()).isEmpty();
    assertThat(fit.peakThroughput()).isCloseTo(fit.lambda() / fit.sigma(), within(1e-9));
  }

  @Test
  void peakAndWorkersForAKnownCurve() {
    // sqrt(0.95 / 0.001) = 30.82: X(30) = 9036.14, X(31) = 9037.90, X(30.82) = 9037.98.
    assertThat(KNOWN.peakWorkers()).hasValue(30);
    assertThat(KNOWN.peakThroughput()).isCloseTo(9037.984, within(1e-3));
    // X(6) = 6000 / 1.28 = 4687.5, X(7) = 7000 / 1.342 = 5216.1
    assertThat(KNOWN.workersFor(5000)).hasValue(7);
    assertThat(KNOWN.workersFor(5216)).hasValue(7);
    assertThat(KNOWN.workersFor(500)).hasValue(1);
    assertThat(KNOWN.workersFor(9037)).hasValue(31); // past floor(peak): 31 is still rising
    assertThat(KNOWN.workersFor(9037.95)).isEmpty(); // below the real peak, above every whole N
    assertThat(KNOWN.workersFor(10_000)).isEmpty();
  }

  @Test
  void withoutCoherencyThroughputApproachesLambdaOverSigma() {
    Usl amdahl = new Usl(100, 0.1, 0, 1, 3);
    assertThat(amdahl.peakWorkers()).isEmpty();
    assertThat(amdahl.peakThroughput()).isCloseTo(1000, within(1e-9));
    // 100N / (1 + 0.1(N − 1)) >= 900  <=>  N >= 810 / 10 = 81
    assertThat(amdahl.workersFor(900)).hasValue(81);
    assertThat(amdahl.workersFor(1000)).isEmpty();
    assertThat(new Usl(100, 0, 0, 1, 3).workersFor(1234)).hasValue(13);
  }

  @Test
  void refusesTooFewDistinctWorkerCounts() {
    assertThatThrownBy(() -> Usl.fit(new double[] {1, 2, 2, 1}, new double[] {10, 19, 18, 11}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 or more distinct worker counts, got 2");
    assertThatThrownBy(() -> Usl.fit(new double[] {1, 2, 3}, new double[] {10, 19}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Usl.fit(new double[] {1, 2, 3}, new double[] {10, Double.NaN, 20}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Usl.fit(new double[] {0, 2, 3}, new double[] {10, 15, 20}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Usl.fit(new double[] {1, 2, 3}, new double[] {0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Exact curves over a range of shapes come back; workersFor is the least N reaching X. */
  @Property(tries = 100)
  void exactCurvesAreRecovered(
      @ForAll @DoubleRange(min = 1, max = 10_000) double lambda,
      @ForAll @DoubleRange(min = 0.001, max = 0.3) @Scale(6) double sigma,
      @ForAll @DoubleRange(min = 0.00001, max = 0.01) @Scale(8) double kappa,
      @ForAll @IntRange(min = 2, max = 60) int target) {
    Usl truth = new Usl(lambda, sigma, kappa, 1, 0);
    double[] n = {1, 2, 4, 8, 16, 32, 64};
    double[] x = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      x[i] = truth.throughput(n[i]);
    }
    Usl fit = Usl.fit(n, x);
    assertThat(fit.lambda()).isCloseTo(lambda, within(lambda * 1e-6));
    assertThat(fit.sigma()).isCloseTo(sigma, within(sigma * 1e-5));
    assertThat(fit.kappa()).isCloseTo(kappa, within(kappa * 1e-5));

    OptionalInt needed = truth.workersFor(truth.throughput(target));
    assertThat(needed).isPresent();
    int w = needed.getAsInt();
    assertThat(w).isLessThanOrEqualTo(target);
    assertThat(truth.throughput(w)).isGreaterThanOrEqualTo(truth.throughput(target));
    if (w > 1) {
      assertThat(truth.throughput(w - 1)).isLessThan(truth.throughput(target));
    }
  }

  @Test
  void threePointsDetermineTheCurveAndNothingMore() {
    Usl three = Usl.fit(new double[] {1, 2, 4}, new double[] {50, 90, 150});
    assertThat(three.isDetermined()).isFalse();
    assertThat(three.rSquared()).isCloseTo(1.0, within(1e-6));
    Usl five = Usl.fit(new double[] {1, 2, 4, 6, 8}, new double[] {50, 90, 150, 180, 195});
    assertThat(five.isDetermined()).isTrue();
  }
}
