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
}
