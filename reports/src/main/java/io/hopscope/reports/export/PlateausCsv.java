package io.hopscope.reports.export;

import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Window;
import java.util.ArrayList;
import java.util.List;

/** plateaus.csv: one row per window with every per-plateau number of summary.json, flat. */
public final class PlateausCsv {
  private static final String[] SEGMENTS = {"hop", "queue_delay", "service", "http"};
  private static final String[] STATS = {"p50", "p90", "p95", "p99", "p999", "mean", "max"};

  private PlateausCsv() {}

  /** The file, {@code plateaus.csv}. */
  public static io.hopscope.reports.OutputFile file(RunAnalysis a) {
    return io.hopscope.reports.OutputFile.of("plateaus.csv", w -> w.write(render(a)));
  }

  public static String render(RunAnalysis a) {
    List<String> header =
        new ArrayList<>(
            List.of(
                "run_id",
                "index",
                "kind",
                "start_ns",
                "end_ns",
                "duration_s",
                "target_rps",
                "offered_rps",
                "achieved_rps",
                "jobs"));
    for (String seg : SEGMENTS) {
      for (String st : STATS) {
        header.add(seg + "_" + st + "_ms");
      }
    }
    header.addAll(
        List.of("error_rate", "depth_start", "depth_end", "depth_max", "depth_slope_per_s"));
    Csv csv = new Csv(header);
    for (PlateauResult p : a.plateaus()) {
      Window w = p.window();
      List<String> row = new ArrayList<>();
      row.add(a.runId());
      row.add(Integer.toString(w.index()));
      row.add(w.kind().label());
      row.add(Long.toString(w.startNs()));
      row.add(Long.toString(w.endNs()));
      row.add(Numbers.plain(w.durationS()));
      row.add(Numbers.plain(w.targetRps()));
      row.add(Numbers.plain(p.offeredRps()));
      row.add(Numbers.plain(p.achievedRps()));
      row.add(Long.toString(p.jobs()));
      LatencyStats http = p.hasHttp() ? p.http().duration() : null;
      for (LatencyStats s : new LatencyStats[] {p.hop(), p.queueDelay(), p.service(), http}) {
        if (s == null) {
          for (int i = 0; i < STATS.length; i++) {
            row.add("");
          }
        } else {
          for (double v :
              new double[] {s.p50(), s.p90(), s.p95(), s.p99(), s.p999(), s.mean(), s.max()}) {
            row.add(Numbers.plain(v));
          }
        }
      }
      row.add(Numbers.plain(p.errorRate()));
      if (p.depth() == null) {
        row.addAll(List.of("", "", "", ""));
      } else {
        row.add(Long.toString(p.depth().start()));
        row.add(Long.toString(p.depth().end()));
        row.add(Long.toString(p.depth().max()));
        row.add(Numbers.plain(p.depth().slopePerS()));
      }
      csv.row(row);
    }
    return csv.text();
  }
}
