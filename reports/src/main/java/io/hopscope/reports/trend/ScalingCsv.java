package io.hopscope.reports.trend;

import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.OutputFile;
import io.hopscope.reports.export.Csv;
import io.hopscope.reports.export.Numbers;

/** {@code scaling.csv}: one row per sweep point, with the USL fit's throughput. */
final class ScalingCsv {
  private ScalingCsv() {}

  static OutputFile file(TrendAnalysis t) {
    return OutputFile.of("scaling.csv", w -> w.write(text(t)));
  }

  static String text(TrendAnalysis t) {
    Csv csv =
        Csv.header(
            "sweep,workers,run_id,throughput_rps,saturated,knee_rps,p95_service_ms,"
                + "capacity_per_worker_rps,usl_throughput_rps\n");
    for (TrendAnalysis.Scaling s : t.scaling()) {
      for (TrendAnalysis.ScalingPoint p : s.points()) {
        csv.row(
            s.sweepKey(),
            Integer.toString(p.workers()),
            p.runId(),
            Numbers.plain(p.throughputRps()),
            Boolean.toString(p.saturated()),
            Numbers.plain(p.kneeRps()),
            Numbers.plain(p.p95ServiceMs()),
            Numbers.plain(p.capacityPerWorkerRps()),
            s.fit() == null ? "" : Numbers.plain(s.fit().throughput(p.workers())));
      }
    }
    return csv.text();
  }
}
