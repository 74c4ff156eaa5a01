package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/** The head rows of a family at one snapshot: which version of each run is committed. */
final class HeadRows {
  private HeadRows() {}

  /** Above this many runs, every head row is read rather than each run's partition. */
  private static final int MAX_PRUNED = 64;

  /** run id → write id of every run, from the head table at a snapshot. */
  static Map<String, String> writeIds(Table head, long snapshot) {
    return writeIds(head, snapshot, null);
  }

  /**
   * run id → write id, from the head table at a snapshot.
   *
   * @param runs the runs wanted (only their partitions are read), or null for all
   */
  static Map<String, String> writeIds(Table head, long snapshot, Collection<String> runs) {
    Map<String, String> out = new TreeMap<>();
    IcebergGenerics.ScanBuilder scan =
        IcebergGenerics.read(head)
            .useSnapshot(snapshot)
            .select(TableDef.RUN_ID, TableFamily.WRITE_ID);
    if (runs != null && runs.size() <= MAX_PRUNED) {
      if (runs.isEmpty()) {
        return out;
      }
      scan = scan.where(Expressions.in(TableDef.RUN_ID, runs.toArray()));
    }
    try (CloseableIterable<Record> rows = scan.build()) {
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
