package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** The head rows of a family at one snapshot: which version of each run is committed. */
final class HeadRows {
  private HeadRows() {}

  /** run id → write id, from the head table at a snapshot. */
  static Map<String, String> writeIds(Table head, long snapshot) {
    Map<String, String> out = new TreeMap<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(head)
            .useSnapshot(snapshot)
            .select(TableDef.RUN_ID, TableFamily.WRITE_ID)
            .build()) {
      for (Record r : rows) {
        Object w = r.getField(TableFamily.WRITE_ID);
        out.put(r.getField(TableDef.RUN_ID).toString(), w == null ? "" : w.toString());
      }
    } catch (IOException | RuntimeException e) {
      throw Problems.storage(head.location(), "cannot read the table", e);
    }
    return out;
  }
}
