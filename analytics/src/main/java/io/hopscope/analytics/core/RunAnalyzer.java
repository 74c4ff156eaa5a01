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
 */
public final class RunAnalyzer {
  /** The playbook's minimum warm-up. */
  static final double MIN_WARMUP_S = 60;

  /** The playbook holds plateaus 2–5 minutes to settle. */
  static final double MIN_PLATEAU_S = 120;

  /** Fewer samples than this leave p99.9 resting on a single observation or none. */
  static final long MIN_SAMPLES_P999 = 1000;

  private RunAnalyzer() {}

  public static RunAnalysis analyze(RunFacts facts) {
    Schedule schedule = facts.schedule();
    QueueDepth depth = facts.timeline().queueDepth();
    List<PlateauResult> plateaus = new ArrayList<>();
    for (Window w : schedule.windows()) {
      WindowAggregate a = facts.windows().get(w.index());
      long jobs = a == null ? 0 : a.jobs();
      long completions = a == null ? 0 : a.completions();
      plateaus.add(
          new PlateauResult(
              w,
              jobs,
              jobs / w.durationS(),
              completions / w.durationS(),
              a == null || a.jobs() == 0 ? null : a.hop(),
              a == null || a.jobs() == 0 ? null : a.queueDelay(),
              a == null || a.jobs() == 0 ? null : a.service(),
              null,
              depth.over(w)));
    }
    Optional<Knee> knee = KneeDetector.defaults().find(plateaus);
    Optional<Sizing> sizing = sizing(plateaus, knee, facts);
    Drain drain = Drain.of(depth, schedule);
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
    Gates.Verdicts gates = Gates.evaluate(facts.gates(), plateaus, knee, drain, null, drift);
    List<String> warnings = new ArrayList<>(facts.warnings());
    warnings.addAll(hygiene(schedule, plateaus, drain));
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
        facts.timeline());
  }

  private static Optional<Sizing> sizing(
      List<PlateauResult> plateaus, Optional<Knee> knee, RunFacts facts) {
    double weighted = 0;
    long n = 0;
    double peak = 0;
    for (PlateauResult p : plateaus) {
      if (p.hasJobs()) {
        weighted += p.service().mean() * p.service().count();
        n += p.service().count();
        peak = Math.max(peak, p.achievedRps());
      }
    }
    if (n == 0 || weighted <= 0) {
      return Optional.empty();
    }
    List<Sizing.Load> loads = new ArrayList<>();
    loads.add(new Sizing.Load(peak, "observed_peak"));
    knee.ifPresent(k -> loads.add(new Sizing.Load(k.offeredRps(), "knee")));
    facts.specTargetRps().ifPresent(t -> loads.add(new Sizing.Load(t, "spec_target")));
    return Optional.of(Sizing.of(weighted / n, loads));
  }

  private static List<String> hygiene(
      Schedule schedule, List<PlateauResult> plateaus, Drain drain) {
    List<String> out = new ArrayList<>();
    double warmupS = schedule.warmupNs() / 1e9;
    if (warmupS < MIN_WARMUP_S) {
      out.add(
          String.format(
              Locale.ROOT,
              "warm-up of %.0f s before the first plateau; the playbook asks for at least %.0f s",
              warmupS,
              MIN_WARMUP_S));
    }
    for (PlateauResult p : plateaus) {
      Window w = p.window();
      if (w.isPlateau() && w.durationS() < MIN_PLATEAU_S) {
        out.add(
            String.format(
                Locale.ROOT,
                "plateau %d lasts %.0f s, too short to settle (hold plateaus %.0f s or more)",
                w.index(),
                w.durationS(),
                MIN_PLATEAU_S));
      }
      if (p.hasJobs() && p.jobs() < MIN_SAMPLES_P999) {
        out.add(
            String.format(
                Locale.ROOT,
                "%s %d has %d jobs: p99.9 needs at least %d samples to mean anything",
                w.kind().label(),
                w.index(),
                p.jobs(),
                MIN_SAMPLES_P999));
      } else if (!p.hasJobs()) {
        out.add(
            String.format(Locale.ROOT, "%s %d has no completed jobs", w.kind().label(), w.index()));
      }
    }
    if (drain.drainSeconds() == null) {
      out.add(
          "the backlog never drained back to its baseline of "
              + drain.baselineDepth()
              + " jobs after the load ended");
    }
    return out;
  }
}
