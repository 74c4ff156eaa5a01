package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The {@code prom_samples} table: one row per Prometheus sample. Classic histogram buckets are kept
 * as they are ({@code <name>_bucket} with an {@code le} label) so quantiles can be estimated per
 * window later.
 */
public final class PromSamplesTable {
  public static final String NAME = "prom_samples";
  public static final String METRIC = "metric";
  public static final String LABELS = "labels";
  public static final String TS_NS = "ts_ns";
  public static final String VALUE = "value";
  public static final String QUERY = "query";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named(METRIC)
          .addField(Columns.stringMap(LABELS))
          .required(INT64)
          .named(TS_NS)
          .required(DOUBLE)
          .named(VALUE)
          .optional(BINARY)
          .as(stringType())
          .named(QUERY)
          .named(NAME);

  /** Name and columns; the reader's package binds its rows. */
  public static final TableDef<Void> TABLE =
      TableDef.declared(NAME, SCHEMA, java.util.Set.of(TS_NS));

  private PromSamplesTable() {}
}
