package io.hopscope.analytics.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law (Guerrilla Capacity Planning, Springer 2007): {@code X(N) =
 * λN / (1 + σ(N − 1) + κN(N − 1))} with λ the throughput of one worker, σ contention and κ
 * coherency. Fitted by nonlinear least squares on the throughput itself (Levenberg–Marquardt) with
 * λ, σ, κ ≥ 0 and σ, κ ≤ 1, like the {@code nls}/{@code nlxb} solvers of the R package {@code usl}
 * 2.x (Möding), which also estimate λ (their {@code gamma}) rather than normalising by {@code
 * X(1)}. The bounds are kept by clamping and by taking the best of four fits (σ and κ each free or
 * held at 0). Start: λ = the throughput per worker at the smallest N, σ = 0.01, κ = 0.0001.
 *
 * @param rSquared {@code 1 − SS_res / SS_tot} of the fitted throughput
 * @param points the number of measurements fitted
 */
public record Usl(double lambda, double sigma, double kappa, double rSquared, int points) {

  /** λ, σ and κ. */
  public static final int PARAMETERS = 3;

  /**
   * Whether the data can judge the fit: more measurements than parameters. With exactly three the
   * curve passes through every point (R² is 1 whatever the system does).
   */
  public boolean isDetermined() {
    return points > PARAMETERS;
  }

