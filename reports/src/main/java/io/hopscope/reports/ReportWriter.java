package io.hopscope.reports;

import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.error.Problems;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.ChartRenderer;
import io.hopscope.reports.charts.Charts;
import io.hopscope.reports.export.ChartsJson;
import io.hopscope.reports.export.GatesJunitXml;
import io.hopscope.reports.export.PlateausCsv;
import io.hopscope.reports.export.RoutesCsv;
import io.hopscope.reports.export.SummaryJson;
import io.hopscope.reports.html.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's report directory: {@code index.html}, {@code summary.json}, {@code plateaus.csv},
 * {@code routes.csv}, {@code gates.junit.xml} and {@code charts/*.png}. Each file is an {@link
 * OutputFile} of its format's class, written aside and moved into place, so a reader never sees
 * half a file.
 */
public final class ReportWriter {
  public static final int CHART_WIDTH = 1100;
  public static final int CHART_HEIGHT = 520;

  private ReportWriter() {}

  /** The report's files, by name relative to the output directory. */
  public record Written(Path index, Path summary, List<Path> files) {}

  public static Written write(RunAnalysis a, ReportContext ctx, Path outDir) {
    try {
      Files.createDirectories(outDir.resolve("charts"));
    } catch (IOException e) {
      throw Problems.storage(outDir, "cannot create the output directory", e);
    }
    List<Path> files = new java.util.ArrayList<>();
    Map<ChartData, byte[]> charts = writeCharts(charts(a, ctx), outDir, files);
    Path summary = put(outDir, SummaryJson.file(a, ctx));
    files.add(summary);
    files.add(put(outDir, PlateausCsv.file(a)));
    files.add(put(outDir, GatesJunitXml.file(a)));
    files.add(put(outDir, RoutesCsv.file(a)));
    String inferred = io.hopscope.analytics.spec.InferredSpec.FILE;
    if (a.schedule().isInferred()) {
      files.add(
          put(
              outDir,
              OutputFile.text(
                  inferred,
                  io.hopscope.analytics.spec.InferredSpec.yaml(
                      ctx.spec(), a.schedule().inferredFrom().orElseThrow()))));
    } else {
      deleteIfExists(outDir.resolve(inferred)); // from an earlier analysis without a spec
    }
    Path index = put(outDir, HtmlReport.file(a, ctx, charts));
    files.add(index);
    return new Written(index, summary, files);
  }

  /**
   * Draws each chart as PNG and SVG into {@code outDir/charts}, with the data behind all of them in
   * {@code charts.json}; a chart without data has no files (a stale one is removed) and maps to
   * null. Adds the files written to {@code files}.
   *
   * <p>The charts are drawn on all cores (each is its own JFreeChart, drawn on its own canvas),
   * then written in order: drawing them one after the other took about a second of each analysis.
   *
   * @return chart → PNG bytes (for inlining), in the given order
   */
  public static Map<ChartData, byte[]> writeCharts(
      List<ChartData> charts, Path outDir, List<Path> files) {
    List<Drawn> drawn =
        charts.parallelStream()
            .map(
                c ->
                    c.isEmpty()
                        ? null
                        : new Drawn(
                            ChartRenderer.png(c, CHART_WIDTH, CHART_HEIGHT),
                            ChartRenderer.svg(c, CHART_WIDTH, CHART_HEIGHT)))
            .toList(); // in encounter order, nulls kept
    Map<ChartData, byte[]> out = new LinkedHashMap<>();
    for (int i = 0; i < charts.size(); i++) {
      ChartData c = charts.get(i);
      Drawn d = drawn.get(i);
      Path png = outDir.resolve("charts").resolve(c.id() + ".png");
      Path svg = outDir.resolve("charts").resolve(c.id() + ".svg");
      if (d == null) {
        deleteIfExists(png); // a chart with no data is said in words, not drawn
        deleteIfExists(svg);
        out.put(c, null);
      } else {
        files.add(put(png, d.png()));
        files.add(put(svg, d.svg()));
        out.put(c, d.png());
      }
    }
    files.add(put(outDir, ChartsJson.file(charts)));
    return out;
  }

  /** One chart drawn both ways. */
  private record Drawn(byte[] png, String svg) {}

  /** The report's charts, in reading order. */
  public static List<ChartData> charts(RunAnalysis a, ReportContext ctx) {
    List<ChartData> charts = new ArrayList<>();
    charts.add(Charts.envelope(a, ctx.gates()));
    charts.add(Charts.depthVsLoad(a));
    charts.add(Charts.decomposition(a));
    charts.add(Charts.latencyOverTime(a, ctx.gates()));
    charts.add(Charts.throughputOverTime(a));
    ChartData vus = Charts.vusOverTime(a);
    if (!vus.isEmpty()) {
      charts.add(vus); // only k6 runs with VU samples: others have no such thing to show
    }
    charts.add(Charts.depthOverTime(a));
    charts.add(Charts.errorsOverTime(a));
    charts.add(Charts.cdf(a, "hop"));
    charts.add(Charts.cdf(a, "service"));
    charts.add(Charts.cdf(a, "http"));
    return List.copyOf(charts);
  }

  /** Removes a file that a new rendering no longer has (a chart without data, an old spec). */
  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw Problems.storage(file, "cannot remove a stale file", e);
    }
  }

  /** Writes a report file into {@code dir} aside and moves it into place. */
  public static Path put(Path dir, OutputFile f) {
    Path file = dir.resolve(f.name());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        f.write(w);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw Problems.storage(file, "cannot write", e);
    }
  }

  /** Writes text aside and moves it into place, so a reader never sees half a file. */
  public static Path put(Path file, String text) {
    return put(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes aside and moves them into place. */
  public static Path put(Path file, byte[] bytes) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw Problems.storage(file, "cannot write", e);
    }
  }
}
