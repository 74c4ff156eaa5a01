package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the scans of one run ({@link RunFacts}) into the analysis: per-window results, knee,
 * sizing, drain, gates and the test-hygiene warnings. Pure and fast: no Spark, no I/O.
 *
 * <p>Its size is the assembly of a run's analysis plus the run-hygiene checks, each a short method
 * over the same schedule and plateaus; the statistics themselves live in their own classes.
 */
public final class RunAnalyzer {
  /** The playbook's minimum warm-up. */
  static final double MIN_WARMUP_S = 60;

  /** The playbook holds plateaus 2–5 minutes to settle. */
  static final double MIN_PLATEAU_S = 120;

  /** Fewer samples than this leave p99.9 resting on a single observation or none. */
  static final long MIN_SAMPLES_P999 = 1000;

  /** How a schedule made from k6's end-of-test summary alone starts its basis. */
  public static final String SUMMARY_ONLY = "from k6's end-of-test summary";

  private RunAnalyzer() {}

  public static RunAnalysis analyze(RunFacts facts) {
    Schedule schedule = facts.schedule();
    boolean hasJobs = facts.inputs().jobs() > 0;
    QueueDepth depth = hasJobs ? facts.timeline().queueDepth() : null;
    List<PlateauResult> plateaus = new ArrayList<>();
    for (Window w : schedule.windows()) {
      plateaus.add(plateau(w, facts.windows().get(w.index()), depth));
    }
    int lastWithData = lastWithData(plateaus);
    long dataEnd = lastWithData < 0 ? 0 : dataEndNs(plateaus.get(lastWithData).window(), facts);
    // Inferred schedules too: their k6 rates count dropped iterations, which were scheduled. Not
    // a window the data stops in: that is a run stopped early, said once.
    for (int i = 0; i <= lastWithData; i++) {
      PlateauResult p = plateaus.get(i);
      boolean cutShort = i == lastWithData && endsInside(p.window(), dataEnd);
      if (cutShort) {
        plateaus.set(i, marked(p, false, true));
      } else if (shortOfSchedule(p)) {
        plateaus.set(i, marked(p, true, false));
      }
    }
    Optional<Knee> knee = KneeDetector.defaults().find(plateaus);
    Optional<Sizing> sizing = sizing(plateaus, knee, facts);
    Optional<Drain> drain = hasJobs ? Optional.of(Drain.of(depth, schedule)) : Optional.empty();
    List<Burst> bursts = hasJobs ? Burst.find(plateaus, depth) : List.of();
    Map<Integer, Double> drift = new LinkedHashMap<>();
    facts.driftThirds().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              double first = e.getValue()[0];
              double last = e.getValue()[1];
              if (first > 0) {
                drift.put(e.getKey(), last / first - 1);
              }
            });
    Drift drifts = Drift.of(facts.buckets(), schedule, facts.memorySeries());
    Gates.Verdicts gates =
        Gates.evaluate(facts.gates(), plateaus, knee, drain, runErrorRate(plateaus), drift)
            .plus(Gates.memory(facts.gates(), drifts, schedule));
    List<Warning> warnings = new ArrayList<>(Warning.of(Warning.Kind.INPUT, facts.warnings()));
    warnings.addAll(
        Warning.of(
            Warning.Kind.SCHEDULE, hygiene(schedule, plateaus, drain, lastWithData, dataEnd)));
    warnings.addAll(Warning.of(Warning.Kind.SERVICE, serviceOutliers(plateaus)));
    for (Drift.MemoryTrend m : drifts.memory()) {
      if (m.runaway(0.05)) {
        warnings.add(
            drift(
                "%s grows by %.0f%% per hour at constant load (plateau %d; %+.0f%% over the"
                    + " plateau, Mann-Kendall p = %.3g): a leak or an unbounded cache?",
                m.series(),
                m.trend().relativePerUnit() * 100,
                drifts.windowIndex(),
                m.growth() * 100,
                m.trend().pValue()));
      }
    }
    if (drifts.latency() != null
        && drifts.latency().significant(Drift.ALPHA)
        && drifts.latency().relativePerUnit() > 0.15) {
      warnings.add(
          drift(
              "p95 latency drifts upward by %.0f%% per hour at constant load (plateau %d;"
                  + " Theil-Sen slope, Mann-Kendall p = %.3g): look for leaks, GC or background"
                  + " work",
              drifts.latency().relativePerUnit() * 100,
              drifts.windowIndex(),
              drifts.latency().pValue()));
    }
    return new RunAnalysis(
        facts.runId(),
        facts.scenario(),
        facts.inputs(),
        schedule,
        plateaus,
        knee,
        sizing,
        drain,
        gates,
        warnings,
        facts.timeline(),
        facts.buckets(),
        drifts,
        bursts,
        facts.k6Summary(),
        facts.checks());
  }

  private static PlateauResult plateau(Window w, WindowAggregate a, QueueDepth depth) {
    long jobs = a == null ? 0 : a.jobs();
    long completions = a == null ? 0 : a.completions();
    HttpWindow http = a == null ? null : a.http();
    double seconds = w.durationS();
    double jobArrivals = depth == null ? Double.NaN : jobs / seconds;
    double offered;
    double achieved;
    if (depth != null) {
      // Jobs: what k6 tried to start (when it ran) or what arrived, vs what completed.
      offered =
          http != null && http.iterations() + http.dropped() > 0
              ? (http.iterations() + http.dropped()) / seconds
              : jobArrivals;
      achieved = completions / seconds;
    } else if (http != null) {
      offered = http.offeredRequests() / seconds;
      achieved = http.succeeded() / seconds;
    } else {
      offered = Double.NaN;
      achieved = 0;
    }
    boolean measured = a != null && a.jobs() > 0;
    return new PlateauResult(
        w,
        jobs,
        offered,
        achieved,
        jobArrivals,
        measured ? a.hop() : null,
        measured ? a.queueDelay() : null,
        measured ? a.service() : null,
        http == null ? null : http.errorRate(),
        depth == null ? null : depth.over(w),
        http,
        a == null ? null : a.telemetry(),
        false,
        false);
  }

  private static final long NS_PER_S = 1_000_000_000L;

  /** The index in the list of the last window holding any data, -1 when none does. */
  static int lastWithData(List<PlateauResult> plateaus) {
    for (int i = plateaus.size() - 1; i >= 0; i--) {
      PlateauResult p = plateaus.get(i);
      if (p.jobs() > 0 || (p.http() != null && !p.http().isEmpty())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * When the data ends within the last window holding any: the end of the last second with a job
   * arrival, or of the last time slice with data (the slices' resolution), whichever is later; else
   * the window's end.
   */
  private static long dataEndNs(Window last, RunFacts facts) {
    long end = last.startNs();
    for (TimeBucket b : facts.buckets()) {
      if (b.requests() > 0 || b.hop() != null || b.http() != null) {
        end = Math.max(end, Math.min(b.endNs(), last.endNs()));
      }
    }
    Timeline t = facts.timeline();
    long[] arrivals = t.arrivals();
    for (int i = arrivals.length - 1; i >= 0; i--) {
      if (arrivals[i] > 0) {
        long secondEnd = t.originNs() + (t.firstSec() + i + 1) * NS_PER_S;
        end = Math.max(end, Math.min(secondEnd, last.endNs()));
        break;
      }
    }
    return end == last.startNs() ? last.endNs() : end;
  }

  /**
   * Whether the data ends inside a window rather than with it: more than 5 s and 5% of the window
   * before its end (a run's last arrival seldom falls in its very last second), over a stretch in
   * which the schedule expected at least {@value #CUT_SHORT_EVENTS} arrivals (a ramp down to
   * nothing expects almost none at its end).
   */
  static boolean endsInside(Window w, long dataEndNs) {
    long slack = Math.max(5 * NS_PER_S, (long) (0.05 * (w.endNs() - w.startNs())));
    if (dataEndNs >= w.endNs() - slack) {
      return false;
    }
    double length = w.endNs() - w.startNs();
    double rateAtEnd = w.endRps();
    double rateAtDataEnd =
        w.startRps() + (w.endRps() - w.startRps()) * ((dataEndNs - w.startNs()) / length);
    double expected = (rateAtDataEnd + rateAtEnd) / 2 * ((w.endNs() - dataEndNs) / 1e9);
    return expected >= CUT_SHORT_EVENTS;
  }

  /** The arrivals a silent end of a window must have been scheduled to hold to count as cut. */
  static final int CUT_SHORT_EVENTS = 5;

  /** A plateau of the spec whose started load fell more than 10% short of its rate. */
  static boolean shortOfSchedule(PlateauResult p) {
    Window w = p.window();
    double started = p.startedRps();
    return w.isPlateau()
        && w.targetRps() > 0
        && !Double.isNaN(started)
        && started < (1 - PlateauResult.SCHEDULE_TOLERANCE) * w.targetRps();
  }

  /** The plateau marked short of its schedule or cut short by the end of the data. */
  private static PlateauResult marked(PlateauResult p, boolean belowSchedule, boolean cutShort) {
    return new PlateauResult(
        p.window(),
        p.jobs(),
        p.offeredRps(),
        p.achievedRps(),
        p.jobArrivalRps(),
        p.hop(),
        p.queueDelay(),
        p.service(),
        p.errorRate(),
        p.depth(),
        p.http(),
        p.telemetry(),
        belowSchedule,
        cutShort);
  }

  /** Why a plateau's load fell short, from what the run recorded. */
  private static String shortfallCause(PlateauResult p) {
    HttpWindow h = p.http();
    if (h != null && h.dropped() > 0) {
      return String.format(
          Locale.ROOT,
          "k6 dropped %d iterations: the generator had too few VUs for the rate (raise"
              + " preAllocatedVUs/maxVUs, or run more generators)",
          h.dropped());
    }
    Double err = p.errorRate();
    if (err != null && err > 0.01) {
      return String.format(
          Locale.ROOT,
          "%.1f%% of the requests failed: the gateway refused or dropped load",
          err * 100);
    }
    if (h != null) {
      return "k6 started fewer iterations than scheduled (a closed-model executor, or a generator"
          + " that could not keep up)";
    }
    return "the load generator or the gateway could not offer more (check the generator's own"
        + " report: the generator must not be the bottleneck)";
  }

  /** Failed / checked requests over every window, null without k6 data. */
  public static Double runErrorRate(List<PlateauResult> plateaus) {
    long failed = 0;
    long checked = 0;
    long requests = 0;
    long accepted = 0;
    for (PlateauResult p : plateaus) {
      if (p.http() != null) {
        failed += p.http().failed();
        checked += p.http().failedChecked();
        requests += p.http().requests();
        accepted += p.http().accepted();
      }
    }
    if (checked > 0) {
      return (double) failed / checked;
    }
    return requests > 0 ? (double) (requests - accepted) / requests : null;
  }

  private static Optional<Sizing> sizing(
      List<PlateauResult> plateaus, Optional<Knee> knee, RunFacts facts) {
    double weighted = 0;
    long n = 0;
    double peak = 0;
    double p95Weighted = 0;
    for (PlateauResult p : plateaus) {
      if (p.hasJobs()) {
        weighted += p.service().mean() * p.service().count();
        p95Weighted += p.service().p95() * p.service().count();
        n += p.service().count();
        if (p.capacityEvidence()) {
          peak = Math.max(peak, p.achievedRps());
        }
      }
    }
    if (n == 0 || weighted <= 0) {
      return Optional.empty();
    }
    double mean = weighted / n;
    double p95Service = p95Weighted / n;
    // Pooled variance over the plateaus: within-plateau spread plus the spread of their means.
    double ss = 0;
    boolean known = true;
    for (PlateauResult p : plateaus) {
      if (p.hasJobs()) {
        LatencyStats s = p.service();
        known &= !Double.isNaN(s.std());
        ss +=
            (s.count() - 1) * s.std() * s.std() + s.count() * (s.mean() - mean) * (s.mean() - mean);
      }
    }
    double cv = known && n > 1 ? Math.sqrt(ss / (n - 1)) / mean : Double.NaN;
    List<Sizing.Load> loads = new ArrayList<>();
    loads.add(new Sizing.Load(peak, "observed_peak"));
    knee.ifPresent(k -> loads.add(new Sizing.Load(k.offeredRps(), "knee")));
    facts.specTargetRps().ifPresent(t -> loads.add(new Sizing.Load(t, "spec_target")));
    double limit;
    String basis;
    if (facts.gates().sloMsP95Hop().isPresent()
        && facts.gates().sloMsP95Hop().getAsDouble() > p95Service) {
      limit = facts.gates().sloMsP95Hop().getAsDouble() - p95Service;
      basis =
          String.format(
              Locale.ROOT,
              "p95 queue delay within the SLO (%.1f ms) minus the p95 service time (%.1f ms)",
              facts.gates().sloMsP95Hop().getAsDouble(),
              p95Service);
    } else {
      limit = p95Service;
      basis =
          String.format(
              Locale.ROOT,
              "p95 queue delay within one p95 service time (%.1f ms; no SLO above it in the spec)",
              p95Service);
    }
    return Optional.of(Sizing.of(mean, cv, limit, basis, loads));
  }

  /**
   * Sizing uses the mean service time of all jobs, which one extreme job can move (a job stuck for
   * days, a retry counted as one job): each plateau's longest service time that is over ten times
   * its p99 and alone moves that mean by more than 5% is reported, with the mean without it.
   */
  private static Warning drift(String format, Object... args) {
    return new Warning(Warning.Kind.DRIFT, String.format(Locale.ROOT, format, args));
  }

  static List<String> serviceOutliers(List<PlateauResult> plateaus) {
    double weighted = 0;
    long n = 0;
    for (PlateauResult p : plateaus) {
      if (p.hasJobs()) {
        weighted += p.service().mean() * p.service().count();
        n += p.service().count();
      }
    }
    List<String> out = new ArrayList<>();
    if (n < 2) {
      return out;
    }
    double mean = weighted / n;
    for (PlateauResult p : plateaus) {
      if (!p.hasJobs()) {
        continue;
      }
      LatencyStats s = p.service();
      double without = (weighted - s.max()) / (n - 1);
      if (s.max() > 10 * s.p99() && without > 0 && mean / without - 1 > 0.05) {
        out.add(
            String.format(
                Locale.ROOT,
                "plateau %d: one service time of %s (p99 %.1f ms) raises the mean service time"
                    + " that sizing uses (the mean over all %d jobs, %.1f ms) by %.0f%%; without"
                    + " it the mean is %.1f ms: a stuck or retried job? (check it in the jobs"
                    + " table by service_ns)",
                p.index(),
                duration(s.max()),
                s.p99(),
                n,
                mean,
                (mean / without - 1) * 100,
                without));
      }
    }
    return out;
  }

  private static String duration(double ms) {
    if (ms >= 3_600_000) {
      return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000);
    }
    if (ms >= 1000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }
    return String.format(Locale.ROOT, "%.1f ms", ms);
  }

  private static List<String> hygiene(
      Schedule schedule,
      List<PlateauResult> plateaus,
      Optional<Drain> drain,
      int lastWithData,
      long dataEnd) {
    List<String> out = new ArrayList<>();
    schedule
        .inferredFrom()
        .filter(b -> b.startsWith(SUMMARY_ONLY))
        .ifPresent(
            b ->
                out.add(
                    "only k6's end-of-test summary was ingested"
                        + b.substring(SUMMARY_ONLY.length())));
    schedule
        .inferredFrom()
        .filter(b -> !b.startsWith(SUMMARY_ONLY))
        .ifPresent(
            basis ->
                out.add(
                    String.format(
                        Locale.ROOT,
                        "no run spec: %d %s %s; no warm-up is known, so the first stage"
                            + " includes the start of the test (the report folder holds them as"
                            + " a spec, to pin with --spec)",
                        schedule.windows().size(),
                        schedule.windows().size() == 1 ? "stage" : "stages",
                        basis)));
    if (lastWithData >= 0 && lastWithData < plateaus.size() - 1) {
      Window last = plateaus.get(lastWithData).window();
      out.add(
          String.format(
              Locale.ROOT,
              "the data ends about %.0f s into a %.0f s schedule, %s %s %d (windows 0 to %d):"
                  + " was the test stopped early? The later windows have no data%s",
              (dataEnd - schedule.measureStartNs()) / 1e9,
              (schedule.loadEndNs() - schedule.measureStartNs()) / 1e9,
              plateaus.get(lastWithData).cutShort() ? "inside" : "after",
              last.kind().label(),
              lastWithData,
              plateaus.size() - 1,
              plateaus.get(lastWithData).cutShort()
                  ? ", and "
                      + last.kind().label()
                      + " "
                      + lastWithData
                      + " is left out of the envelope, the knee and sizing"
                  : ""));
    }
    for (PlateauResult p : plateaus) {
      if (p.belowSchedule()) {
        out.add(
            String.format(
                Locale.ROOT,
                "plateau %d ran at %.1f %s/s, short of the %.1f/s scheduled (%.0f%%): %s; it is"
                    + " left out of the knee, the SLO crossing and sizing",
                p.index(),
                p.startedRps(),
                p.hasJobs()
                    ? "job arrivals"
                    : p.http().iterations() > 0 ? "iterations" : "requests",
                p.window().targetRps(),
                p.startedRps() / p.window().targetRps() * 100,
                shortfallCause(p)));
      }
    }
    LostJobs.of(plateaus)
        .filter(LostJobs::significant)
        .ifPresent(
            l ->
                out.add(
                    String.format(
                        Locale.ROOT,
                        "%d jobs accepted by the gateway (k6 202 Accepted) never completed: %d accepted,"
                            + " %d completed in the measured windows",
                        l.lost(),
                        l.accepted(),
                        l.completed())));
    plateaus.stream()
        .filter(PlateauResult::hasJobs)
        .findFirst()
        .map(PlateauResult::queueCheck)
        .filter(c -> !Double.isNaN(c.gaugeMean()))
        .filter(c -> c.gaugeMean() - c.meanDepth() >= Math.max(5, c.meanDepth()))
        .ifPresent(
            c ->
                out.add(
                    String.format(
                        Locale.ROOT,
                        "the queue was not empty at the start: the queue_depth gauge averaged %.1f"
                            + " jobs in the first plateau while this run's own jobs account for"
                            + " %.1f; drain the stream (or wait for the previous run's backlog)"
                            + " before starting the load",
                        c.gaugeMean(),
                        c.meanDepth())));
    double warmupS = schedule.warmupNs() / 1e9;
    if (warmupS < MIN_WARMUP_S && !schedule.isInferred()) {
      out.add(
          String.format(
              Locale.ROOT,
              "warm-up of %.0f s before the first plateau; the playbook asks for at least %.0f s",
              warmupS,
              MIN_WARMUP_S));
    }
    for (PlateauResult p : plateaus) {
      Window w = p.window();
      if (w.index() > lastWithData || p.cutShort()) {
        break; // said once above: the data ends here
      }
      if (w.isPlateau()
          && w.durationS() < MIN_PLATEAU_S
          && !schedule.inferredFrom().orElse("").startsWith(SUMMARY_ONLY)) {
        out.add(
            String.format(
                Locale.ROOT,
                "plateau %d lasts %.0f s, too short to settle (hold plateaus %.0f s or more)",
                w.index(),
                w.durationS(),
                MIN_PLATEAU_S));
      }
      long samples = p.hasJobs() ? p.jobs() : p.hasHttp() ? p.http().duration().count() : 0;
      String what = p.hasJobs() ? "jobs" : "requests";
      if (samples > 0 && samples < MIN_SAMPLES_P999) {
        out.add(
            String.format(
                Locale.ROOT,
                "%s %d has %d %s: p99.9 needs at least %d samples to mean anything",
                w.kind().label(),
                w.index(),
                samples,
                what,
                MIN_SAMPLES_P999));
      } else if (samples == 0) {
        out.add(
            String.format(
                Locale.ROOT,
                "%s %d has no completed jobs or requests",
                w.kind().label(),
                w.index()));
      }
      // Only arrival-rate executors drop iterations; constant or ramping VUs run at their VU
      // count by design, so being at the VU limit alone says nothing.
      if (p.http() != null && p.http().dropped() > 0 && !p.belowSchedule()) {
        boolean atLimit = p.http().maxVusMax() > 0 && p.http().maxVus() >= p.http().maxVusMax();
        out.add(
            String.format(
                Locale.ROOT,
                "%s %d: k6 dropped %d iterations%s: the load generator fell behind, so less load"
                    + " was offered than planned%s",
                w.kind().label(),
                w.index(),
                p.http().dropped(),
                atLimit
                    ? String.format(
                        Locale.ROOT, " and ran at its VU limit (%.0f VUs)", p.http().maxVusMax())
                    : "",
                atLimit ? " (raise maxVUs)" : " (raise preAllocatedVUs/maxVUs)"));
      }
    }
    drain.ifPresent(
        d -> {
          if (d.drainSeconds() == null) {
            out.add(
                "the backlog never drained back to its baseline of "
                    + d.baselineDepth()
                    + " jobs after the load ended");
          }
        });
    return out;
  }
}
