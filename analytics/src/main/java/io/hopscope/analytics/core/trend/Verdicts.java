package io.hopscope.analytics.core.trend;

import io.hopscope.analytics.core.Trend;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.core.trend.TrendAnalysis.*;
import java.util.List;

/** Verdicts: a run against the baseline or the previous run, judged against the history's noise. */
final class Verdicts {
  private Verdicts() {}

  static Comparison compare(Series s, List<TrendInput> g, int from, int to, Options o) {
    Point a = s.points().get(from);
    Point b = s.points().get(to);
    String fromRun = g.get(from).runId();
    String toRun = g.get(to).runId();
    if (a.isNever() != b.isNever()
        && (a.isNever() || !Double.isNaN(a.value()))
        && (b.isNever() || !Double.isNaN(b.value()))) {
      // One run never got there (its backlog never drained), the other did.
      boolean worse = b.isNever() == (s.better() == Better.LOWER);
      return new Comparison(
          s.key(),
          s.label(),
          s.unit(),
          fromRun,
          a.isNever() ? Double.POSITIVE_INFINITY : a.value(),
          toRun,
          b.isNever() ? Double.POSITIVE_INFINITY : b.value(),
          b.isNever() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY,
          worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT);
    }
    if (a.isBound() || b.isBound()) {
      return againstBound(s, a, b, fromRun, toRun, o);
    }
    if (Double.isNaN(a.value()) || Double.isNaN(b.value())) {
      return new Comparison(
          s.key(),
          s.label(),
          s.unit(),
          fromRun,
          a.value(),
          toRun,
          b.value(),
          Double.NaN,
          Verdict.NO_DATA);
    }
    double diff = b.value() - a.value();
    double change =
        s.absolute()
            ? diff
            : a.value() == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : diff / a.value();
    double threshold = s.absolute() ? o.errorRateThreshold() : o.threshold();
    Verdict v;
    if (Math.abs(change) <= threshold || Math.abs(diff) <= s.floor()) {
      v = Verdict.WITHIN_THRESHOLD;
    } else if (a.hasInterval() && b.hasInterval() && a.lo() <= b.hi() && b.lo() <= a.hi()) {
      v = Verdict.WITHIN_NOISE;
    } else if (withinHistoryNoise(s, from, b.value())) {
      v = Verdict.WITHIN_NOISE;
    } else {
      boolean worse = (diff > 0) == (s.better() == Better.LOWER);
      v = worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
    }
    return new Comparison(
        s.key(), s.label(), s.unit(), fromRun, a.value(), toRun, b.value(), change, v);
  }

  /**
   * A comparison where one run or both have only a lower bound (for a series where higher is
   * better: the knee load). A value below the other run's bound by more than the threshold is a
   * regression, a bound above the other run's value by more than the threshold an improvement;
   * otherwise the runs cannot be told apart (no data), and the bounds still show on the page.
   */
  static Comparison againstBound(
      Series s, Point a, Point b, String fromRun, String toRun, Options o) {
    double change = Double.NaN;
    Verdict v = Verdict.NO_DATA;
    boolean higherBetter = s.better() == Better.HIGHER;
    if (higherBetter && a.isBound() && !Double.isNaN(b.value()) && a.atLeast() > 0) {
      double c = (b.value() - a.atLeast()) / a.atLeast();
      if (c < -o.threshold()) {
        change = c;
        v = Verdict.REGRESSION;
      }
    } else if (higherBetter && b.isBound() && !Double.isNaN(a.value()) && a.value() > 0) {
      double c = (b.atLeast() - a.value()) / a.value();
      if (c > o.threshold()) {
        change = c;
        v = Verdict.IMPROVEMENT;
      }
    }
    return new Comparison(
        s.key(),
        s.label(),
        s.unit(),
        fromRun,
        a.value(),
        toRun,
        b.value(),
        change,
        v,
        a.atLeast(),
        b.atLeast());
  }

  /**
   * Whether {@code value} lies within the run-to-run noise of the runs up to and including {@code
   * upTo}: within three robust standard deviations (1.4826 · MAD) of their median. A run's own
   * confidence interval does not see this noise: near the knee, p95 moves from run to run far more
   * than the order statistics of one run suggest. Needs four runs with values and some spread.
   */
  static boolean withinHistoryNoise(Series s, int upTo, double value) {
    double[] prior =
        s.points().subList(0, upTo + 1).stream()
            .mapToDouble(Point::value)
            .filter(d -> !Double.isNaN(d))
            .toArray();
    if (prior.length < 4) {
      return false;
    }
    double median = Trend.median(prior.clone());
    double[] dev = new double[prior.length];
    for (int i = 0; i < prior.length; i++) {
      dev[i] = Math.abs(prior[i] - median);
    }
    double sd = 1.4826 * Trend.median(dev);
    return sd > 0 && Math.abs(value - median) <= 3 * sd;
  }
}
