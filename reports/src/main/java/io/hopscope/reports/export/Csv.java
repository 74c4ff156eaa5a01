package io.hopscope.reports.export;

/** CSV text for the exports. */
public final class Csv {
  private Csv() {}

  /** One field, RFC 4180 quoted where needed; null is an empty field. */
  public static String field(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
