package io.hopscope.reports.trend;

import static io.hopscope.reports.trend.TrendText.instant;

import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.OutputFile;
import io.hopscope.reports.export.Csv;
import io.hopscope.reports.export.Numbers;
import java.time.format.DateTimeFormatter;

/** {@code trend.csv}: one row per run and series. */
final class TrendCsv {
  private TrendCsv() {}

  static OutputFile file(TrendAnalysis t) {
    return OutputFile.of("trend.csv", w -> w.write(text(t)));
  }

  static String text(TrendAnalysis t) {
    Csv csv =
        Csv.header(
            "fingerprint,run_id,t0_ns,start,gateway_sha,worker_sha,workers,gates_passed,"
                + "series,unit,value,ci95_lo,ci95_hi,change_point,change_vs_previous\n");
    for (TrendAnalysis.Group g : t.groups()) {
      for (TrendAnalysis.Series s : g.series()) {
        for (int i = 0; i < g.runs().size(); i++) {
          TrendAnalysis.Run r = g.runs().get(i);
          TrendAnalysis.Point p = s.points().get(i);
          final int k = i;
          double prev = i == 0 ? Double.NaN : s.points().get(i - 1).value();
          double change =
              s.absolute() ? p.value() - prev : prev == 0 ? Double.NaN : p.value() / prev - 1;
          csv.row(
              g.fingerprint(),
              r.runId(),
              Long.toString(r.t0Ns()),
              DateTimeFormatter.ISO_INSTANT.format(instant(r.t0Ns())),
              r.gatewaySha(),
              r.workerSha(),
              r.workers() == null ? "" : r.workers().toString(),
              Boolean.toString(r.gatesPassed()),
              s.key(),
              s.unit().symbol(),
              Numbers.plain(p.value()),
              Numbers.plain(p.lo()),
              Numbers.plain(p.hi()),
              Boolean.toString(s.changePoints().stream().anyMatch(c -> c.index() == k)),
              Numbers.plain(change));
        }
      }
    }
    return csv.text();
  }
}
