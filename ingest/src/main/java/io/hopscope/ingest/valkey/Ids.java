package io.hopscope.ingest.valkey;

/** Stream entry ids ({@code <ms>-<seq>}, two unsigned 64-bit numbers). */
final class Ids {
  /** The largest sequence number, for inclusive range ends. */
  static final String MAX_SEQ = "18446744073709551615";

  private Ids() {}

  static long millis(String id) {
    int dash = id.indexOf('-');
    return Long.parseUnsignedLong(dash < 0 ? id : id.substring(0, dash));
  }
}
