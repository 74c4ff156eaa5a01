package io.hopscope.error;

/**
 * Makes text from inputs safe to print on a terminal: control characters (C0 and C1, DEL, and line
 * or paragraph separators) become visible escapes ({@code \n}, {@code \x1b}, {@code \u2028}), so a
 * run id or a stream field cannot move the cursor, recolour the screen, or forge another line of
 * output. Everything printed that holds input text goes through here.
 */
public final class Printable {
  private Printable() {}

  public static String of(String s) {
    if (s == null) {
      return "null";
    }
    int i = 0;
    while (i < s.length() && !control(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!control(c)) {
        sb.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x100) {
            sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
          } else {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          }
        }
      }
    }
    return sb.toString();
  }

  private static boolean control(char c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
  }
}
