package io.hopscope.reports.trend;

import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.analytics.core.trend.Unit;
import io.hopscope.reports.charts.Format;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the trend outputs say their values: once, for the page, the Markdown and the console. */
final class TrendText {
  private TrendText() {}

  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * A verdict in words. Where a run has only a bound and the other's value is within the threshold
   * of it, say what happened (the knee appeared or went) rather than "no data".
   */
  static String verdict(TrendAnalysis.Comparison c) {
    if (c.verdict() == TrendAnalysis.Verdict.NO_DATA) {
      boolean fromBound = !Double.isNaN(c.fromAtLeast());
      boolean toBound = !Double.isNaN(c.toAtLeast());
      if (fromBound && !Double.isNaN(c.to())) {
        return c.to() < c.fromAtLeast()
            ? "appeared, below the load taken before"
            : "appeared, above the load taken before";
      }
      if (toBound && !Double.isNaN(c.from())) {
        return c.toAtLeast() > c.from()
            ? "gone, took more than the old knee"
            : "none, but driven below the old knee";
      }
      if (fromBound && toBound) {
        return "neither reached it";
      }
    }
    return c.verdict().label();
  }

  /** A sweep point's knee: the offered load, and what it achieved when that was less. */
  static String knee(TrendAnalysis.ScalingPoint p) {
    if (Double.isNaN(p.kneeRps())) {
      return "–";
    }
    return Double.isNaN(p.kneeAchievedRps()) || p.kneeAchievedRps() >= 0.99 * p.kneeRps()
        ? Format.num(p.kneeRps())
        : Format.num(p.kneeRps()) + " (" + Format.num(p.kneeAchievedRps()) + ")";
  }

  /**
   * The verdict's colour: a knee that appeared below the load the earlier run took without one is a
   * capacity fall for certain (by how much is unknown), so it reads as a regression does.
   */
  static String verdictClass(TrendAnalysis.Comparison c) {
    boolean fell =
        c.verdict() == TrendAnalysis.Verdict.NO_DATA
            && !Double.isNaN(c.fromAtLeast())
            && !Double.isNaN(c.to())
            && c.to() < c.fromAtLeast();
    return fell ? "failed" : verdictClass(c.verdict());
  }

  private static String verdictClass(TrendAnalysis.Verdict v) {
    return switch (v) {
      case REGRESSION -> "failed";
      case IMPROVEMENT -> "passed";
      default -> "";
    };
  }

  static Instant instant(long ns) {
    return Instant.ofEpochSecond(
        Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  static String sha(TrendAnalysis.Run r) {
    String s = r.gatewaySha() != null ? r.gatewaySha() : r.workerSha();
    return s == null ? "no SHA in spec" : s;
  }

  static String unit(Unit u) {
    return u == Unit.RATIO ? "%" : u.symbol();
  }

  /** A value, or for a run with only a lower bound "none up to" it. */
  static String value(double v, double atLeast, Unit unit) {
    if (Double.isNaN(v) && !Double.isNaN(atLeast)) {
      return "none up to " + value(atLeast, unit);
    }
    return value(v, unit);
  }

  static String value(double v, Unit unit) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v == Double.POSITIVE_INFINITY) {
      return "never";
    }
    return unit == Unit.RATIO ? percent(v) : Format.num(v);
  }

  static String percent(double v) {
    return Format.num(v * 100) + "%";
  }

  static String change(TrendAnalysis.Comparison c) {
    if (Double.isNaN(c.change())) {
      return "–";
    }
    if (c.againstBound()) {
      // Against a bound the true change is at least this large.
      return (c.change() >= 0 ? "+" : "") + Format.num(c.change() * 100) + "% or more";
    }
    if (c.unit() == Unit.RATIO) {
      return (c.change() >= 0 ? "+" : "") + Format.num(c.change() * 100) + " pp";
    }
    if (Double.isInfinite(c.from()) || Double.isInfinite(c.to())) {
      return Double.isInfinite(c.to()) ? "never drained" : "drained again";
    }
    if (Double.isInfinite(c.change())) {
      return "+" + Format.num(c.to() - c.from()) + " " + c.unit().symbol() + " (from 0)";
    }
    return (c.change() >= 0 ? "+" : "") + Format.num(c.change() * 100) + "%";
  }

  /** Markdown table text: pipes and line breaks would break the table, HTML must stay text. */
  static String md(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ");
  }
}
