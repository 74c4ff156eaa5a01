package io.hopscope.reports.export;

import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.RunAnalysis;
import java.util.Locale;

/**
 * gates.junit.xml: one test case per gate, so CI systems show a failed gate as a failed test and a
 * gate that could not be evaluated as a skipped one.
 */
public final class GatesJunitXml {
  private GatesJunitXml() {}

  /** The file, {@code gates.junit.xml}. */
  public static io.hopscope.reports.OutputFile file(RunAnalysis a) {
    return io.hopscope.reports.OutputFile.of("gates.junit.xml", w -> w.write(render(a)));
  }

  public static String render(RunAnalysis a) {
    var results = a.gates().results();
    long failures = results.stream().filter(g -> !g.passed()).count();
    int skipped = a.gates().notEvaluated().size();
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">\n",
            xml("hopscope gates " + a.runId()),
            results.size() + skipped,
            failures,
            skipped));
    for (GateResult g : results) {
      sb.append("  <testcase classname=\"")
          .append(xml("hopscope." + a.runId()))
          .append("\" name=\"")
          .append(xml(g.name()))
          .append("\">");
      if (!g.passed()) {
        String msg =
            "observed " + Numbers.plain(g.observed()) + ", limit " + Numbers.plain(g.limit());
        sb.append("\n    <failure message=\"")
            .append(xml(msg))
            .append("\">")
            .append(xml(g.detail()))
            .append("</failure>\n  ");
      }
      sb.append("</testcase>\n");
    }
    for (io.hopscope.analytics.core.Gates.Skipped s : a.gates().notEvaluated()) {
      String name = s.gate();
      sb.append("  <testcase classname=\"")
          .append(xml("hopscope." + a.runId()))
          .append("\" name=\"")
          .append(xml(name))
          .append("\">\n    <skipped message=\"")
          .append(xml(s.text()))
          .append("\"/>\n  </testcase>\n");
    }
    sb.append("</testsuite>\n");
    return sb.toString();
  }

  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            sb.append(' ');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
