package io.hopscope.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.Gates;
import io.hopscope.analytics.core.Knee;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.spec.InferredSpec;
import io.hopscope.ingest.SourceRecord;
import io.hopscope.reports.ReportContext;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.html.Table.Cell;
import io.hopscope.reports.html.Table.Column;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the run report shows, every value formatted once: the template {@code run.jte} lays it out
 * and escapes it. Built from the analysis alone (the core owns every result shown here); this class
 * only chooses what to show and formats it.
 *
 * @param runId the run
 * @param scenario the spec's scenario name
 * @param passed whether every gate passed
 * @param synthetic whether the run's data was simulated
 * @param started when the run began (UTC minutes), or null when unknown
 * @param inputs what the run holds, e.g. "1000 jobs, 0 rejected records"
 * @param layout how the run was cut into windows
 * @param facts the verdict's headline figures
 * @param kneeReason why the knee is where it is, or null without a knee
 * @param gates one row per evaluated gate
 * @param notEvaluated the gates this run lacks the input for
 * @param warnings what the analysis warns about
 * @param figures the charts, in reading order
 * @param plateaus the per-plateau table
 * @param k6Only whether the run has k6 requests and no jobs (the target is in iterations)
 * @param routes the per-route table of k6 requests, or null
 * @param telemetry Prometheus series per plateau, or null
 * @param errors the k6 requests by status and error code, or null
 * @param checks k6's checks, or null
 * @param k6Summary k6's end-of-test summary, or null
 * @param bursts bursts and recovery, or null
 * @param sizing the sizing section, or null without jobs
 * @param sources the run's inputs as recorded at ingest, or null
 * @param spec the run spec, pretty JSON
 * @param version hopscope's version
 * @param generatedAt when the report was made (ISO instant)
 */
