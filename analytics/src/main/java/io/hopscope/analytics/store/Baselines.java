package io.hopscope.analytics.store;

import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.TableDef;
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
    TableReader.forEachHead(
        wh,
        RunSummaryTable.TABLE,
        g ->
            out.add(
                new Entry(
                    new RunId(g.getField(TableDef.RUN_ID).toString()),
                    g.getField(RunSummaryTable.FINGERPRINT).toString(),
                    (Long) g.getField(RunSummaryTable.T0_NS),
                    (Boolean) g.getField(RunSummaryTable.GATES_PASSED),
                    g.getField(RunSummaryTable.SCENARIO) == null
                        ? null
                        : g.getField(RunSummaryTable.SCENARIO).toString())),
        TableDef.RUN_ID,
        RunSummaryTable.FINGERPRINT,
        RunSummaryTable.T0_NS,
        RunSummaryTable.GATES_PASSED,
        RunSummaryTable.SCENARIO);
    out.sort(Comparator.comparing(e -> e.run().value()));
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
