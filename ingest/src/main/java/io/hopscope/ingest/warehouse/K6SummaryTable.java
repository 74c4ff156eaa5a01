package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** The {@code k6_summary} table: one row per metric × statistic of k6's end-of-test summary. */
public final class K6SummaryTable {
  public static final String NAME = "k6_summary";
  public static final String METRIC = "metric";
  public static final String STAT = "stat";
  public static final String VALUE = "value";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named(METRIC)
          .required(BINARY)
          .as(stringType())
          .named(STAT)
          .required(DOUBLE)
          .named(VALUE)
          .named(NAME);

  /** Name and columns; the reader's package binds its rows. */
  public static final TableDef<Void> TABLE = TableDef.declared(NAME, SCHEMA);

  private K6SummaryTable() {}
}
