package io.hopscope.reports.html;

/** HTML escaping for text and attribute values. Everything taken from inputs goes through here. */
public final class Html {
  private Html() {}

  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A chart as a figure with its PNG inlined, or, for a chart without data, what it would have
   * shown said in words.
   */
  public static void figure(
      StringBuilder out, io.hopscope.reports.charts.ChartData chart, byte[] png) {
    if (chart.isEmpty() || png == null) {
      out.append("<figure id=\"chart-")
          .append(esc(chart.id()))
          .append("\" class=\"empty\">\n<p class=\"meta\"><b>")
          .append(esc(chart.title()))
          .append(":</b> ")
          .append(esc(chart.emptyMessage()))
          .append("</p>\n</figure>\n");
      return;
    }
    out.append("<figure id=\"chart-")
        .append(esc(chart.id()))
        .append("\">\n<img alt=\"")
        .append(esc(chart.title()))
        .append("\" src=\"data:image/png;base64,")
        .append(java.util.Base64.getEncoder().encodeToString(png))
        .append("\">\n<figcaption>")
        .append(esc(chart.title()))
        .append("</figcaption>\n</figure>\n");
  }

  /** One headline number of a verdict grid: label, value, and a note under it. */
  public static void fact(StringBuilder out, String label, String value, String note) {
    out.append("<div class=\"fact\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\">")
        .append(esc(value))
        .append("</div><div class=\"note\">")
        .append(esc(note))
        .append("</div></div>\n");
  }

  /** The pages' stylesheet, inlined into each page. */
  public static String css() {
    try (java.io.InputStream in = Html.class.getResourceAsStream("report.css")) {
      if (in == null) {
        throw new IllegalStateException("report.css missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
