package io.hopscope.analytics.core;

import java.util.OptionalInt;

/**
 * Kneedle (Satopää, Albrecht, Irwin, Raghavan: "Finding a 'Kneedle' in a Haystack: Detecting Knee
 * Points in System Behavior", ICDCS Workshops 2011), offline, for a convex increasing curve such as
 * latency against offered load.
 *
 * <p>Both axes are normalised to [0, 1]; the difference curve {@code d = x_n - y_n} measures how
 * far the curve lies below the diagonal; a local maximum of {@code d} is a knee once {@code d} then
 * falls below the threshold {@code d_max - S · mean(Δx_n)} before another local maximum (the
 * paper's section III, with the sensitivity S, 1 by default).
 */
public final class Kneedle {
  private Kneedle() {}

  /** The index of the knee of {@code y(x)} (x strictly increasing), or empty. */
  public static OptionalInt find(double[] x, double[] y, double sensitivity) {
    int n = x.length;
    if (n != y.length) {
      throw new IllegalArgumentException("x and y differ in length");
    }
    if (n < 3) {
      return OptionalInt.empty();
    }
    for (int i = 1; i < n; i++) {
      if (!(x[i] > x[i - 1])) {
        throw new IllegalArgumentException("x must be strictly increasing");
      }
    }
    double xMin = x[0];
    double xSpan = x[n - 1] - x[0];
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    }
    if (!(yMax > yMin)) {
      return OptionalInt.empty();
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (x[i] - xMin) / xSpan - (y[i] - yMin) / (yMax - yMin);
    }
    double meanStep = 1.0 / (n - 1);
    for (int i = 1; i < n - 1; i++) {
      boolean localMax = d[i] > d[i - 1] && d[i] >= d[i + 1];
      if (!localMax) {
        continue;
      }
      double threshold = d[i] - sensitivity * meanStep;
      for (int j = i + 1; j < n; j++) {
        if (d[j] < threshold) {
          return OptionalInt.of(i);
        }
        if (j < n - 1 && d[j] > d[j - 1] && d[j] >= d[j + 1]) {
          break; // another local maximum comes first
        }
      }
    }
    return OptionalInt.empty();
  }
}
