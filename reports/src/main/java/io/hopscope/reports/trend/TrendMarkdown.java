package io.hopscope.reports.trend;

import static io.hopscope.reports.trend.TrendText.md;

import io.hopscope.reports.OutputFile;

/**
 * The Markdown tables teams paste into reviews, from the page's view (the same values the page
 * shows): {@code baseline-current.md} and {@code measured-baseline.md}.
 */
final class TrendMarkdown {
  private TrendMarkdown() {}

  /** "Baseline | Current | Change" per fingerprint. */
  static OutputFile baselineCurrent(TrendPage page) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(md(page.scenario())).append(": baseline | current | change\n\n");
    for (TrendPage.Group g : page.groups()) {
      sb.append("## Fingerprint `").append(g.fingerprint()).append("`\n\n");
      TrendPage.Comparison c = g.baseline();
      if (c == null) {
        sb.append("No baseline: no earlier run of this fingerprint passed its gates.\n\n");
        continue;
      }
      sb.append("Baseline: `")
          .append(md(c.from()))
          .append("` (")
          .append(c.fromStart())
          .append(" UTC, ")
          .append(md(c.fromSha()))
          .append("); current: `")
          .append(md(c.to()))
          .append("` (")
          .append(c.toStart())
          .append(" UTC, ")
          .append(md(c.toSha()))
          .append(").\n\n| Metric | Baseline | Current | Change | Verdict |\n")
          .append("| --- | ---: | ---: | ---: | --- |\n");
      for (TrendPage.CompareRow r : c.rows()) {
        sb.append("| ")
            .append(md(r.label()))
            .append(" | ")
            .append(r.from())
            .append(" | ")
            .append(r.to())
            .append(" | ")
            .append(r.change())
            .append(" | ")
            .append(r.verdict())
            .append(" |\n");
      }
      sb.append('\n');
    }
    return OutputFile.text("baseline-current.md", sb.toString());
  }

  /** The measured baselines as the table teams otherwise fill by hand. */
  static OutputFile measured(TrendPage page) {
    StringBuilder sb = new StringBuilder();
    sb.append("| Scenario | Metric | p50 (ms) | p95 (ms) | p99 (ms) | Requests | Date | Commit |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
    for (TrendPage.MeasuredRow m : page.measured()) {
      sb.append("| ")
          .append(md(m.scenario()))
          .append(" | ")
          .append(md(m.metric()))
          .append(" | ")
          .append(m.p50())
          .append(" | ")
          .append(m.p95())
          .append(" | ")
          .append(m.p99())
          .append(" | ")
          .append(m.count())
          .append(" | ")
          .append(m.date().isEmpty() ? "" : m.date().substring(0, 10))
          .append(" | ")
          .append(md(m.commit()))
          .append(" |\n");
    }
    return OutputFile.text("measured-baseline.md", sb.toString());
  }
}
