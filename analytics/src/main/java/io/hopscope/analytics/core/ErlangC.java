package io.hopscope.analytics.core;

/**
 * The M/M/c queue (Erlang C) and its M/G/c extension by Allen–Cunneen, for sizing against a tail
 * target. With arrival rate λ, mean service S and c servers, the offered load is {@code a = λS}
 * Erlangs and {@code ρ = a / c}. The probability that a job waits is Erlang's C formula (computed
 * through the numerically stable Erlang B recursion {@code B_k = a B_{k-1} / (k + a B_{k-1})},
 * {@code C = c B_c / (c − a (1 − B_c))}); the wait is then exponential with rate {@code c/S − λ}:
 * {@code P(Wq > t) = C e^{−(c/S − λ) t}}. For general service times with coefficient of variation
 * {@code cs} (Poisson arrivals), Allen–Cunneen scales the wait by {@code (1 + cs²) / 2}; that is an
 * approximation, exact for exponential service (cs = 1).
 */
public final class ErlangC {
  private ErlangC() {}

  /** Erlang's C: the probability of waiting; 1 when the queue is unstable (a ≥ c). */
  public static double probabilityOfWait(int c, double a) {
    if (c < 1 || !(a >= 0)) {
      throw new IllegalArgumentException("need c >= 1 and a >= 0");
    }
    if (a >= c) {
      return 1;
    }
    double b = 1;
    for (int k = 1; k <= c; k++) {
      b = a * b / (k + a * b);
    }
    return c * b / (c - a * (1 - b));
  }

  /** Mean wait in seconds of M/M/c; infinite when unstable. */
  public static double meanWaitS(int c, double lambdaRps, double meanServiceS) {
    double a = lambdaRps * meanServiceS;
    if (a >= c) {
      return Double.POSITIVE_INFINITY;
    }
    return probabilityOfWait(c, a) / (c / meanServiceS - lambdaRps);
  }

  /**
   * The p-quantile of the queue delay in seconds, with the Allen–Cunneen factor for service-time
   * variability {@code cs}; infinite when unstable.
   */
  public static double waitQuantileS(
      int c, double lambdaRps, double meanServiceS, double cs, double p) {
    if (!(p > 0 && p < 1) || !(cs >= 0)) {
      throw new IllegalArgumentException("need 0 < p < 1 and cs >= 0");
    }
    double a = lambdaRps * meanServiceS;
    if (a >= c) {
      return Double.POSITIVE_INFINITY;
    }
    double pw = probabilityOfWait(c, a);
    if (1 - p >= pw) {
      return 0;
    }
    double t = Math.log(pw / (1 - p)) / (c / meanServiceS - lambdaRps);
    return t * (1 + cs * cs) / 2;
  }

  /**
   * The smallest number of servers whose predicted p-quantile of queue delay is at most {@code
   * limitS}.
   */
  public static int minServers(
      double lambdaRps, double meanServiceS, double cs, double p, double limitS) {
    if (!(lambdaRps >= 0) || !(meanServiceS > 0) || !(limitS >= 0)) {
      throw new IllegalArgumentException("need λ >= 0, S > 0, limit >= 0");
    }
    int c = Math.max(1, (int) Math.floor(lambdaRps * meanServiceS) + 1);
    while (waitQuantileS(c, lambdaRps, meanServiceS, cs, p) > limitS) {
      c++;
      if (c > 1_000_000) {
        throw new IllegalArgumentException("no server count meets the limit");
      }
    }
    return c;
  }
}
