package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the single-run gates of the gates contract against one analysed run. A gate whose input
 * does not exist for this run (no error data, no SLO configured, no long plateau) is not evaluated
 * and says so in {@link Verdicts#notEvaluated()}. Baseline gates need history and are evaluated
 * elsewhere.
 */
public final class Gates {
  private Gates() {}

  /** Gate results and the gates that could not be evaluated, with why. */
  public record Verdicts(List<GateResult> results, List<String> notEvaluated) {
    public Verdicts {
      results = List.copyOf(results);
      notEvaluated = List.copyOf(notEvaluated);
    }

    public boolean allPassed() {
      return results.stream().allMatch(GateResult::passed);
    }

    /** These verdicts followed by {@code more}'s. */
    public Verdicts plus(Verdicts more) {
      List<GateResult> r = new ArrayList<>(results);
      r.addAll(more.results());
      List<String> n = new ArrayList<>(notEvaluated);
      n.addAll(more.notEvaluated());
      return new Verdicts(r, n);
    }
  }

  /**
   * @param runErrorRate failed / total requests over the run, null when no source records failures
   * @param driftByWindow p95 hop drift (last third / first third − 1) of each plateau long enough
   */
  public static Verdicts evaluate(
      GateConfig config,
      List<PlateauResult> windows,
      Optional<Knee> knee,
      Optional<Drain> drainOpt,
      Double runErrorRate,
      Map<Integer, Double> driftByWindow) {
    List<GateResult> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();

    if (runErrorRate == null) {
      skipped.add(
          GateConfig.MAX_ERROR_RATE + ": no source records request failures (add k6 output)");
    } else {
      out.add(
          new GateResult(
              GateConfig.MAX_ERROR_RATE,
              runErrorRate <= config.maxErrorRate(),
              runErrorRate,
              config.maxErrorRate(),
              "error rate over the run"));
    }

    if (drainOpt.isEmpty()) {
      skipped.add(
          GateConfig.BACKLOG_MUST_DRAIN_SECONDS + ": no job timestamps to rebuild the queue from");
    } else {
      Drain drain = drainOpt.get();
      Double drained = drain.drainSeconds();
      out.add(
          new GateResult(
              GateConfig.BACKLOG_MUST_DRAIN_SECONDS,
              drained != null && drained <= config.backlogMustDrainSeconds(),
              drained,
              config.backlogMustDrainSeconds(),
              drained == null
                  ? "the backlog never returned to its baseline of "
                      + drain.baselineDepth()
                      + " jobs in the recorded data"
                  : "seconds from the end of load until the backlog was back to its baseline"));
    }

    if (config.sloMsP95Hop().isEmpty()) {
      skipped.add(GateConfig.SLO_MS_P95_HOP + ": no SLO in the spec's gates");
    } else {
      double slo = config.sloMsP95Hop().getAsDouble();
      int limitIndex = knee.map(Knee::plateauIndex).orElse(Integer.MAX_VALUE);
      PlateauResult worst = null;
      for (PlateauResult p : windows) {
        boolean measured = p.hasJobs() || p.hasHttp();
        if (p.window().isPlateau() && measured && p.index() < limitIndex) {
          if (worst == null || p.userLatencyMs(0.95) > worst.userLatencyMs(0.95)) {
            worst = p;
          }
        }
      }
      if (worst == null) {
        skipped.add(GateConfig.SLO_MS_P95_HOP + ": no plateau below the knee has measurements");
      } else {
        double observed = worst.userLatencyMs(0.95);
        out.add(
            new GateResult(
                GateConfig.SLO_MS_P95_HOP,
                observed <= slo,
                observed,
                slo,
                String.format(
                    Locale.ROOT,
                    "worst p95 %s of the plateaus below the knee (plateau %d)",
                    worst.hasJobs() ? "hop" : "k6 request duration (no job data)",
                    worst.index())));
      }
    }

    if (driftByWindow.isEmpty()) {
      skipped.add(
          GateConfig.MAX_P95_DRIFT
              + ": no plateau of "
              + (int) GateConfig.DRIFT_MIN_PLATEAU_SECONDS
              + " s or more");
    } else {
      Map.Entry<Integer, Double> worst = null;
      for (Map.Entry<Integer, Double> e : driftByWindow.entrySet()) {
        if (worst == null || e.getValue() > worst.getValue()) {
          worst = e;
        }
      }
      out.add(
          new GateResult(
              GateConfig.MAX_P95_DRIFT,
              worst.getValue() <= config.maxP95Drift(),
              worst.getValue(),
              config.maxP95Drift(),
              "p95 hop of the last third vs the first third of plateau " + worst.getKey()));
    }
    return new Verdicts(out, skipped);
  }
}
