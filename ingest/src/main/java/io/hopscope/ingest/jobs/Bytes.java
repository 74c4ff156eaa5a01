package io.hopscope.ingest.jobs;

/** Byte-range helpers for parsing replies without decoding them to strings. */
final class Bytes {
  private Bytes() {}

  static boolean equal(byte[] a, byte[] buf, int from, int to) {
    if (a.length != to - from) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != buf[from + i]) {
        return false;
      }
    }
    return true;
  }

  /** A decimal integer in ASCII {@code b[from, to)}; {@link Long#MIN_VALUE} when it is not one. */
  static long parseLong(byte[] b, int from, int to) {
    int i = from;
    int n = to;
    while (i < n && b[i] == ' ') {
      i++;
    }
    while (n > i && b[n - 1] == ' ') {
      n--;
    }
    boolean negative = false;
    if (i < n && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    int digits = n - i;
    if (digits < 1 || digits > 19) {
      return Long.MIN_VALUE;
    }
    // Up to 18 digits cannot overflow; only a 19th needs the check.
    int safeEnd = digits == 19 ? n - 1 : n;
    long v = 0;
    for (; i < safeEnd; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + d;
    }
    if (digits == 19) {
      int d = b[n - 1] - '0';
      if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  /**
   * A plain decimal ({@code [-+]digits[.digits]}, at most 15 significant digits) in ASCII {@code
   * b[from, to)}, exactly as {@link Double#parseDouble} reads it; NaN when the text is anything
   * else, for the caller to hand to {@code parseDouble}. The digits fit a double exactly and so
   * does the power of ten, so one correctly rounded division gives the correctly rounded value
   * (Clinger's fast path). Saves the string and the general parser for every {@code work_ms}.
   */
  static double parseSimpleDecimal(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int seen = 0; // digit characters
    int significant = 0; // digits from the first non-zero one on
    int fraction = -1; // digits after the point, -1 before it
    for (; i < to; i++) {
      int c = b[i];
      if (c == '.' && fraction < 0) {
        fraction = 0;
        continue;
      }
      int d = c - '0';
      if (d < 0 || d > 9) {
        return Double.NaN;
      }
      seen++;
      if (mantissa != 0 || d != 0) {
        significant++;
      }
      mantissa = mantissa * 10 + d;
      if (fraction >= 0) {
        fraction++;
      }
      if (significant > 15 || fraction >= POWERS_OF_TEN.length) {
        return Double.NaN;
      }
    }
    if (seen == 0) {
      return Double.NaN;
    }
    double v = fraction <= 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction];
    return negative ? -v : v;
  }

  /**
   * True when {@code b[from, to)} is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
   * nothing above U+10FFFF). Plain ASCII, the usual case, is one pass over the bytes.
   */
  static boolean validUtf8(byte[] b, int from, int to) {
    int i = from;
    while (i < to && b[i] >= 0) {
      i++;
    }
    while (i < to) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + n >= to) {
        return false; // cut off
      }
      int cp = c & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        int d = b[i + k] & 0xff;
        if ((d & 0xc0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (d & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return false;
      }
      i += n + 1;
    }
    return true;
  }
}
