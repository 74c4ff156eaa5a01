package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

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

  /** Name and columns; the reader's package binds its rows. */
  public static final TableDef<Void> TABLE =
      TableDef.declared(
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
              CORR_HASH));

  private static final net.jpountz.xxhash.XXHash64 XXH64 =
      net.jpountz.xxhash.XXHashFactory.fastestJavaInstance().hash64();

  /** The {@link #CORR_HASH} of a corr id given as UTF-8 bytes {@code a[off, off+len)}. */
  public static long corrHash(byte[] a, int off, int len) {
    return XXH64.hash(a, off, len, 42L);
  }

  private JobsTable() {}
}
