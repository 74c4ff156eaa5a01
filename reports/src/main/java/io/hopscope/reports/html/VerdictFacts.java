package io.hopscope.reports.html;

import io.hopscope.analytics.core.Knee;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Sizing;
import io.hopscope.analytics.core.SloCrossing;
import io.hopscope.reports.ReportContext;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.html.RunPage.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The verdict's headline figures of the run page: knee, peak, capacity, drain, SLO, errors. */
final class VerdictFacts {
  private VerdictFacts() {}

  static List<Fact> facts(RunAnalysis a, ReportContext ctx) {
    List<Fact> facts = new ArrayList<>();
    Knee knee = a.knee().orElse(null);
    long levels =
        a.plateaus().stream()
            .filter(p -> p.window().isPlateau() && p.capacityEvidence())
            .filter(p -> p.hasJobs() || p.hasHttp())
            .count();
    facts.add(
        new Fact(
            "Capacity knee",
            knee == null
                ? (levels < 2 ? "not measurable" : "none")
                : Format.num(knee.offeredRps()) + " rps",
            knee != null
                ? "plateau " + knee.plateauIndex()
                : levels < 2
                    ? "one load level: a knee needs stepped load (see README, k6 only)"
                    : "no plateau showed queueing onset"));
    throughputAndLatency(a, facts);
    Sizing s = a.sizing().orElse(null);
    if (s != null) {
      facts.add(
          new Fact(
              "Capacity per worker",
              Format.num(s.capacityPerWorkerRps()) + " rps",
              "1 / mean service (" + Format.num(s.meanServiceMs()) + " ms)"));
      s.headline()
          .ifPresent(
              peak ->
                  facts.add(
                      new Fact(
                          "Workers at 70% utilisation",
                          Integer.toString(peak.workers()),
                          "for "
                              + Format.num(peak.lambdaRps())
                              + " rps ("
                              + peak.basis().replace('_', ' ')
                              + ")")));
    }
    a.drain()
        .ifPresent(
            d ->
                facts.add(
                    new Fact(
                        "Backlog drain",
                        d.drainSeconds() == null ? "never" : Format.num(d.drainSeconds()) + " s",
                        d.depthAtLoadEnd() + " jobs queued when the load ended")));
    if (ctx.gates().sloMsP95Hop().isPresent()) {
      double slo = ctx.gates().sloMsP95Hop().getAsDouble();
      Optional<SloCrossing> c = a.sloCrossing(ctx.gates().sloMsP95Hop());
      facts.add(
          new Fact(
              "p95 within SLO up to",
              c.isEmpty()
                  ? "every plateau"
                  : Double.isNaN(c.get().lastWithinRps())
                      ? "no plateau"
                      : Format.num(c.get().lastWithinRps()) + " rps",
              c.isEmpty()
                  ? "p95 stayed under " + Format.num(slo) + " ms"
                  : "p95 "
                      + Format.num(c.get().p95Ms())
                      + " ms > "
                      + Format.num(slo)
                      + " ms from "
                      + Format.num(c.get().offeredRps())
                      + " rps (plateau "
                      + c.get().plateauIndex()
                      + ")"));
    }
    a.errorRate()
        .ifPresent(
            e ->
                facts.add(
                    new Fact("Error rate", Format.num(e * 100) + " %", "k6 requests that failed")));
    return facts;
  }

  /**
   * What every run can say on its first screen, knee or not: the highest rate achieved in a plateau
   * and the p95 latency there.
   */
  static void throughputAndLatency(RunAnalysis a, List<Fact> facts) {
    boolean jobs = a.plateaus().stream().anyMatch(PlateauResult::hasJobs);
    PlateauResult peak = null;
    for (PlateauResult p : a.plateaus()) {
      if (p.window().isPlateau()
          && !Double.isNaN(p.userLatencyMs(0.95))
          && (peak == null || p.achievedRps() > peak.achievedRps())) {
        peak = p;
      }
    }
    if (peak == null) {
      return;
    }
    facts.add(
        new Fact(
            "Peak throughput",
            Format.num(peak.achievedRps()) + " " + (jobs ? "jobs/s" : "requests/s"),
            (jobs ? "completed" : "requests that did not fail")
                + " in plateau "
                + peak.index()
                + " (offered "
                + Format.num(peak.offeredRps())
                + ")"));
    facts.add(
        new Fact(
            "p95 latency at the peak",
            Format.num(peak.userLatencyMs(0.95)) + " ms",
            (jobs ? "hop" : "k6 http_req_duration")
                + ", p99 "
                + Format.num(peak.userLatencyMs(0.99))
                + " ms"));
  }
}
