package io.hopscope.ingest.warehouse;

import io.hopscope.ingest.RunId;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;

/** Reads the committed rows of a run back through Iceberg, for tests. */
public final class ParquetRows {
  private ParquetRows() {}

  /** The rows of a run's committed version in an ingest table. */
  public static List<Record> read(Warehouse wh, TableDef<?> table, RunId run) {
    return read(wh, RunsTable.FAMILY, table, run);
  }

  public static List<Record> read(Warehouse wh, TableFamily family, TableDef<?> table, RunId run) {
    List<Record> rows = new ArrayList<>();
    TableReader.forEach(wh, family, table, run, r -> rows.add(r.copy()));
    return rows;
  }

  public static long getLong(Record r, String column) {
    return ((Number) r.getField(column)).longValue();
  }

  public static String getString(Record r, String column) {
    Object v = r.getField(column);
    return v == null ? null : v.toString();
  }
}
