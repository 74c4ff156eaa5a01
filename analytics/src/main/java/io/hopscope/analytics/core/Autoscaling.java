package io.hopscope.analytics.core;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The playbook's autoscaling signals with thresholds taken from a run's measured envelope. Primary:
 * queue depth and its derivative; secondary: p95 queue delay and worker CPU; safety: backpressure
 * (HTTP 429) when queue depth exceeds {@code D} or p95 queue delay exceeds 0.8 × SLO.
 *
 * <p>Every number carries its basis, in words, for the report and the comments of generated
 * configuration.
 *
 * @param queueBudgetMs the p95 queue delay the SLO leaves after the p95 service time (the sizing's
 *     tail-aware limit)
 * @param designLoadRps the load the backlog limit is sized at: the knee, else the highest achieved
 *     rate
 * @param backlogDepth {@code D = ceil(designLoad × queueBudget)}, Little's law: the number of
 *     waiting jobs that, drained at the design load, wait the whole queue budget
 * @param queueDelayAlertMs 0.8 × SLO (the playbook's backpressure rule), else the queue budget
 * @param lagPerReplica the backlog one worker clears within the queue budget, {@code
 *     floor(capacityPerWorker × queueBudget)}, at least 1: the per-replica target of a queue-driven
 *     autoscaler (KEDA lagCount, HPA external metric)
 * @param minReplicas workers at {@link Sizing#HEADLINE_UTILIZATION} for the lowest offered plateau
 * @param maxReplicas the largest count the sizing recommends for any load it sized (utilisation
 *     rule at its lowest U, or the tail-aware count)
 * @param cpuTarget the worker utilisation target (the playbook's 70%)
 * @param drainBudgetSeconds the spec's backlog_must_drain_seconds (how long a backlog may last)
 */
public record Autoscaling(
    double capacityPerWorkerRps,
    double meanServiceMs,
    OptionalDouble sloMs,
    double queueBudgetMs,
    String queueBudgetBasis,
    double designLoadRps,
    String designLoadBasis,
    long backlogDepth,
    double queueDelayAlertMs,
    String queueDelayAlertBasis,
    long lagPerReplica,
    int minReplicas,
    int maxReplicas,
    String replicasBasis,
    double cpuTarget,
    double drainBudgetSeconds) {

  /** The playbook's backpressure fraction of the SLO. */
  public static final double BACKPRESSURE_SLO_FRACTION = 0.8;

  /**
   * The signals for an analysed run, or empty for a run without measured jobs (k6 alone: no service
   * time, no queue).
   */
  public static Optional<Autoscaling> of(RunAnalysis a, GateConfig gates) {
    if (a.sizing().isEmpty()) {
      return Optional.empty();
    }
    Sizing s = a.sizing().get();
    double budget;
    String budgetBasis;
    if (s.tailAware() != null && s.tailAware().queueLimitMs() > 0) {
      budget = s.tailAware().queueLimitMs();
      budgetBasis = s.tailAware().limitBasis();
    } else {
      budget = s.meanServiceMs();
      budgetBasis = String.format(Locale.ROOT, "one mean service time (%.1f ms)", budget);
    }
    double load;
    String loadBasis;
    if (a.knee().isPresent()) {
      load = a.knee().get().offeredRps();
      loadBasis =
          String.format(
              Locale.ROOT,
              "the knee: plateau %d at %s rps offered",
              a.knee().get().plateauIndex(),
              num(load));
    } else {
      load =
          s.table().stream()
              .filter(r -> r.basis().equals("observed_peak"))
              .mapToDouble(Sizing.TableRow::lambdaRps)
              .findFirst()
              .orElse(0);
      loadBasis =
          String.format(
              Locale.ROOT, "no knee was found: the highest achieved rate, %s rps", num(load));
      if (!(load > 0)) {
        // No plateau counted as capacity evidence: the highest rate any plateau achieved.
        load =
            a.plateaus().stream()
                .filter(PlateauResult::hasJobs)
                .mapToDouble(PlateauResult::achievedRps)
                .filter(x -> x > 0)
                .max()
                .orElse(0);
        loadBasis =
            String.format(
                Locale.ROOT,
                "no knee and no plateau at capacity: the highest rate a plateau achieved, %s rps",
                num(load));
      }
    }
    long depth = Math.max(1, (long) Math.ceil(load * budget / 1000.0));
    OptionalDouble slo = gates.sloMsP95Hop();
    double alert;
    String alertBasis;
    if (slo.isPresent()) {
      alert = BACKPRESSURE_SLO_FRACTION * slo.getAsDouble();
      alertBasis =
          String.format(
              Locale.ROOT,
              "0.8 × the p95 hop SLO of %s ms (the playbook's backpressure rule)",
              num(slo.getAsDouble()));
    } else {
      alert = budget;
      alertBasis = "the queue budget (no SLO in the spec): " + budgetBasis;
    }
    long lag = Math.max(1, (long) Math.floor(s.capacityPerWorkerRps() * budget / 1000.0));
    double lowest =
        a.plateaus().stream()
            .filter(PlateauResult::hasJobs)
            .mapToDouble(PlateauResult::offeredRps)
            .filter(x -> x > 0)
            .min()
            .orElse(0);
    int min =
        Math.max(1, Sizing.workersNeeded(lowest, s.meanServiceMs(), Sizing.HEADLINE_UTILIZATION));
    int max = min;
    String maxBasis = "";
    for (Sizing.TableRow row : s.table()) {
      for (Sizing.Recommendation r : row.byUtilization()) {
        if (r.workers() > max) {
          max = r.workers();
          maxBasis =
              String.format(
                  Locale.ROOT,
                  "%s (%s rps) at U = %s",
                  row.basis().replace('_', ' '),
                  num(row.lambdaRps()),
                  num(r.utilization()));
        }
      }
      if (row.tail() != null && row.tail().workers() > max) {
        max = row.tail().workers();
        maxBasis =
            String.format(
                Locale.ROOT,
                "%s (%s rps), tail-aware",
                row.basis().replace('_', ' '),
                num(row.lambdaRps()));
      }
    }
    String replicas =
        String.format(
                Locale.ROOT,
                "min: the lowest offered plateau (%s rps) at U = %s",
                num(lowest),
                num(Sizing.HEADLINE_UTILIZATION))
            + "; max: "
            + (maxBasis.isEmpty() ? "the same (no load sized for needs more)" : maxBasis);
    double drain = gates.backlogMustDrainSeconds();
    return Optional.of(
        new Autoscaling(
            s.capacityPerWorkerRps(),
            s.meanServiceMs(),
            slo,
            budget,
            budgetBasis,
            load,
            loadBasis,
            depth,
            alert,
            alertBasis,
            lag,
            min,
            max,
            replicas,
            Sizing.HEADLINE_UTILIZATION,
            drain));
  }

  /** How D was found, in words. */
  public String backlogBasis() {
    return String.format(
        Locale.ROOT,
        "Little's law: %s rps (%s) × %s ms queue budget = %s jobs waiting",
        num(designLoadRps),
        designLoadBasis,
        num(queueBudgetMs),
        backlogDepth);
  }

  /** How the per-replica lag target was found, in words. */
  public String lagBasis() {
    return String.format(
        Locale.ROOT,
        "one worker completes %s jobs/s (1 / mean service %s ms); within the %s ms queue budget"
            + " it clears %d",
        num(capacityPerWorkerRps),
        num(meanServiceMs),
        num(queueBudgetMs),
        lagPerReplica);
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
  }
}
