package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import io.hopscope.ingest.jobs.JobBatch;
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

  /**
   * XXH64 (seed 42, as Spark's {@code xxhash64}) of the corr id's UTF-8 bytes, null without a corr
   * id: analyses look for repeated ids on it. Absent from runs ingested before it existed.
   */
  public static final String CORR_HASH = "corr_hash";

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
          .optional(INT64)
          .named(CORR_HASH)
          .named(NAME);

  public static final TableDef<JobBatch.Cursor> TABLE =
      new TableDef<>(
          NAME,
          SCHEMA,
          java.util.Set.of(
              STREAM_ID,
              CORR_ID,
              JOB_ENTRY_ID,
              ENQ_NS,
              CLAIM_NS,
              DONE_NS,
              QUEUE_DELAY_NS,
              SERVICE_NS,
              HOP_NS,
              WORK_MS,
              CORR_HASH),
          JobsTable::write);

  private static void write(JobBatch.Cursor c, Row row) {
    JobBatch b = c.batch();
    int r = c.row();
    byte[] a = b.arena();
    long enq = b.enqNs(r);
    long claim = b.claimNs(r);
    long done = b.doneNs(r);
    row.bytes(STREAM_ID, a, b.idOffset(r), b.idLength(r))
        .bytes(CORR_ID, a, b.corrOffset(r), b.corrLength(r))
        .bytes(JOB_ENTRY_ID, a, b.entryOffset(r), b.entryLength(r))
        .int64(ENQ_NS, enq)
        .int64(CLAIM_NS, claim)
        .int64(DONE_NS, done)
        .int64(QUEUE_DELAY_NS, claim - enq)
        .int64(SERVICE_NS, done - claim)
        .int64(HOP_NS, done - enq)
        .float64(WORK_MS, b.workMs(r));
    int corrLength = b.corrLength(r);
    if (corrLength >= 0) {
      row.int64(CORR_HASH, corrHash(a, b.corrOffset(r), corrLength));
    }
  }

  private static final net.jpountz.xxhash.XXHash64 XXH64 =
      net.jpountz.xxhash.XXHashFactory.fastestJavaInstance().hash64();

  /** The {@link #CORR_HASH} of a corr id given as UTF-8 bytes {@code a[off, off+len)}. */
  public static long corrHash(byte[] a, int off, int len) {
    return XXH64.hash(a, off, len, 42L);
  }

  private JobsTable() {}
}
