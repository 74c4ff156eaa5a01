package io.hopscope.analytics.store;

import io.hopscope.analytics.core.TrendInput;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.TableReader;
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
   * Every analysed run of the scenario whose load started at or after {@code sinceNs}, oldest
   * first.
   */
  public static List<TrendInput> read(Warehouse wh, String scenario, long sinceNs) {
    List<TrendInput> out = new ArrayList<>();
    List<Baselines.Entry> index = new ArrayList<>(Baselines.index(wh));
    index.sort(Comparator.comparingLong(Baselines.Entry::t0Ns).thenComparing(e -> e.run().value()));
    for (Baselines.Entry e : index) {
      if (!Objects.equals(e.scenario(), scenario) || e.t0Ns() < sinceNs) {
        continue;
      }
      out.add(input(wh, e));
    }
    return out;
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

  private static TrendInput input(Warehouse wh, Baselines.Entry e) {
    String[] text = new String[4];
    Integer[] workers = new Integer[1];
    RunId run = e.run();
    TableReader.forEach(
        wh,
        RunSummaryTable.TABLE,
        run,
        g -> {
          text[0] = g.getString(RunSummaryTable.FINGERPRINT_JSON, 0);
          text[1] = optional(g, RunSummaryTable.GATEWAY_SHA);
          text[2] = optional(g, RunSummaryTable.WORKER_SHA);
          workers[0] =
              g.getFieldRepetitionCount(RunSummaryTable.WORKERS) == 0
                  ? null
                  : g.getInteger(RunSummaryTable.WORKERS, 0);
        },
        RunSummaryTable.FINGERPRINT_JSON,
        RunSummaryTable.GATEWAY_SHA,
        RunSummaryTable.WORKER_SHA,
        RunSummaryTable.WORKERS);
    StoredRun stored = StoredRun.read(wh, run);
    return new TrendInput(
        run.value(),
        e.t0Ns(),
        e.fingerprint(),
        text[0],
        Fingerprint.sweep(stored.spec()).hash(),
        workers[0],
        text[1],
        text[2],
        e.gatesPassed(),
        stored.analysis());
  }

  private static String optional(org.apache.parquet.example.data.Group g, String field) {
    return g.getFieldRepetitionCount(field) == 0 ? null : g.getString(field, 0);
  }
}
