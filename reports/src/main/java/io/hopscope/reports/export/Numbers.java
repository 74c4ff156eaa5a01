package io.hopscope.reports.export;

import java.math.BigDecimal;

/** Locale-free number text for the machine-readable exports. */
public final class Numbers {
  private Numbers() {}

  /** Shortest exact decimal of a double, no exponent; empty for null/NaN. */
  public static String plain(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "";
    }
    if (v == 0) {
      return "0";
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
