package io.hopscope.reports.ops;

import java.math.BigDecimal;
import java.math.MathContext;

/** The few PromQL shapes the operations bundle writes. */
final class PromQl {
  /** Control characters and every character YAML reads as a line break (NEL, LS, PS). */
  static final String LINE_BREAKS = "[\\p{Cc}\\x{85}\\x{2028}\\x{2029}]";

  private PromQl() {}

  /**
   * A quantile of a classic histogram in seconds, from its buckets' rate over the window (the
   * playbook's recording rules take 1 minute), converted from the histogram's unit by its name.
   */
  static String quantileSeconds(double q, String bucketMetric, String window) {
    String e =
        "histogram_quantile("
            + number(q)
            + ", sum by (le) (rate("
            + bucketMetric
            + "["
            + window
            + "])))";
    double f = MetricCatalog.toSeconds(bucketMetric);
    return f == 1 ? e : e + " * " + number(f);
  }

  /** A PromQL string literal: double-quoted, backslash and quote escaped, no line breaks. */
  static String string(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll(LINE_BREAKS, " ") + "\"";
  }

  /** A number for people: 1 decimal below 100, whole above. */
  static String display(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(java.util.Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
  }

  /** A number as PromQL and YAML take it: plain decimal, at most 6 significant digits. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    BigDecimal d = new BigDecimal(v, new MathContext(6)).stripTrailingZeros();
    return Math.abs(v) < 1e-4 ? d.toString().toLowerCase(java.util.Locale.ROOT) : d.toPlainString();
  }
}
