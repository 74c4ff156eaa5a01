package io.hopscope.ingest.k6;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps as k6 writes them (Go {@code time.Time}: 0–9 fraction digits, trailing zeros
 * trimmed, {@code Z} or a {@code ±hh:mm} offset) to exact Unix epoch nanoseconds. A fast path
 * handles that shape; anything else goes through {@code java.time}. Not thread-safe (it remembers
 * the last date).
 */
final class Rfc3339 {
  private String lastDate;
  private long lastEpochDay;

  /** Epoch ns, or {@link Long#MIN_VALUE} when the text is not a timestamp. */
  long parse(String s) {
    try {
      long v = fast(s);
      return v != Long.MIN_VALUE ? v : slow(s);
    } catch (RuntimeException e) {
      return slow(s);
    }
  }

  private long fast(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    long day;
    if (lastDate != null && s.regionMatches(0, lastDate, 0, 10)) {
      day = lastEpochDay;
    } else {
      day = LocalDate.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10)).toEpochDay();
      lastDate = s.substring(0, 10);
      lastEpochDay = day;
    }
    int hh = num(s, 11, 13);
    int mm = num(s, 14, 16);
    int ss = num(s, 17, 19);
    int i = 19;
    long frac = 0;
    if (s.charAt(i) == '.') {
      i++;
      int digits = 0;
      while (i < n && Character.isDigit(s.charAt(i))) {
        if (digits < 9) {
          frac = frac * 10 + (s.charAt(i) - '0');
        }
        digits++;
        i++;
      }
      if (digits == 0 || digits > 9) {
        return Long.MIN_VALUE;
      }
      for (int d = digits; d < 9; d++) {
        frac *= 10;
      }
    }
    long offset;
    if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
      offset = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      long o = num(s, i + 1, i + 3) * 3600L + num(s, i + 4, i + 6) * 60L;
      offset = s.charAt(i) == '-' ? -o : o;
    } else {
      return Long.MIN_VALUE;
    }
    if (hh > 23 || mm > 59 || ss > 60) {
      return Long.MIN_VALUE;
    }
    long seconds = day * 86_400L + hh * 3600L + mm * 60L + ss - offset;
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), frac);
  }

  private static int num(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new NumberFormatException(s);
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static long slow(String s) {
    try {
      OffsetDateTime t = OffsetDateTime.parse(s);
      return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }
}
