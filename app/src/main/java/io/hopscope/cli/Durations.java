package io.hopscope.cli;

import io.hopscope.error.Problems;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the command line takes them: a whole number and a unit (ms, s, m, h). */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private Durations() {}

  static long nanos(String option, String text) {
    Matcher m = DURATION.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw Problems.usage(
          option + " '" + text + "' is not a duration", "write e.g. 500ms, 5s, 2m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    long unit =
        switch (m.group(2)) {
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    try {
      return Math.multiplyExact(n, unit);
    } catch (ArithmeticException e) {
      throw Problems.usage(option + " '" + text + "' is too long", "give at most a few days");
    }
  }
}
