package io.hopscope.analytics.store;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import io.hopscope.ingest.warehouse.TableDef;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** The derived {@code plateau_stats} table: one row per plateau × segment, in milliseconds. */
public final class PlateauStatsTable {
  public static final String NAME = "plateau_stats";
  public static final String PLATEAU_INDEX = "plateau_index";
  public static final String KIND = "kind";
  public static final String START_NS = "start_ns";
  public static final String END_NS = "end_ns";
  public static final String TARGET_RPS = "target_rps";
  public static final String OFFERED_RPS = "offered_rps";
  public static final String ACHIEVED_RPS = "achieved_rps";
  public static final String ERROR_RATE = "error_rate";
  public static final String SEGMENT = "segment";
  public static final String P50_MS = "p50_ms";
  public static final String P90_MS = "p90_ms";
  public static final String P95_MS = "p95_ms";
  public static final String P99_MS = "p99_ms";
  public static final String P999_MS = "p999_ms";
  public static final String MEAN_MS = "mean_ms";
  public static final String MAX_MS = "max_ms";
  public static final String COUNT = "count";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(INT32)
          .named(PLATEAU_INDEX)
          .required(BINARY)
          .as(stringType())
          .named(KIND)
          .required(INT64)
          .named(START_NS)
          .required(INT64)
          .named(END_NS)
          .required(DOUBLE)
          .named(TARGET_RPS)
          .optional(DOUBLE)
          .named(OFFERED_RPS)
          .required(DOUBLE)
          .named(ACHIEVED_RPS)
          .optional(DOUBLE)
          .named(ERROR_RATE)
          .required(BINARY)
          .as(stringType())
          .named(SEGMENT)
          .required(DOUBLE)
          .named(P50_MS)
          .required(DOUBLE)
          .named(P90_MS)
          .required(DOUBLE)
          .named(P95_MS)
          .required(DOUBLE)
          .named(P99_MS)
          .required(DOUBLE)
          .named(P999_MS)
          .required(DOUBLE)
          .named(MEAN_MS)
          .required(DOUBLE)
          .named(MAX_MS)
          .required(INT64)
          .named(COUNT)
          .named(NAME);

  public static final TableDef<PlateauStatsRow> TABLE =
      new TableDef<>(
          NAME,
          SCHEMA,
          (r, row) ->
              row.int32(PLATEAU_INDEX, r.plateauIndex())
                  .string(KIND, r.kind())
                  .int64(START_NS, r.startNs())
                  .int64(END_NS, r.endNs())
                  .float64Required(TARGET_RPS, r.targetRps())
                  .float64(OFFERED_RPS, r.offeredRps())
                  .float64Required(ACHIEVED_RPS, r.achievedRps())
                  .float64(ERROR_RATE, r.errorRate())
                  .string(SEGMENT, r.segment())
                  .float64Required(P50_MS, r.stats().p50())
                  .float64Required(P90_MS, r.stats().p90())
                  .float64Required(P95_MS, r.stats().p95())
                  .float64Required(P99_MS, r.stats().p99())
                  .float64Required(P999_MS, r.stats().p999())
                  .float64Required(MEAN_MS, r.stats().mean())
                  .float64Required(MAX_MS, r.stats().max())
                  .int64(COUNT, r.stats().count()));

  private PlateauStatsTable() {}
}
