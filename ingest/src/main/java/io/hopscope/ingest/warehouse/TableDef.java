package io.hopscope.ingest.warehouse;

import java.util.Objects;
import java.util.Set;
import org.apache.parquet.schema.MessageType;

/**
 * A warehouse table: its name (the directory under the warehouse root), its Parquet schema
 * (declared once, here in ingest; readers pass it, never infer it) and how a value becomes a row.
 * Every table is partitioned by {@code run_id} (Hive style); the partition column is not stored in
 * the files.
 */
public record TableDef<T>(
    String name, MessageType schema, Set<String> uniqueColumns, RowWriter<T> writer) {
  /** The Hive partition column of every table. */
  public static final String RUN_ID = "run_id";

  /**
   * @param uniqueColumns columns whose values rarely repeat (ids, timestamps): written without a
   *     dictionary, which would only cost time before Parquet falls back to plain encoding, and
   *     without min/max statistics when they are text
   */
  public TableDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(schema);
    uniqueColumns = Set.copyOf(uniqueColumns);
    Objects.requireNonNull(writer);
    for (String c : uniqueColumns) {
      schema.getFieldIndex(c);
    }
  }

  public TableDef(String name, MessageType schema, RowWriter<T> writer) {
    this(name, schema, Set.of(), writer);
  }

  /** Writes one value as one row through {@link Row}. */
  @FunctionalInterface
  public interface RowWriter<T> {
    void write(T value, Row row);
  }
}
