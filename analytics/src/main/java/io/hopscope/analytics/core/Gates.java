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
 *
 * <p>Its size is every gate of DESIGN.md, one short method each, with the one verdict type they
 * share.
 */
public final class Gates {
  private Gates() {}

  /** Gate results and the gates that could not be evaluated, with why. */
  /**
   * A gate this run cannot be judged by, and why (its input is missing).
   *
   * @param gate the gate's name, as in the spec (route gates: {@code route:<metric>:<route>})
   */
  public record Skipped(String gate, String reason) {
    /** "gate: reason", as summary.json and gates.json list it. */
    public String text() {
      return gate + ": " + reason;
    }
  }

  public record Verdicts(List<GateResult> results, List<Skipped> notEvaluated) {
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
      List<Skipped> n = new ArrayList<>(notEvaluated);
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
    List<Skipped> skipped = new ArrayList<>();

    if (runErrorRate == null) {
      skipped.add(
          new Skipped(
              GateConfig.MAX_ERROR_RATE, "no source records request failures (add k6 output)"));
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
          new Skipped(
              GateConfig.BACKLOG_MUST_DRAIN_SECONDS,
              "no job timestamps to rebuild the queue from"));
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
      skipped.add(new Skipped(GateConfig.SLO_MS_P95_HOP, "no SLO in the spec's gates"));
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
        skipped.add(
            new Skipped(GateConfig.SLO_MS_P95_HOP, "no plateau below the knee has measurements"));
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
          new Skipped(
              GateConfig.MAX_P95_DRIFT,
              "no plateau of " + (int) GateConfig.DRIFT_MIN_PLATEAU_SECONDS + " s or more"));
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
    statusBudgets(config, windows, out, skipped);
    int below = knee.map(Knee::plateauIndex).orElse(Integer.MAX_VALUE);
    for (RouteGate g : config.routes()) {
      route(g, windows, below, out, skipped);
    }
    return new Verdicts(out, skipped);
  }

  /**
   * The soak gate on memory: no Prometheus memory series may grow significantly (Mann–Kendall at
   * 5%) by more than {@code max_memory_growth} of its median over a plateau of 10 minutes or more.
   */
  public static Verdicts memory(GateConfig config, Drift drift, Schedule schedule) {
    Window w = Drift.longest(schedule);
    if (drift == null || drift.memory().isEmpty()) {
      return new Verdicts(
          List.of(),
          List.of(
              new Skipped(
                  GateConfig.MAX_MEMORY_GROWTH,
                  "no memory series (RSS, working set, heap) from Prometheus in the longest"
                      + " plateau")));
    }
    if (w == null || w.durationS() < GateConfig.DRIFT_MIN_PLATEAU_SECONDS) {
      return new Verdicts(
          List.of(),
          List.of(
              new Skipped(
                  GateConfig.MAX_MEMORY_GROWTH,
                  "no plateau of " + (int) GateConfig.DRIFT_MIN_PLATEAU_SECONDS + " s or more")));
    }
    // The series that grows most among those that grow significantly; else the largest growth.
    List<Drift.MemoryTrend> measurable =
        drift.memory().stream().filter(m -> Double.isFinite(m.growth())).toList();
    if (measurable.isEmpty()) {
      return new Verdicts(
          List.of(),
          List.of(
              new Skipped(
                  GateConfig.MAX_MEMORY_GROWTH,
                  "the memory series have no usable level (median 0) in the plateau")));
    }
    Drift.MemoryTrend worst =
        measurable.stream()
            .max(
                java.util.Comparator.comparing(
                        (Drift.MemoryTrend m) -> m.trend().significant(Drift.ALPHA))
                    .thenComparingDouble(Drift.MemoryTrend::growth))
            .orElseThrow();
    boolean runaway = worst.runaway(config.maxMemoryGrowth());
    return new Verdicts(
        List.of(
            new GateResult(
                GateConfig.MAX_MEMORY_GROWTH,
                !runaway,
                worst.growth(),
                config.maxMemoryGrowth(),
                String.format(
                    Locale.ROOT,
                    "growth of %s over plateau %d (Theil-Sen slope, Mann-Kendall p = %.3g%s)",
                    worst.series(),
                    w.index(),
                    worst.trend().pValue(),
                    worst.trend().significant(Drift.ALPHA) ? "" : ", not significant"))),
        List.of());
  }

  /** The 5xx and 429/503 budgets: shares of all k6 requests of the run. */
  private static void statusBudgets(
      GateConfig config, List<PlateauResult> windows, List<GateResult> out, List<Skipped> skipped) {
    if (config.max5xxRate().isEmpty() && config.max429503Rate().isEmpty()) {
      return;
    }
    long requests = 0;
    long server = 0;
    long shed = 0;
    for (PlateauResult p : windows) {
      if (p.http() == null) {
        continue;
      }
      for (Map.Entry<String, Long> e : p.http().byStatus().entrySet()) {
        requests += e.getValue();
        if (e.getKey().startsWith("5") && e.getKey().length() == 3) {
          server += e.getValue();
        }
        if (e.getKey().equals("429") || e.getKey().equals("503")) {
          shed += e.getValue();
        }
      }
    }
    for (String key : List.of(GateConfig.MAX_5XX_RATE, GateConfig.MAX_429_503_RATE)) {
      boolean fiveXx = key.equals(GateConfig.MAX_5XX_RATE);
      java.util.OptionalDouble limit = fiveXx ? config.max5xxRate() : config.max429503Rate();
      if (limit.isEmpty()) {
        continue;
      }
      if (requests == 0) {
        skipped.add(new Skipped(key, "no k6 requests with a status"));
        continue;
      }
      double rate = (double) (fiveXx ? server : shed) / requests;
      out.add(
          new GateResult(
              key,
              rate <= limit.getAsDouble(),
              rate,
              limit.getAsDouble(),
              String.format(
                  Locale.ROOT,
                  "%d of %d k6 requests answered %s",
                  fiveXx ? server : shed,
                  requests,
                  fiveXx ? "5xx" : "429 or 503 (load shed)")));
    }
  }

  /**
   * A per-route gate over the plateaus below the knee (every plateau when there is none): the worst
   * p95 or p99 of a plateau, or the error rate over them.
   */
  private static void route(
      RouteGate g,
      List<PlateauResult> windows,
      int below,
      List<GateResult> out,
      List<Skipped> skipped) {
    double worst = Double.NEGATIVE_INFINITY;
    int worstAt = -1;
    long requests = 0;
    long failed = 0;
    for (PlateauResult p : windows) {
      if (!p.window().isPlateau() || p.index() >= below || p.http() == null) {
        continue;
      }
      for (RouteStats r : p.http().routes()) {
        if (!r.name().equals(g.name())
            || (g.scenario() != null && !r.scenario().equals(g.scenario()))) {
          continue;
        }
        requests += r.requests();
        failed += r.failed();
        double v = g.metric().equals(RouteGate.P99_MS) ? r.duration().p99() : r.duration().p95();
        if (v > worst) {
          worst = v;
          worstAt = p.index();
        }
      }
    }
    if (requests == 0) {
      skipped.add(
          new Skipped(g.gateName(), "no k6 requests of that route in a plateau below the knee"));
      return;
    }
    boolean errors = g.metric().equals(RouteGate.ERROR_RATE);
    double observed = errors ? (double) failed / requests : worst;
    String tier = g.tiers().tierOf(observed);
    out.add(
        new GateResult(
            g.gateName(),
            observed <= g.tiers().acceptable(),
            observed,
            g.tiers().acceptable(),
            (errors
                    ? String.format(
                        Locale.ROOT, "%d of %d requests failed below the knee", failed, requests)
                    : String.format(
                        Locale.ROOT,
                        "worst %s of the plateaus below the knee (plateau %d)",
                        g.metric().substring(0, 3),
                        worstAt))
                + "; tier met: "
                + tier
                + tiersText(g.tiers())));
  }

  private static String tiersText(RouteGate.Tiers t) {
    if (!t.tiered()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        " (target %s, acceptable %s, critical %s)",
        t.target() == null ? "–" : plain(t.target()),
        plain(t.acceptable()),
        t.critical() == null ? "–" : plain(t.critical()));
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
