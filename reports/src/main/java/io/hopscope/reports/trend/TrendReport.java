package io.hopscope.reports.trend;

import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.error.Problems;
import io.hopscope.reports.OutputFile;
import io.hopscope.reports.ReportWriter;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.html.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trend page of one scenario and its exports: {@code trend.html} (self-contained), {@code
 * trend.json}, {@code trend.csv} (one row per run × series), {@code baseline-current.md} ("Baseline
 * | Current | Change", ready to paste into a review), {@code measured-baseline.csv} and {@code
 * .md}, {@code scaling.csv}, and the charts as PNG and SVG.
 */
public final class TrendReport {

  /**
   * What the page needs besides the analysis.
   *
   * @param since the lower bound on run start the user asked for, if any
   * @param synthetic some of the runs were simulated: the page says so
   */
  public record Context(
      Optional<Instant> since, String hopscopeVersion, Instant generatedAt, boolean synthetic) {
    public Context {
      Objects.requireNonNull(since);
      Objects.requireNonNull(hopscopeVersion);
      Objects.requireNonNull(generatedAt);
    }

    /** A context for measured (not simulated) runs. */
    public Context(Optional<Instant> since, String hopscopeVersion, Instant generatedAt) {
      this(since, hopscopeVersion, generatedAt, false);
    }
  }

  /** The files written, the page first. */
  public record Written(Path index, List<Path> files) {}

  private TrendReport() {}

  /** Writes the page and its exports into {@code outDir}. */
  public static Written write(
      TrendAnalysis t, List<MeasuredBaseline> measured, Context ctx, Path outDir) {
    try {
      Files.createDirectories(outDir.resolve("charts"));
    } catch (IOException e) {
      throw Problems.storage(outDir, "cannot create the output directory", e);
    }
    List<Path> files = new ArrayList<>();
    Map<ChartData, byte[]> charts = ReportWriter.writeCharts(charts(t), outDir, files);
    Map<String, TrendAnalysis.Run> runs = new HashMap<>();
    for (TrendAnalysis.Group g : t.groups()) {
      g.runs().forEach(r -> runs.put(r.runId(), r));
    }
    TrendPage page = TrendPage.of(t, measured, ctx, charts);
    for (OutputFile f :
        List.of(
            TrendJson.file(t, measured, ctx),
            TrendCsv.file(t),
            TrendMarkdown.baselineCurrent(page),
            MeasuredBaselineCsv.file(measured, runs),
            TrendMarkdown.measured(page),
            ScalingCsv.file(t))) {
      files.add(ReportWriter.put(outDir, f));
    }
    Path index =
        ReportWriter.put(
            outDir,
            OutputFile.of("trend.html", w -> w.write(HtmlReport.render("trend.jte", page))));
    files.add(0, index);
    return new Written(index, files);
  }

  /** Every chart of the page, in reading order. */
  public static List<ChartData> charts(TrendAnalysis t) {
    List<ChartData> c = new ArrayList<>();
    for (TrendAnalysis.Group g : t.groups()) {
      c.addAll(TrendCharts.of(g));
    }
    for (TrendAnalysis.Scaling s : t.scaling()) {
      c.add(TrendCharts.scaling(s));
    }
    return c;
  }
}
