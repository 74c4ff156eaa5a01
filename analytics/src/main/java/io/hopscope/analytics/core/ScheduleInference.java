package io.hopscope.analytics.core;

import io.hopscope.ingest.spec.StageSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a run's load stages from its own data, for runs analysed without a spec: the per-second
 * rate of started work (k6 iterations or requests, job arrivals) is cut into straight pieces, each
 * a plateau (a steady rate) or a ramp (a rate changing steadily).
 *
 * <p>The method (DESIGN.md, Definitions):
 *
 * <ol>
 *   <li>The first and last second with data are dropped when they hold under 80% of the median of
 *       the five seconds next to them (a partial second); longer runs are summed into bins so that
 *       at most {@value #MAX_POINTS} points remain.
 *   <li>The counts' variance is taken as φ × their mean (φ = 1 for independent arrivals, less for
 *       an executor that paces them), φ estimated robustly from the first differences scaled by
 *       their expected size ({@link #dispersion}), so steps and ramps do not inflate it.
 *   <li>Optimal partitioning (dynamic programming, exact) into pieces of at least {@value
 *       #MIN_STAGE_SECONDS} s, each a level or a least-squares line, whichever costs less: its
 *       squared residuals over its variance plus {@value #PENALTY_PER_LN} ln n (a level and a cut),
 *       and {@value #SLOPE_PENALTY_PER_LN} ln n more for a slope.
 *   <li>A sloped piece is a ramp when its line changes by more than {@value #RAMP_Z} standard
 *       errors and more than {@value #RAMP_MIN_CHANGE} of its rate from start to end, else a
 *       plateau at its mean rate. Neighbours that are one stage merge, the most alike first:
 *       plateaus within {@value #PLATEAU_MERGE} of each other, and two ramps the same way that one
 *       line fits as well (χ² increase under {@value #SAME_RAMP_CHI2}).
 * </ol>
 *
 * A constant-rate or constant-VU test is one plateau. The stages start at the first whole second
 * with data, without a warm-up (none is known).
 *
 * <p>Its size is one algorithm (level detection, merging of close levels, ramps between them) whose
 * steps share the per-second series.
 */
public final class ScheduleInference {
  /** The shortest stage found, seconds. */
  public static final double MIN_STAGE_SECONDS = 10;

  /** Runs longer than this many seconds are binned. */
  public static final int MAX_POINTS = 1800;

  /** Neighbouring plateaus closer than this share of the higher rate merge. */
  public static final double PLATEAU_MERGE = 0.05;

  /** A ramp changes its rate by at least this share. */
  public static final double RAMP_MIN_CHANGE = 0.10;

  private static final long NS_PER_S = 1_000_000_000L;

  private ScheduleInference() {}

  /**
   * The inferred stages.
   *
   * @param t0Ns when the first stage starts (a whole second)
   * @param binSeconds the width of the points segmented (1 unless the run was binned)
   * @param basis one sentence saying how the stages were found, for the report
   */
  public record Inferred(long t0Ns, List<StageSpec> stages, int binSeconds, String basis) {
    public Inferred {
      stages = List.copyOf(stages);
    }

    /** The schedule these stages make (no warm-up). */
    public Schedule schedule() {
      return Schedule.of(t0Ns, 0, stages).inferred(basis);
    }
  }

  /** The stages of a series, or empty when it holds no event. */
  public static Optional<Inferred> infer(RateSeries series) {
    long[] c = series.counts();
    int first = 0;
    while (first < c.length && c[first] == 0) {
      first++;
    }
    if (first == c.length) {
      return Optional.empty();
    }
    int last = c.length - 1;
    while (c[last] == 0) {
      last--;
    }
    // The first and last seconds are usually partial: each is dropped when it holds clearly less
    // than the seconds next to it.
    if (last - first + 1 >= 3 && partial(c, first, first + 1, Math.min(last, first + 5))) {
      first++;
    }
    if (last - first + 1 >= 3 && partial(c, last, Math.max(first, last - 5), last - 1)) {
      last--;
    }
    int n = last - first + 1;
    int k = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    int m = n / k;
    double[] y = new double[m];
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < k; i++) {
        y[j] += c[first + j * k + i];
      }
    }
    int remainder = n - m * k;
    double phi = dispersion(y);
    int minLen = Math.max(2, (int) Math.ceil(MIN_STAGE_SECONDS / k));
    Sums sums = new Sums(y);
    List<Piece> classified = new ArrayList<>();
    for (int[] p : partition(sums, m, phi, minLen)) {
      Piece piece = Piece.fit(sums, p[0], p[1], phi);
      classified.add(p[2] == 1 ? piece : piece.flat());
    }
    List<Piece> merged = refineCuts(sums, merge(sums, classified, phi), phi, minLen);
    List<StageSpec> stages = new ArrayList<>();
    for (int i = 0; i < merged.size(); i++) {
      Piece p = merged.get(i);
      double seconds = (double) (p.end - p.start) * k + (i == merged.size() - 1 ? remainder : 0);
      stages.add(p.stage(k, seconds));
    }
    String basis =
        String.format(
            Locale.ROOT,
            "inferred from the %s per %s: piecewise-linear segmentation (optimal partitioning,"
                + " stages of %.0f s or more; a plateau unless the rate changes by over %.0f%%)",
            series.unit(),
            k == 1 ? "second" : k + " s",
            MIN_STAGE_SECONDS,
            RAMP_MIN_CHANGE * 100);
    return Optional.of(
        new Inferred(series.firstSecondNs() + (long) first * NS_PER_S, stages, k, basis));
  }

  /** True when second {@code i} holds under 80% of the median of seconds [from, to]. */
  private static boolean partial(long[] c, int i, int from, int to) {
    double[] next = new double[to - from + 1];
    for (int j = from; j <= to; j++) {
      next[j - from] = c[j];
    }
    return c[i] < 0.8 * median(next);
  }

  /** The least variance of a bin's count, in events² (an executor paces arrivals evenly). */
  public static final double MIN_VARIANCE = 0.25;

  /** The cost of one more piece, in χ² units, per ln n: above BIC's two (a level and a cut). */
  public static final double PENALTY_PER_LN = 3;

  /** What a slope costs on top, per ln n. */
  public static final double SLOPE_PENALTY_PER_LN = 2;

  /**
   * The dispersion φ of the counts: their variance is φ × their mean (1 for independent arrivals,
   * less for a paced executor). Robustly, from the first differences scaled by their expected size:
   * (1.4826 × MAD of d_i / √(y_i + y_(i+1)))², over the pairs that are not both zero.
   */
  static double dispersion(double[] y) {
    List<Double> z = new ArrayList<>();
    for (int i = 0; i + 1 < y.length; i++) {
      if (y[i] > 0 || y[i + 1] > 0) {
        z.add((y[i + 1] - y[i]) / Math.sqrt(y[i] + y[i + 1]));
      }
    }
    if (z.size() < 3) {
      return 1;
    }
    double[] d = z.stream().mapToDouble(Double::doubleValue).toArray();
    double med = median(d);
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(d[i] - med);
    }
    double sd = 1.4826 * median(d);
    return sd * sd;
  }

  /** The variance of one bin's count at a mean of {@code level} events. */
  static double variance(double phi, double level) {
    return Math.max(MIN_VARIANCE, phi * Math.max(level, 1));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int h = s.length / 2;
    return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
  }

  /** Prefix sums for O(1) least-squares lines over any [a, b). */
  private static final class Sums {
    final double[] x;
    final double[] xx;
    final double[] sy;
    final double[] xy;
    final double[] yy;
    final double offset;

    Sums(double[] y) {
      int n = y.length;
      x = new double[n + 1];
      xx = new double[n + 1];
      sy = new double[n + 1];
      xy = new double[n + 1];
      yy = new double[n + 1];
      double mean = Arrays.stream(y).average().orElse(0);
      offset = mean;
      for (int i = 0; i < n; i++) {
        double v = y[i] - mean; // centred, so the sums keep their precision
        x[i + 1] = x[i] + i;
        xx[i + 1] = xx[i] + (double) i * i;
        sy[i + 1] = sy[i] + v;
        xy[i + 1] = xy[i] + i * v;
        yy[i + 1] = yy[i] + v * v;
      }
    }

    /** The mean over [a, b), uncentred. */
    double mean(int a, int b) {
      return (sy[b] - sy[a]) / (b - a) + offset;
    }

    /** Σ (i − mean i)² over [a, b). */
    double sxx(int a, int b) {
      double sx = x[b] - x[a];
      return xx[b] - xx[a] - sx * sx / (b - a);
    }

    /** Σ (i − mean i)(y − mean y) over [a, b). */
    double sxy(int a, int b) {
      return xy[b] - xy[a] - (x[b] - x[a]) * (sy[b] - sy[a]) / (b - a);
    }

    /** Squared residuals of the least-squares line over [a, b). */
    double sse(int a, int b) {
      double sxx = sxx(a, b);
      double sxy = sxy(a, b);
      double r = sxx > 0 ? sseFlat(a, b) - sxy * sxy / sxx : sseFlat(a, b);
      return Math.max(0, r);
    }

    /** Squared residuals over [a, b) of a line ({@code line}) or of the mean. */
    double sse(int a, int b, boolean line) {
      return line ? sse(a, b) : sseFlat(a, b);
    }

    /** Squared deviations from the mean over [a, b). */
    double sseFlat(int a, int b) {
      double len = b - a;
      double syv = sy[b] - sy[a];
      return Math.max(0, yy[b] - yy[a] - syv * syv / len);
    }
  }

  /**
   * The optimal partition into pieces of at least minLen points, as [start, end, line] triples
   * (line 1 when the piece is cheaper as a sloped line than as a level).
   */
  static List<int[]> partition(double[] y, double phi, int minLen) {
    return partition(new Sums(y), y.length, phi, minLen);
  }

  private static List<int[]> partition(Sums s, int n, double phi, int minLen) {
    if (n < 2 * minLen) {
      return List.of(new int[] {0, n, 1});
    }
    double penalty = PENALTY_PER_LN * Math.log(n);
    double slopePenalty = SLOPE_PENALTY_PER_LN * Math.log(n);
    double[] f = new double[n + 1];
    int[] prev = new int[n + 1];
    boolean[] line = new boolean[n + 1];
    Arrays.fill(f, Double.POSITIVE_INFINITY);
    f[0] = 0;
    for (int b = minLen; b <= n; b++) {
      for (int a = 0; a <= b - minLen; a++) {
        if ((a != 0 && a < minLen) || f[a] == Double.POSITIVE_INFINITY) {
          continue;
        }
        double var = variance(phi, s.mean(a, b));
        double flat = f[a] + s.sseFlat(a, b) / var + penalty;
        double sloped = f[a] + s.sse(a, b) / var + penalty + slopePenalty;
        double v = Math.min(flat, sloped);
        if (v < f[b]) {
          f[b] = v;
          prev[b] = a;
          line[b] = sloped < flat;
        }
      }
    }
    List<int[]> out = new ArrayList<>();
    for (int b = n; b > 0; b = prev[b]) {
      out.add(0, new int[] {prev[b], b, line[b] ? 1 : 0});
    }
    return out;
  }

  /** One straight piece: a plateau at {@code level} or a ramp from {@code from} to {@code to}. */
  private record Piece(int start, int end, boolean ramp, double level, double from, double to) {
    static Piece fit(Sums s, int a, int b, double phi) {
      int len = b - a;
      double mx = (a + b - 1) / 2.0;
      double my = s.mean(a, b);
      double sxx = s.sxx(a, b);
      if (len < 3 || sxx == 0) {
        return new Piece(a, b, false, my, my, my);
      }
      double slope = s.sxy(a, b) / sxx;
      double from = my + slope * (a - 0.5 - mx);
      double to = my + slope * (b - 0.5 - mx);
      double change = Math.abs(to - from);
      double se = Math.sqrt(variance(phi, my) / sxx) * len;
      double scale = Math.max(Math.max(Math.abs(from), Math.abs(to)), Math.abs(my));
      boolean ramp = change > RAMP_Z * se && change > RAMP_MIN_CHANGE * scale;
      return new Piece(a, b, ramp, my, from, to);
    }

    int length() {
      return end - start;
    }

    /** This piece as a plateau at its mean. */
    Piece flat() {
      return new Piece(start, end, false, level, level, level);
    }

    StageSpec stage(int binSeconds, double seconds) {
      if (!ramp) {
        return StageSpec.constant(rate(level, binSeconds), seconds);
      }
      double s = rate(from, binSeconds);
      double e = rate(to, binSeconds);
      return new StageSpec(s, e, seconds);
    }

    /** Events per bin as a rate per second, rounded to 0.01, never negative. */
    private static double rate(double perBin, int binSeconds) {
      return Math.max(0, Math.round(perBin / binSeconds * 100) / 100.0);
    }
  }

  /**
   * Standard errors a ramp's change must exceed: the partition picks its cut points where noise
   * helps most, so short pieces of a steady rate often look sloped at 3 or 4.
   */
  static final double RAMP_Z = 8;

  /** The most a line over two neighbouring ramps may add to their squared residuals, in σ². */
  static final double SAME_RAMP_CHI2 = 16;

  /**
   * Neighbouring pieces that are one stage become one: plateaus whose rates differ by at most
   * {@link #PLATEAU_MERGE}, and ramps in the same direction that one line fits about as well
   * ({@link #SAME_RAMP_CHI2}).
   */
  private static List<Piece> merge(Sums sums, List<Piece> pieces, double phi) {
    List<Piece> out = new ArrayList<>(pieces);
    while (out.size() > 1) {
      int best = -1;
      double bestScore = Double.POSITIVE_INFINITY;
      for (int i = 0; i + 1 < out.size(); i++) {
        double score = sameness(sums, out.get(i), out.get(i + 1), phi);
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
      if (bestScore > 1) {
        break;
      }
      Piece a = out.get(best);
      Piece b = out.get(best + 1);
      Piece joined = Piece.fit(sums, a.start(), b.end(), phi);
      if (!a.ramp() && !b.ramp()) {
        joined = new Piece(a.start(), b.end(), false, joined.level(), 0, 0);
      }
      out.set(best, joined);
      out.remove(best + 1);
    }
    return out;
  }

  /**
   * How alike two neighbouring pieces are, scaled so that 1 is the threshold of being one stage
   * (lower is more alike); infinity when they cannot merge.
   */
  private static double sameness(Sums sums, Piece a, Piece b, double phi) {
    if (!a.ramp() && !b.ramp()) {
      double relative =
          Math.abs(a.level() - b.level())
              / (PLATEAU_MERGE * Math.max(Math.abs(a.level()), Math.abs(b.level())));
      return Double.isNaN(relative) ? 0 : relative;
    }
    // Two ramps the same way that one line fits about as well. (Not a ramp and a plateau: a
    // staircase is nearly a line, and the partition has already judged each cut worth its cost.)
    if (a.ramp() && b.ramp() && Math.signum(a.to() - a.from()) == Math.signum(b.to() - b.from())) {
      double level = (a.level() * a.length() + b.level() * b.length()) / (a.length() + b.length());
      double extra =
          (sums.sse(a.start(), b.end())
                  - sums.sse(a.start(), a.end())
                  - sums.sse(b.start(), b.end()))
              / variance(phi, level);
      return extra / SAME_RAMP_CHI2;
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Moves each cut beside a ramp, by up to half of either piece, to where the pieces' own shapes (a
   * line for a ramp, a level for a plateau) leave the least squared residuals: the partition weighs
   * each piece by the variance at its mean, which pulls a ramp's high end into the plateau after
   * it.
   */
  private static List<Piece> refineCuts(Sums sums, List<Piece> pieces, double phi, int minLen) {
    List<Piece> out = new ArrayList<>(pieces);
    for (int i = 0; i + 1 < out.size(); i++) {
      Piece a = out.get(i);
      Piece b = out.get(i + 1);
      if (!a.ramp() && !b.ramp()) {
        continue; // two levels: the partition's cut is already the best one
      }
      int lo = Math.max(a.start() + minLen, a.end() - a.length() / 2);
      int hi = Math.min(b.end() - minLen, a.end() + b.length() / 2);
      int best = a.end();
      double bestCost =
          sums.sse(a.start(), a.end(), a.ramp()) + sums.sse(b.start(), b.end(), b.ramp());
      for (int cut = lo; cut <= hi; cut++) {
        double cost = sums.sse(a.start(), cut, a.ramp()) + sums.sse(cut, b.end(), b.ramp());
        if (cost < bestCost) {
          bestCost = cost;
          best = cut;
        }
      }
      if (best != a.end()) {
        Piece na = Piece.fit(sums, a.start(), best, phi);
        Piece nb = Piece.fit(sums, best, b.end(), phi);
        out.set(i, a.ramp() ? na : na.flat());
        out.set(i + 1, b.ramp() ? nb : nb.flat());
      }
    }
    return out;
  }
}
