package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The {@code k6_points} table: one row per k6 sample. The common tags are promoted to columns;
 * every tag stays in {@code tags}.
 */
public final class K6PointsTable {
  public static final String NAME = "k6_points";
  public static final String METRIC = "metric";
  public static final String METRIC_TYPE = "metric_type";
  public static final String TS_NS = "ts_ns";
  public static final String VALUE = "value";
  public static final String SCENARIO = "scenario";
  public static final String NAME_TAG = "name";
  public static final String METHOD = "method";
  public static final String STATUS = "status";
  public static final String EXPECTED_RESPONSE = "expected_response";
  public static final String ERROR_CODE = "error_code";
  public static final String GROUP = "group_name";
  public static final String TAGS = "tags";
  public static final String METADATA = "metadata";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named(METRIC)
          .optional(BINARY)
          .as(stringType())
          .named(METRIC_TYPE)
          .required(INT64)
          .named(TS_NS)
          .required(DOUBLE)
          .named(VALUE)
          .optional(BINARY)
          .as(stringType())
          .named(SCENARIO)
          .optional(BINARY)
          .as(stringType())
          .named(NAME_TAG)
          .optional(BINARY)
          .as(stringType())
          .named(METHOD)
          .optional(BINARY)
          .as(stringType())
          .named(STATUS)
          .optional(BINARY)
          .as(stringType())
          .named(EXPECTED_RESPONSE)
          .optional(BINARY)
          .as(stringType())
          .named(ERROR_CODE)
          .optional(BINARY)
          .as(stringType())
          .named(GROUP)
          .addField(Columns.stringMap(TAGS))
          .addField(Columns.stringMap(METADATA))
          .named(NAME);

  /** Name and columns; the reader's package binds its rows. */
  public static final TableDef<Void> TABLE =
      TableDef.declared(NAME, SCHEMA, java.util.Set.of(TS_NS, VALUE));

  private K6PointsTable() {}
}
