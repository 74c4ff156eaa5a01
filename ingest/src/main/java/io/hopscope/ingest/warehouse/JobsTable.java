package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import io.hopscope.ingest.jobs.JobRecord;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** The {@code jobs} table: one row per completed job. Timestamps and durations in epoch ns. */
public final class JobsTable {
  public static final String NAME = "jobs";
  public static final String STREAM_ID = "stream_id";
  public static final String CORR_ID = "corr_id";
  public static final String JOB_ENTRY_ID = "job_entry_id";
  public static final String ENQ_NS = "enq_ns";
  public static final String CLAIM_NS = "claim_ns";
  public static final String DONE_NS = "done_ns";
  public static final String QUEUE_DELAY_NS = "queue_delay_ns";
  public static final String SERVICE_NS = "service_ns";
  public static final String HOP_NS = "hop_ns";
  public static final String WORK_MS = "work_ms";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named(STREAM_ID)
          .optional(BINARY)
          .as(stringType())
          .named(CORR_ID)
          .optional(BINARY)
          .as(stringType())
          .named(JOB_ENTRY_ID)
          .required(INT64)
          .named(ENQ_NS)
          .required(INT64)
          .named(CLAIM_NS)
          .required(INT64)
          .named(DONE_NS)
          .required(INT64)
          .named(QUEUE_DELAY_NS)
          .required(INT64)
          .named(SERVICE_NS)
          .required(INT64)
          .named(HOP_NS)
          .optional(DOUBLE)
          .named(WORK_MS)
          .named(NAME);

  public static final TableDef<JobRecord> TABLE =
      new TableDef<>(
          NAME,
          SCHEMA,
          (j, row) ->
              row.string(STREAM_ID, j.streamId())
                  .string(CORR_ID, j.corrId())
                  .string(JOB_ENTRY_ID, j.jobEntryId())
                  .int64(ENQ_NS, j.enqNs())
                  .int64(CLAIM_NS, j.claimNs())
                  .int64(DONE_NS, j.doneNs())
                  .int64(QUEUE_DELAY_NS, j.queueDelayNs())
                  .int64(SERVICE_NS, j.serviceNs())
                  .int64(HOP_NS, j.hopNs())
                  .float64(WORK_MS, j.workMs()));

  private JobsTable() {}
}
