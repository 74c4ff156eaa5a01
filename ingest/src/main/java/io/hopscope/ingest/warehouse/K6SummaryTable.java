package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;

import io.hopscope.ingest.k6.K6SummaryStat;
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

  public static final TableDef<K6SummaryStat> TABLE =
      new TableDef<>(
          NAME,
          SCHEMA,
          (s, row) ->
              row.string(METRIC, s.metric())
                  .string(STAT, s.stat())
                  .float64Required(VALUE, s.value()));

  private K6SummaryTable() {}
}
