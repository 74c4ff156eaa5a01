package io.hopscope.analytics.store;

import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.Gates;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.K6ThresholdsTable;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;

/** k6's own thresholds, as its summary reported them, shown as gates. */
public final class K6ThresholdGates {
  private K6ThresholdGates() {}

  public static Gates.Verdicts of(Warehouse wh, RunId run) {
    List<GateResult> out = new ArrayList<>();
    TableReader.forEach(
        wh,
        RunsTable.FAMILY,
        K6ThresholdsTable.TABLE,
        run,
        g -> {
          String metric = g.getField(K6ThresholdsTable.METRIC).toString();
          String expr = g.getField(K6ThresholdsTable.EXPRESSION).toString();
          boolean passed = (Boolean) g.getField(K6ThresholdsTable.PASSED);
          out.add(
              new GateResult(
                  "k6_threshold",
                  passed,
                  null,
                  Double.NaN,
                  metric + " " + expr + " (k6's own verdict from its summary)"));
        });
    return new Gates.Verdicts(out, List.of());
  }
}
