package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** The {@code k6_thresholds} table: k6's own thresholds and whether they held. */
public final class K6ThresholdsTable {
  public static final String NAME = "k6_thresholds";
  public static final String METRIC = "metric";
  public static final String EXPRESSION = "expression";
  public static final String PASSED = "passed";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named(METRIC)
          .required(BINARY)
          .as(stringType())
          .named(EXPRESSION)
          .required(BOOLEAN)
          .named(PASSED)
          .named(NAME);

  /** Name and columns; the reader's package binds its rows. */
  public static final TableDef<Void> TABLE = TableDef.declared(NAME, SCHEMA);

  private K6ThresholdsTable() {}
}
