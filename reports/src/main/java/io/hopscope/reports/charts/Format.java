package io.hopscope.reports.charts;

import java.util.Locale;

/** Human number formats for labels and tables: a few significant digits, no locale surprises. */
public final class Format {
  private Format() {}

  /** A number with up to 3 significant decimals: 0.0123, 1.23, 12.3, 123, 1234. */
  public static String num(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    double a = Math.abs(v);
    String s;
    if (a == 0) {
      return "0";
    } else if (a >= 100) {
      s = String.format(Locale.ROOT, "%.0f", v);
    } else if (a >= 10) {
      s = String.format(Locale.ROOT, "%.1f", v);
    } else if (a >= 1) {
      s = String.format(Locale.ROOT, "%.2f", v);
    } else {
      s = String.format(Locale.ROOT, "%.3g", v);
    }
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }
}
