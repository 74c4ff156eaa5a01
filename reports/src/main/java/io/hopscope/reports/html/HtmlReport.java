package io.hopscope.reports.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.reports.ReportContext;
import io.hopscope.reports.charts.ChartData;
import java.util.Map;

/**
 * The run report: one self-contained HTML page (styles inline, charts as data URIs, no external
 * fonts or scripts), verdict first. The page is {@code run.jte} over a {@link RunPage}; the
 * template is compiled to Java at build time and escapes every value by its context.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The engine over the templates compiled at build time (src/main/jte). */
  static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  /** The page as a report file, {@code index.html}. */
  public static io.hopscope.reports.OutputFile file(
      RunAnalysis a, ReportContext ctx, Map<ChartData, byte[]> charts) {
    RunPage page = RunPage.of(a, ctx, charts);
    return io.hopscope.reports.OutputFile.of("index.html", w -> w.write(render(page)));
  }

  /**
   * @param charts the charts in page order with their PNG bytes
   */
  public static String render(RunAnalysis a, ReportContext ctx, Map<ChartData, byte[]> charts) {
    return render(RunPage.of(a, ctx, charts));
  }

  /** The page of a view. */
  public static String render(RunPage page) {
    return render("run.jte", page);
  }

  /** A page of the templates compiled at build time: the template's name and its one parameter. */
  public static String render(String template, Object page) {
    StringOutput out = new StringOutput(1 << 16);
    TEMPLATES.render(template, page, out);
    return out.toString();
  }
}
