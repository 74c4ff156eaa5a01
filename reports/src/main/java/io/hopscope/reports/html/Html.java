package io.hopscope.reports.html;

/**
 * What the pages share besides their templates: the stylesheet. Escaping is the templates' (jte
 * escapes every value by its context when the page is rendered), never hand-written.
 */
public final class Html {
  private Html() {}

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