public record RunPage(
    String runId,
    String scenario,
    boolean passed,
    boolean synthetic,
    String started,
    String inputs,
    Layout layout,
    List<Fact> facts,
    String kneeReason,
    Table gates,
    List<Gates.Skipped> notEvaluated,
    List<io.hopscope.analytics.core.Warning> warnings,
    List<Figure> figures,
    Table plateaus,
    boolean k6Only,
    Table routes,
    Table telemetry,
    Errors errors,
    Table checks,
    K6 k6Summary,
    Table bursts,
    SizingSection sizing,
    Table sources,
    String spec,
    String version,
    String generatedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NONE = "–";

  /**
   * How the run was cut into windows, for the header line.
   *
   * @param kind what the windows came from
   * @param windows how many there are
   * @param seconds the one window's length (summary only) or the warm-up (spec)
   * @param pinnedAs the file an inferred schedule is pinned in
   */
  public record Layout(Kind kind, int windows, String seconds, String pinnedAs) {
    /** What the windows came from. */
    public enum Kind {
      /** k6's end-of-test summary alone: one window, no time series. */
      SUMMARY_ONLY,
      /** Stages inferred from the data. */
      INFERRED,
      /** The run spec's stages. */
      SPEC
    }
  }

  /** One headline figure: label, value, and a note under it. */
  public record Fact(String label, String value, String note) {}

  /**
   * A chart: its PNG inlined, or what it would have shown said in words.
   *
   * @param png the PNG in base64, or null for a chart without data
   */
  public record Figure(String id, String title, String emptyMessage, String png) {}

  /**
   * k6 requests by status and error code over the run.
   *
   * @param byCode null when k6 recorded no error codes
   * @param failing the routes that failed most, or null when none failed
   */
  public record Errors(Table byStatus, Table byCode, Table failing) {}

  /**
   * k6's end-of-test summary.
   *
   * @param durationS the test's duration, or null when not exported
   */
  public record K6(String durationS, Table metrics) {}

  /**
   * The sizing section.
   *
   * @param tail the tail-aware rule's figures, or null when there is none
   */
  public record SizingSection(
      String meanServiceMs, String capacityPerWorker, TailRule tail, Table table, Table signals) {}

  /** The tail-aware rule's inputs, for the sentence that states it. */
  public record TailRule(String serviceCv, String queueLimitMs, String limitBasis) {}

  /** The page's stylesheet (hopscope's own, not from any input). */
  public String css() {
    return Html.css();
  }

  /** The view of a run's analysis. */
  public static RunPage of(RunAnalysis a, ReportContext ctx, Map<ChartData, byte[]> charts) {
    return new RunPage(
        a.runId(),
        a.scenario(),
        a.gates().allPassed(),
        SourceRecord.anySynthetic(ctx.sources()),
        a.schedule().t0Ns() > 0
            ? DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(0, a.schedule().t0Ns()))
            : null,
        inputs(a),
        layout(a),
        VerdictFacts.facts(a, ctx),
        a.knee().map(Knee::reason).orElse(null),
        gates(a),
        a.gates().notEvaluated(),
        a.warnings(),
        figures(charts),
        RunTables.plateaus(a),
        a.plateaus().stream().anyMatch(PlateauResult::hasHttp)
            && a.plateaus().stream().noneMatch(PlateauResult::hasJobs),
        K6Tables.routes(a),
        RunTables.telemetry(a),
        K6Tables.errors(a),
        K6Tables.checks(a),
        K6Tables.k6Summary(a),
        RunTables.bursts(a),
        RunTables.sizing(a, ctx.gates()),
        RunTables.sourceTable(ctx.sources()),
        spec(ctx),
        ctx.hopscopeVersion(),
        DateTimeFormatter.ISO_INSTANT.format(ctx.generatedAt()));
  }

  private static boolean summaryOnly(RunAnalysis a) {
    return a.schedule().inferredFrom().orElse("").startsWith(RunAnalyzer.SUMMARY_ONLY);
  }

  private static String inputs(RunAnalysis a) {
    List<String> inputs = new ArrayList<>();
    if (a.inputs().jobs() > 0) {
      inputs.add(a.inputs().jobs() + " jobs");
    }
    if (a.inputs().k6Points() > 0) {
      inputs.add(a.inputs().k6Points() + " k6 samples");
    }
    if (a.inputs().promSamples() > 0) {
      inputs.add(a.inputs().promSamples() + " Prometheus samples");
    }
    inputs.add(a.inputs().rejected() + " rejected records");
    if (summaryOnly(a) && !a.plateaus().isEmpty() && a.plateaus().get(0).http() != null) {
      inputs.add(0, a.plateaus().get(0).http().requests() + " requests (k6 summary)");
    }
    return String.join(", ", inputs);
  }

  private static Layout layout(RunAnalysis a) {
    int n = a.plateaus().size();
    if (summaryOnly(a)) {
      return new Layout(
          Layout.Kind.SUMMARY_ONLY, n, Format.num(a.schedule().windows().get(0).durationS()), null);
    }
    if (a.schedule().isInferred()) {
      return new Layout(Layout.Kind.INFERRED, n, null, InferredSpec.FILE);
    }
    return new Layout(Layout.Kind.SPEC, n, Format.num(a.schedule().warmupNs() / 1e9), null);
  }

  private static Table gates(RunAnalysis a) {
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.code("gate"),
                Column.number("verdict"),
                Column.number("observed"),
                Column.number("limit"),
                Column.text("what was compared")));
    for (GateResult g : a.gates().results()) {
      t.row(
          null,
          List.of(
              new Cell(g.name(), null),
              new Cell(g.passed() ? "pass" : "FAIL", g.passed() ? "passed" : "failed"),
              new Cell(g.observed() == null ? NONE : Format.num(g.observed()), null),
              new Cell(Format.num(g.limit()), null),
              new Cell(g.detail(), null)));
    }
    return t.build();
  }

  private static List<Figure> figures(Map<ChartData, byte[]> charts) {
    List<Figure> out = new ArrayList<>();
    for (Map.Entry<ChartData, byte[]> e : charts.entrySet()) {
      out.add(figure(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** A chart as a figure: null PNG bytes (or a chart without data) make it words. */
  public static Figure figure(ChartData chart, byte[] png) {
    boolean empty = chart.isEmpty() || png == null;
    return new Figure(
        chart.id(),
        chart.title(),
        empty ? chart.emptyMessage() : null,
        empty ? null : Base64.getEncoder().encodeToString(png));
  }

  private static String spec(ReportContext ctx) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ctx.spec().document());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the spec", e);
    }
  }
}
