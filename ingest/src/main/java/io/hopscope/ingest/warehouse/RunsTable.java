package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The {@code runs} table: one row per run (the manifest), partitioned by run id; the head of the
 * ingest family ({@link #FAMILY}): its {@code write_id} names the run's committed version and
 * {@code snapshots} the snapshot of each evidence table holding it.
 */
public final class RunsTable {
  public static final String NAME = "runs";
  public static final String SCENARIO = "scenario";
  public static final String START_NS = "start_ns";
  public static final String END_NS = "end_ns";
  public static final String SPEC = "spec";
  public static final String SOURCES = "sources";
  public static final String INGESTED_AT_NS = "ingested_at_ns";
  public static final String HOPSCOPE_VERSION = "hopscope_version";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .optional(BINARY)
          .as(stringType())
          .named(SCENARIO)
          .required(INT64)
          .named(START_NS)
          .required(INT64)
          .named(END_NS)
          .required(BINARY)
          .as(stringType())
          .named(SPEC)
          .required(BINARY)
          .as(stringType())
          .named(SOURCES)
          .required(INT64)
          .named(INGESTED_AT_NS)
          .required(BINARY)
          .as(stringType())
          .named(HOPSCOPE_VERSION)
          .optional(BINARY)
          .as(stringType())
          .named(TableFamily.WRITE_ID)
          .addField(Columns.longMap(TableFamily.SNAPSHOTS))
          .named(NAME);

  public static final TableDef<RunManifest> TABLE =
      new TableDef<>(
          NAME,
          SCHEMA,
          (m, row) ->
              row.string(SCENARIO, m.scenario())
                  .int64(START_NS, m.startNs())
                  .int64(END_NS, m.endNs())
                  .string(SPEC, m.specJson())
                  .string(SOURCES, m.sourcesJson())
                  .int64(INGESTED_AT_NS, m.ingestedAtNs())
                  .string(HOPSCOPE_VERSION, m.hopscopeVersion())
                  .string(TableFamily.WRITE_ID, m.writeId())
                  .longMap(TableFamily.SNAPSHOTS, m.snapshots()));

  /**
   * What ingest writes for a run, replaced together: the manifest ({@code runs}, the head,
   * committed last) and the evidence tables.
   */
  public static final TableFamily FAMILY =
      new TableFamily(
          TABLE,
          java.util.List.of(
              JobsTable.TABLE,
              RejectsTable.TABLE,
              K6PointsTable.TABLE,
              K6SummaryTable.TABLE,
              K6ThresholdsTable.TABLE,
              PromSamplesTable.TABLE));

  private RunsTable() {}
}
