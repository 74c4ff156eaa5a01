package io.hopscope.ingest.prom;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prometheus number forms: sample values as text, timestamps as seconds or milliseconds. */
final class PromValues {
  private PromValues() {}

  /** A sample value; Prometheus writes NaN and ±Inf as text. Throws on anything else. */
  static double value(String s) {
    switch (s) {
      case "+Inf", "Inf", "+inf", "inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf", "-inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN", "nan" -> {
        return Double.NaN;
      }
      default -> {
        if (s.isEmpty() || Character.isLetter(s.charAt(s.length() - 1))) {
          throw new NumberFormatException(s);
        }
        return Double.parseDouble(s);
      }
    }
  }

  /** Decimal seconds ({@code 1740338424.615}) to exact epoch ns. */
  static long secondsToNs(BigDecimal seconds) {
    return seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  /**
   * A timestamp of the text formats: with a fraction or an exponent, or at most 11 digits, it is
   * seconds (OpenMetrics, promtool's dumps); a longer integer is milliseconds (exposition 0.0.4).
   */
  static long textTimestampToNs(String s) {
    BigDecimal d = new BigDecimal(s);
    boolean integer = s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
    String digits = s.startsWith("-") ? s.substring(1) : s;
    if (integer && digits.length() > 11) {
      return d.movePointRight(6).longValueExact();
    }
    return secondsToNs(d);
  }
}
