package io.hopscope.ingest.prom;

import io.hopscope.ingest.warehouse.PromSamplesTable;
import io.hopscope.ingest.warehouse.TableDef;

/** How Prometheus samples become rows of {@code prom_samples}. */
public final class PromRows {
  public static final TableDef<PromSample> SAMPLES =
      PromSamplesTable.TABLE.withWriter(
          (s, row) ->
              row.string(PromSamplesTable.METRIC, s.metric())
                  .stringMap(PromSamplesTable.LABELS, s.labels())
                  .int64(PromSamplesTable.TS_NS, s.tsNs())
                  .float64Required(PromSamplesTable.VALUE, s.value())
                  .string(PromSamplesTable.QUERY, s.query()));

  private PromRows() {}
}
