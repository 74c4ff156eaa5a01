package io.hopscope.analytics.store;

import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds a run's baseline (gates contract): the latest earlier run with the same fingerprint
 * (scenario, workers, environment, workload) whose gates passed. Reads {@code run_summary} only.
 */
public final class Baselines {
  private Baselines() {}

  /** One analysed run as the index sees it. */
  public record Entry(
      RunId run, String fingerprint, long t0Ns, boolean gatesPassed, String scenario) {}

  /** Every analysed run of the warehouse. */
  public static List<Entry> index(Warehouse wh) {
    List<Entry> out = new ArrayList<>();
    for (RunId run : wh.runs(RunSummaryTable.NAME)) {
      TableReader.forEach(
          wh,
          RunSummaryTable.TABLE,
          run,
          g ->
              out.add(
                  new Entry(
                      run,
                      g.getString(RunSummaryTable.FINGERPRINT, 0),
                      g.getLong(RunSummaryTable.T0_NS, 0),
                      g.getBoolean(RunSummaryTable.GATES_PASSED, 0),
                      g.getFieldRepetitionCount(RunSummaryTable.SCENARIO) == 0
                          ? null
                          : g.getString(RunSummaryTable.SCENARIO, 0))),
          RunSummaryTable.FINGERPRINT,
          RunSummaryTable.T0_NS,
          RunSummaryTable.GATES_PASSED,
          RunSummaryTable.SCENARIO);
    }
    return out;
  }

  /** The latest run before {@code t0Ns} with this fingerprint whose gates passed. */
  public static Optional<RunId> automatic(
      Warehouse wh, RunId current, String fingerprint, long t0Ns) {
    return index(wh).stream()
        .filter(e -> !e.run().equals(current))
        .filter(e -> e.fingerprint().equals(fingerprint))
        .filter(Entry::gatesPassed)
        .filter(e -> e.t0Ns() < t0Ns)
        .max(Comparator.comparingLong(Entry::t0Ns))
        .map(Entry::run);
  }
}
