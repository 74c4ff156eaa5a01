package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Change points in the mean of a series (a metric over successive CI runs) by E-divisive with
 * means: Matteson &amp; James (2014), "A Nonparametric Approach for Multiple Change Point Analysis
 * of Multivariate Data", JASA 109(505), and its use on performance histories by Daly et al. (2020),
 * "The Use of Change Point Detection to Identify Software Performance Regressions in a Continuous
 * Integration System", ICPE.
 *
 * <p>For a segment {@code z[start..end)} split at {@code τ} into {@code X = z[start..τ)} ({@code n}
 * points) and {@code Y = z[τ..end)} ({@code m} points), the divergence with exponent α = 1 (the
 * energy distance) is {@code Ê = 2/(nm)·Σ|x−y| − C(n,2)⁻¹·Σ_{i<k}|x_i−x_k| −
 * C(m,2)⁻¹·Σ_{j<k}|y_j−y_k|} and the statistic is {@code Q̂ = nm/(n+m)·Ê}. The end of the
 * candidate's second sample is the segment's end, as in the MongoDB signal-processing code (ecp's
 * {@code e.divisive} also maximises over that end). Bisection is hierarchical as in ecp: in each
 * round the split with the largest {@code Q̂} over all current segments is tested by permuting that
 * segment ({@code p = (#{Q̂_perm ≥ Q̂} + 1)/(R + 1)}); the first split with {@code p} above the
 * significance level ends the search.
 *
 * <p>Deterministic for a seed: the permutations come from one {@link SplittableRandom}.
 */
public final class ChangePoints {
  /** Significance level for accepting a change point. */
  public static final double DEFAULT_SIGNIFICANCE = 0.05;

  /** Permutations per test; p is then a multiple of 1/200. */
  public static final int DEFAULT_PERMUTATIONS = 199;

  /** Fewest points in a segment: fewer cannot show a mean of their own. */
  public static final int DEFAULT_MIN_SIZE = 3;

  private ChangePoints() {}

  /**
   * A shift in the series.
   *
   * @param index the first element of the new segment (the run where the shift began)
   * @param pValue the permutation p-value of the split when it was accepted
   * @param meanBefore the mean of the segment that ends at {@code index} (from the previous change
   *     point or the start)
   * @param meanAfter the mean of the segment that starts at {@code index} (to the next change point
   *     or the end)
   * @param relativeChange {@code (meanAfter − meanBefore) / |meanBefore|}; NaN when {@code
   *     meanBefore} is 0
   */
  public record ChangePoint(
      int index, double pValue, double meanBefore, double meanAfter, double relativeChange) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "ChangePoint[%d, p=%.4f, %.6g -> %.6g (%+.2f%%)]",
          index,
          pValue,
          meanBefore,
          meanAfter,
          relativeChange * 100);
    }
  }

  /** Change points with the default significance, permutations and minimum segment size. */
  public static List<ChangePoint> detect(double[] series, long seed) {
    return detect(series, DEFAULT_SIGNIFICANCE, DEFAULT_PERMUTATIONS, DEFAULT_MIN_SIZE, seed);
  }

  /** Change points with the default minimum segment size. */
  public static List<ChangePoint> detect(
      double[] series, double significance, int permutations, long seed) {
    return detect(series, significance, permutations, DEFAULT_MIN_SIZE, seed);
  }

  /**
   * The change points of {@code series}, sorted by index.
   *
   * @param significance accept a split when its permutation p-value is at most this (0 < s < 1)
   * @param permutations permutations per test (at least 1)
   * @param minSize fewest points in a segment (at least 2); a series shorter than {@code 2·minSize}
   *     has no change point
   * @param seed the seed of the permutations
   * @throws IllegalArgumentException on NaN or infinite values or parameters out of range
   */
  public static List<ChangePoint> detect(
      double[] series, double significance, int permutations, int minSize, long seed) {
    if (!(significance > 0 && significance < 1) || permutations < 1 || minSize < 2) {
      throw new IllegalArgumentException(
          "need 0 < significance < 1, permutations >= 1, minSize >= 2");
    }
    for (int i = 0; i < series.length; i++) {
      if (!Double.isFinite(series[i])) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "series[%d] = %s is not a finite number", i, series[i]));
      }
    }
    int n = series.length;
    List<Integer> bounds = new ArrayList<>(List.of(0, n)); // sorted segment boundaries
    List<Double> pValues = new ArrayList<>(List.of(Double.NaN, Double.NaN));
    SplittableRandom random = new SplittableRandom(seed);
    while (true) {
      int bestSegment = -1;
      Split best = null;
      for (int s = 0; s + 1 < bounds.size(); s++) {
        Split split = bestSplit(series, bounds.get(s), bounds.get(s + 1), minSize);
        if (split != null && (best == null || split.q > best.q)) {
          best = split;
          bestSegment = s;
        }
      }
      if (best == null || !(best.q > 0)) {
        break;
      }
      int start = bounds.get(bestSegment);
      int end = bounds.get(bestSegment + 1);
      double[] shuffled = Arrays.copyOfRange(series, start, end);
      int atLeast = 0;
      for (int r = 0; r < permutations; r++) {
        shuffle(shuffled, random);
        Split perm = bestSplit(shuffled, 0, shuffled.length, minSize);
        if (perm.q >= best.q) {
          atLeast++;
        }
      }
      double p = (atLeast + 1.0) / (permutations + 1.0);
      if (p > significance) {
        break;
      }
      bounds.add(bestSegment + 1, best.tau);
      pValues.add(bestSegment + 1, p);
    }
    List<ChangePoint> out = new ArrayList<>();
    for (int k = 1; k + 1 < bounds.size(); k++) {
      double before = mean(series, bounds.get(k - 1), bounds.get(k));
      double after = mean(series, bounds.get(k), bounds.get(k + 1));
      double relative = before != 0 ? (after - before) / Math.abs(before) : Double.NaN;
      out.add(new ChangePoint(bounds.get(k), pValues.get(k), before, after, relative));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Matteson &amp; James' {@code Q̂} (α = 1) for splitting {@code series[start..end)} at {@code
   * split}: the first sample is {@code series[start..split)}, the second {@code
   * series[split..end)}. A sample of one point has no within-sample term.
   */
  public static double q(double[] series, int start, int split, int end) {
    if (start < 0 || end > series.length || split <= start || split >= end) {
      throw new IllegalArgumentException("need 0 <= start < split < end <= length");
    }
    double within1 = 0;
    double within2 = 0;
    double between = 0;
    for (int i = start; i < end; i++) {
      for (int k = i + 1; k < end; k++) {
        double d = Math.abs(series[i] - series[k]);
        if (k < split) {
          within1 += d;
        } else if (i >= split) {
          within2 += d;
        } else {
          between += d;
        }
      }
    }
    return q(split - start, end - split, within1, within2, between);
  }

  private static double q(int n, int m, double within1, double within2, double between) {
    double e =
        2 * between / ((double) n * m)
            - (n > 1 ? within1 / (n * (n - 1) / 2.0) : 0)
            - (m > 1 ? within2 / (m * (m - 1) / 2.0) : 0);
    return (double) n * m / (n + m) * e;
  }

  private record Split(int tau, double q) {}

  /**
   * The split of {@code z[start..end)} with the largest {@code Q̂}, both parts at least {@code
   * minSize}; null when the segment is too short. O(L²): moving the split one point to the right
   * moves that point's distances from the second sample's sums to the first's.
   */
  private static Split bestSplit(double[] z, int start, int end, int minSize) {
    int first = start + minSize;
    int last = end - minSize;
    if (first > last) {
      return null;
    }
    double within1 = 0;
    double within2 = 0;
    double between = 0;
    for (int i = start; i < end; i++) {
      for (int k = i + 1; k < end; k++) {
        double d = Math.abs(z[i] - z[k]);
        if (k < first) {
          within1 += d;
        } else if (i >= first) {
          within2 += d;
        } else {
          between += d;
        }
      }
    }
    int bestTau = first;
    double bestQ = q(first - start, end - first, within1, within2, between);
    for (int tau = first; tau < last; tau++) {
      // z[tau] leaves the second sample and joins the first.
      double toFirst = 0;
      for (int i = start; i < tau; i++) {
        toFirst += Math.abs(z[i] - z[tau]);
      }
      double toSecond = 0;
      for (int j = tau + 1; j < end; j++) {
        toSecond += Math.abs(z[tau] - z[j]);
      }
      within1 += toFirst;
      within2 -= toSecond;
      between += toSecond - toFirst;
      double qq = q(tau + 1 - start, end - tau - 1, within1, within2, between);
      if (qq > bestQ) {
        bestQ = qq;
        bestTau = tau + 1;
      }
    }
    return new Split(bestTau, bestQ);
  }

  /** Fisher–Yates. */
  private static void shuffle(double[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static double mean(double[] z, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += z[i];
    }
    return s / (to - from);
  }
}
