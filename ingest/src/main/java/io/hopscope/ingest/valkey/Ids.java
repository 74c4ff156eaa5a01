package io.hopscope.ingest.valkey;

/** Stream entry ids ({@code <ms>-<seq>}, two unsigned 64-bit numbers). */
final class Ids {
  /** The largest sequence number, for inclusive range ends. */
  static final String MAX_SEQ = "18446744073709551615";

  private Ids() {}

  /** Compares two ids in stream order. */
  static int compare(String a, String b) {
    int c = Long.compareUnsigned(millis(a), millis(b));
    return c != 0 ? c : Long.compareUnsigned(seq(a), seq(b));
  }

  static long seq(String id) {
    int dash = id.indexOf('-');
    return dash < 0 ? 0 : Long.parseUnsignedLong(id.substring(dash + 1));
  }

  /** The millisecond part of an id given as ASCII bytes {@code a[0, n)}. */
  static long millis(byte[] a, int n) {
    long v = 0;
    int i = 0;
    while (i < n && a[i] != '-') {
      v = v * 10 + (a[i++] - '0');
    }
    return v;
  }

  /** The sequence part of an id given as ASCII bytes {@code a[0, n)}. */
  static long seq(byte[] a, int n) {
    int i = 0;
    while (i < n && a[i] != '-') {
      i++;
    }
    long v = 0;
    for (i++; i < n; i++) {
      v = v * 10 + (a[i] - '0');
    }
    return v;
  }

  static long millis(String id) {
    int dash = id.indexOf('-');
    return Long.parseUnsignedLong(dash < 0 ? id : id.substring(0, dash));
  }
}
