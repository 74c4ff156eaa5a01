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

  /**
   * Decimal seconds ({@code 1740338424.615}) to exact epoch ns.
   *
   * @throws ArithmeticException when out of range, judged before any arithmetic: a number such as
   *     {@code 1.2e+25600000} is a few bytes of text but 25 million digits once expanded (found by
   *     fuzzing: 18 s for one 190-byte file)
   */
  static long secondsToNs(BigDecimal seconds) {
    return scaled(seconds, 9, 11);
  }

  /**
   * {@code d × 10^shift} rounded to a long, refused when {@code |d|} has more than {@code
   * maxIntegerDigits} digits before the point; a magnitude far below one unit is zero.
   */
  private static long scaled(BigDecimal d, int shift, int maxIntegerDigits) {
    int integerDigits = d.signum() == 0 ? 0 : d.precision() - d.scale();
    if (integerDigits > maxIntegerDigits) {
      throw new ArithmeticException("timestamp out of range: " + d.toString().length() + " chars");
    }
    if (integerDigits < -shift - 2) {
      return 0;
    }
    return d.movePointRight(shift).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  /**
   * A timestamp of the text formats: with a fraction or an exponent, or at most 11 digits, it is
   * seconds (OpenMetrics, promtool's dumps); a longer integer is milliseconds (exposition 0.0.4).
   */
  static long textTimestampToNs(String s) {
    if (s.length() > 40) {
      // No timestamp needs more; parsing a long run of digits exactly costs quadratic time.
      throw new ArithmeticException("timestamp out of range: " + s.length() + " chars");
    }
    BigDecimal d = new BigDecimal(s);
    boolean integer = s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
    String digits = s.startsWith("-") ? s.substring(1) : s;
    if (integer && digits.length() > 11) {
      return scaled(d, 6, 14);
    }
    return secondsToNs(d);
  }
}
