package io.hopscope.reports.trend;

import static io.hopscope.reports.trend.TrendText.instant;
import static io.hopscope.reports.trend.TrendText.sha;

import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.OutputFile;
import io.hopscope.reports.export.Csv;
import io.hopscope.reports.export.Numbers;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** {@code measured-baseline.csv}: exact percentiles over each whole run, per k6 scenario. */
final class MeasuredBaselineCsv {
  private MeasuredBaselineCsv() {}

  static OutputFile file(List<MeasuredBaseline> measured, Map<String, TrendAnalysis.Run> runs) {
    return OutputFile.of("measured-baseline.csv", w -> w.write(text(measured, runs)));
  }

  static String text(List<MeasuredBaseline> measured, Map<String, TrendAnalysis.Run> runs) {
    Csv csv =
        Csv.header("run_id,start,commit,metric,scenario,count,p50_ms,p95_ms,p99_ms,error_rate\n");
    for (MeasuredBaseline m : measured) {
      TrendAnalysis.Run r = runs.get(m.runId());
      csv.row(
          m.runId(),
          r == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant(r.t0Ns())),
          r == null ? "" : sha(r),
          m.metric(),
          m.scenario(),
          Long.toString(m.stats().count()),
          Numbers.plain(m.stats().p50()),
          Numbers.plain(m.stats().p95()),
          Numbers.plain(m.stats().p99()),
          Numbers.plain(m.errorRate()));
    }
    return csv.text();
  }
}
