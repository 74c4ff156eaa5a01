package io.hopscope.ingest.warehouse;

import java.util.Objects;
import org.apache.parquet.schema.MessageType;

/**
 * A warehouse table: its name (the directory under the warehouse root), its Parquet schema
 * (declared once, here in ingest; readers pass it, never infer it) and how a value becomes a row.
 * Every table is partitioned by {@code run_id} (Hive style); the partition column is not stored in
 * the files.
 */
public record TableDef<T>(String name, MessageType schema, RowWriter<T> writer) {
  /** The Hive partition column of every table. */
  public static final String RUN_ID = "run_id";

  public TableDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(schema);
    Objects.requireNonNull(writer);
  }

  /** Writes one value as one row through {@link Row}. */
  @FunctionalInterface
  public interface RowWriter<T> {
    void write(T value, Row row);
  }
}
