package io.hopscope.analytics.store;

import io.hopscope.analytics.core.BaselineGates;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.Gates;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gates that need the warehouse's history: the baseline comparison (explicit, or the latest
 * earlier passing run with the same fingerprint) and k6's own thresholds.
 */
public final class History {
  /** The gates this class evaluates, replaced whenever they are evaluated again. */
  static final Set<String> NAMES =
      Set.of(
          GateConfig.MAX_P95_HOP_REGRESSION,
          GateConfig.MAX_KNEE_REGRESSION,
          GateConfig.MAX_THROUGHPUT_DROP,
          GateConfig.MAX_RESOURCE_INCREASE,
          K6ThresholdGates.NAME);

  private History() {}

  /** The analysis with its history gates (re)evaluated, and the baseline used. */
  public record Gated(RunAnalysis analysis, Optional<RunId> baseline) {}

  public static Gated gate(
      Warehouse wh, RunAnalysis analysis, RunSpec spec, GateConfig config, Optional<RunId> pinned) {
    RunId run = new RunId(analysis.runId());
    Gates.Verdicts own = withoutHistory(analysis.gates());
    Gates.Verdicts extra = K6ThresholdGates.of(wh, run, analysis.k6Summary());
    Optional<RunId> baseline =
        pinned.or(
            () ->
                Baselines.automatic(
                    wh, run, Fingerprint.of(spec).hash(), analysis.schedule().t0Ns()));
    if (baseline.isPresent()) {
      RunAnalysis b = StoredRun.read(wh, baseline.get()).analysis();
      extra = extra.plus(BaselineGates.evaluate(config, analysis, b));
    } else {
      String why = "no baseline (no earlier run with the same fingerprint passed its gates)";
      extra =
          extra.plus(
              new Gates.Verdicts(
                  List.of(),
                  List.of(
                      new Gates.Skipped(GateConfig.MAX_P95_HOP_REGRESSION, why),
                      new Gates.Skipped(GateConfig.MAX_KNEE_REGRESSION, why),
                      new Gates.Skipped(GateConfig.MAX_THROUGHPUT_DROP, why),
                      new Gates.Skipped(GateConfig.MAX_RESOURCE_INCREASE, why))));
    }
    RunAnalysis stripped =
        new RunAnalysis(
            analysis.runId(),
            analysis.scenario(),
            analysis.inputs(),
            analysis.schedule(),
            analysis.plateaus(),
            analysis.knee(),
            analysis.sizing(),
            analysis.drain(),
            own,
            analysis.warnings(),
            analysis.timeline(),
            analysis.buckets(),
            analysis.drift(),
            analysis.bursts(),
            analysis.k6Summary(),
            analysis.checks());
    return new Gated(stripped.withGates(extra, List.of()), baseline);
  }

  private static Gates.Verdicts withoutHistory(Gates.Verdicts v) {
    List<GateResult> r =
        v.results().stream()
            .filter(g -> !NAMES.contains(g.name()) && !g.name().startsWith(K6ThresholdGates.NAME))
            .toList();
    List<Gates.Skipped> n =
        v.notEvaluated().stream().filter(s -> !NAMES.contains(s.gate())).toList();
    return new Gates.Verdicts(r, n);
  }
}