  /**
   * Fits the law to measurements {@code (workers[i], throughput[i])}; at least three distinct
   * worker counts, all positive, throughputs finite and not negative (not all zero).
   */
  public static Usl fit(double[] workers, double[] throughput) {
    int n = workers.length;
    if (throughput.length != n) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%d worker counts but %d throughputs", n, throughput.length));
    }
    for (int i = 0; i < n; i++) {
      if (!(workers[i] > 0) || !Double.isFinite(workers[i])) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "workers[%d] = %s is not a positive number", i, workers[i]));
      }
      if (!(throughput[i] >= 0) || !Double.isFinite(throughput[i])) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "throughput[%d] = %s is not a finite number >= 0", i, throughput[i]));
      }
    }
    long distinct = Arrays.stream(workers).distinct().count();
    if (distinct < 3) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the Universal Scalability Law has three parameters: need measurements at 3 or more"
                  + " distinct worker counts, got %d",
              distinct));
    }
    double start = startLambda(workers, throughput);
    if (!(start > 0)) {
      throw new IllegalArgumentException("all throughputs are 0");
    }
    // Box constraints by enumerating the active set: the least-squares optimum with σ, κ ≥ 0 is
    // either interior (the full fit) or on a face where σ or κ (or both) is 0. Clamping alone
    // can stall on a face away from its optimum.
    double[] best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int mask = 0; mask < 4; mask++) {
      double[] p = fit(workers, throughput, start, (mask & 1) == 0, (mask & 2) == 0);
      double cost = 0;
      for (int i = 0; i < n; i++) {
        double d = 1 + p[1] * (workers[i] - 1) + p[2] * workers[i] * (workers[i] - 1);
        double r = throughput[i] - p[0] * workers[i] / d;
        cost += r * r;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = p;
      }
    }
    double mean = Arrays.stream(throughput).average().orElse(0);
    double ssTot = 0;
    for (double x : throughput) {
      ssTot += (x - mean) * (x - mean);
    }
    return new Usl(best[0], best[1], best[2], ssTot > 0 ? 1 - bestCost / ssTot : Double.NaN, n);
  }

  /** The modelled throughput at {@code n} workers. */
  public double throughput(double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  /**
   * {@code floor(sqrt((1 − σ)/κ))}, at least 1: the largest whole worker count not beyond the peak
   * of the curve. Empty when κ = 0: then throughput rises for ever (towards λ/σ, Amdahl).
   */
  public OptionalInt peakWorkers() {
    if (!(kappa > 0)) {
      return OptionalInt.empty();
    }
    double peak = Math.floor(Math.sqrt((1 - sigma) / kappa));
    return OptionalInt.of((int) Math.max(1, Math.min(peak, Integer.MAX_VALUE)));
  }

  /**
   * The highest throughput of the curve: {@code X(sqrt((1 − σ)/κ))} at the real-valued peak (not
   * below {@code X(1) = λ}); with κ = 0 the supremum λ/σ, never reached, or infinity when σ = 0
   * too.
   */
  public double peakThroughput() {
    if (kappa > 0) {
      return Math.max(lambda, throughput(Math.sqrt((1 - sigma) / kappa)));
    }
    return sigma > 0 ? lambda / sigma : Double.POSITIVE_INFINITY;
  }

  /**
   * The smallest whole worker count {@code N ≥ 1} with {@code X(N) ≥ target}; empty when no worker
   * count reaches it (the target is above the peak).
   */
  public OptionalInt workersFor(double target) {
    if (Double.isNaN(target)) {
      throw new IllegalArgumentException("target is NaN");
    }
    if (target <= throughput(1)) {
      return OptionalInt.of(1);
    }
    // X rises on [1, peak]: find a whole N that reaches the target, then bisect below it.
    long hi;
    if (kappa > 0) {
      double peak = Math.sqrt((1 - sigma) / kappa);
      long below = (long) Math.min(Math.max(1, Math.floor(peak)), Integer.MAX_VALUE - 1.0);
      hi = throughput(below + 1) > throughput(below) ? below + 1 : below;
    } else {
      // λN ≥ T(1 + σ(N − 1))  ⇔  N(λ − Tσ) ≥ T(1 − σ)
      double slack = lambda - target * sigma;
      if (!(slack > 0)) {
        return OptionalInt.empty();
      }
      double n = Math.ceil(target * (1 - sigma) / slack);
      if (!(n < Integer.MAX_VALUE - 1)) {
        return OptionalInt.empty();
      }
      hi = (long) n + 1;
    }
    if (hi > Integer.MAX_VALUE || throughput(hi) < target) {
      return OptionalInt.empty();
    }
    long lo = 1; // X(lo) < target <= X(hi)
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      if (throughput(mid) >= target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return OptionalInt.of((int) hi);
  }

  /**
   * Levenberg–Marquardt on λ and whichever of σ, κ is free (the others 0), within the bounds.
   * Returns {λ, σ, κ}.
   */
  private static double[] fit(
      double[] workers,
      double[] throughput,
      double lambdaStart,
      boolean sigmaFree,
      boolean kappaFree) {
    int n = workers.length;
    int sigmaAt = sigmaFree ? 1 : -1;
    int kappaAt = kappaFree ? (sigmaFree ? 2 : 1) : -1;
    int k = 1 + (sigmaFree ? 1 : 0) + (kappaFree ? 1 : 0);
    double[] start = new double[k];
    start[0] = lambdaStart;
    if (sigmaFree) {
      start[sigmaAt] = 0.01;
    }
    if (kappaFree) {
      start[kappaAt] = 0.0001;
    }
    MultivariateJacobianFunction model =
        q -> {
          double lambda = q.getEntry(0);
          double sigma = sigmaFree ? q.getEntry(sigmaAt) : 0;
          double kappa = kappaFree ? q.getEntry(kappaAt) : 0;
          double[] value = new double[n];
          double[][] jacobian = new double[n][k];
          for (int i = 0; i < n; i++) {
            double w = workers[i];
            double d = 1 + sigma * (w - 1) + kappa * w * (w - 1);
            value[i] = lambda * w / d;
            jacobian[i][0] = w / d;
            if (sigmaFree) {
              jacobian[i][sigmaAt] = -lambda * w * (w - 1) / (d * d);
            }
            if (kappaFree) {
              jacobian[i][kappaAt] = -lambda * w * w * (w - 1) / (d * d);
            }
          }
          return new Pair<>(
              new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
        };
    LeastSquaresProblem problem =
        new LeastSquaresBuilder()
            .model(model)
            .target(throughput)
            .start(start)
            .parameterValidator(
                q -> {
                  RealVector c = q.copy();
                  c.setEntry(0, Math.max(0, c.getEntry(0)));
                  for (int j = 1; j < k; j++) {
                    c.setEntry(j, Math.min(1, Math.max(0, c.getEntry(j))));
                  }
                  return c;
                })
            .lazyEvaluation(false)
            .maxEvaluations(100_000)
            .maxIterations(100_000)
            .build();
    RealVector q =
        new LevenbergMarquardtOptimizer()
            .withCostRelativeTolerance(1e-14)
            .withParameterRelativeTolerance(1e-14)
            .withOrthoTolerance(1e-14)
            .optimize(problem)
            .getPoint();
    return new double[] {
      Math.max(0, q.getEntry(0)),
      sigmaFree ? Math.min(1, Math.max(0, q.getEntry(sigmaAt))) : 0,
      kappaFree ? Math.min(1, Math.max(0, q.getEntry(kappaAt))) : 0
    };
  }

  /** Mean throughput per worker at the smallest worker count. */
  private static double startLambda(double[] workers, double[] throughput) {
    double min = Arrays.stream(workers).min().orElseThrow();
    double sum = 0;
    int count = 0;
    for (int i = 0; i < workers.length; i++) {
      if (workers[i] == min) {
        sum += throughput[i];
        count++;
      }
    }
    double start = sum / count / min;
    if (start > 0) {
      return start;
    }
    double best = 0;
    for (int i = 0; i < workers.length; i++) {
      best = Math.max(best, throughput[i] / workers[i]);
    }
    return best;
  }
}
