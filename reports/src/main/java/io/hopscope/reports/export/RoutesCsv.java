package io.hopscope.reports.export;

import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;

/**
 * routes.csv: one row per window × k6 scenario × request name, with the exact {@code
 * http_req_duration} statistics and the failures of that route (header only for runs without k6).
 */
public final class RoutesCsv {
  private RoutesCsv() {}

  /** The file, {@code routes.csv}. */
  public static io.hopscope.reports.OutputFile file(RunAnalysis a) {
    return io.hopscope.reports.OutputFile.of("routes.csv", w -> w.write(render(a)));
  }

  public static String render(RunAnalysis a) {
    Csv csv =
        Csv.header(
            "run_id,index,kind,target_rps,scenario,name,requests,failed,error_rate,"
                + "p50_ms,p90_ms,p95_ms,p99_ms,p999_ms,mean_ms,max_ms\n");
    for (PlateauResult p : a.plateaus()) {
      if (p.http() == null) {
        continue;
      }
      for (RouteStats r : p.http().routes()) {
        LatencyStats s = r.duration();
        csv.row(
            a.runId(),
            Integer.toString(p.index()),
            p.window().kind().label(),
            Numbers.plain(p.window().targetRps()),
            r.scenario(),
            r.name(),
            Long.toString(r.requests()),
            Long.toString(r.failed()),
            Numbers.plain(r.errorRate()),
            Numbers.plain(s.p50()),
            Numbers.plain(s.p90()),
            Numbers.plain(s.p95()),
            Numbers.plain(s.p99()),
            Numbers.plain(s.p999()),
            Numbers.plain(s.mean()),
            Numbers.plain(s.max()));
      }
    }
    return csv.text();
  }
}
