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
    if (i >= n || n - i > 19) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; i < n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Long.MIN_VALUE;
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }
}
