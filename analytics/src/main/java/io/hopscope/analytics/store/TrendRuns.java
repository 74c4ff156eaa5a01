package io.hopscope.analytics.store;

import io.hopscope.analytics.core.TrendInput;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The analysed runs of one scenario, as the trends read them: {@code run_summary} only (the stored
 * analysis and spec), never raw rows.
 */
public final class TrendRuns {
  private TrendRuns() {}

  /**
   * The runs of a scenario for its trends.
   *
   * @param synthetic some of them were simulated, not measured
   */
  public record Loaded(List<TrendInput> runs, boolean synthetic) {}

  /**
   * Every analysed run of the scenario whose load started at or after {@code sinceNs}, oldest
   * first.
   */
  public static Loaded read(Warehouse wh, String scenario, long sinceNs) {
    List<TrendInput> out = new ArrayList<>();
    boolean synthetic = false;
    List<Baselines.Entry> index = new ArrayList<>(Baselines.index(wh));
    index.sort(Comparator.comparingLong(Baselines.Entry::t0Ns).thenComparing(e -> e.run().value()));
    for (Baselines.Entry e : index) {
      if (!Objects.equals(e.scenario(), scenario) || e.t0Ns() < sinceNs) {
        continue;
      }
      StoredRun stored = StoredRun.read(wh, e.run());
      synthetic |= stored.synthetic();
      out.add(input(stored, e));
    }
    return new Loaded(out, synthetic);
  }

  /** The scenarios of every analysed run, sorted. */
  public static List<String> scenarios(Warehouse wh) {
    return Baselines.index(wh).stream()
        .map(Baselines.Entry::scenario)
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }

  private static TrendInput input(StoredRun stored, Baselines.Entry e) {
    // Everything but the index comes from the spec stored with the analysis: run_summary's own
    // columns (fingerprint, SHAs, workers) were derived from that same spec.
    return new TrendInput(
        e.run().value(),
        e.t0Ns(),
        e.fingerprint(),
        Fingerprint.of(stored.spec()).json(),
        Fingerprint.sweep(stored.spec()).hash(),
        stored.spec().workers().isPresent() ? stored.spec().workers().getAsInt() : null,
        stored.spec().text("/system_under_test/gateway_sha"),
        stored.spec().text("/system_under_test/worker_sha"),
        e.gatesPassed(),
        stored.analysis());
  }
}
