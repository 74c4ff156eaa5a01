package io.hopscope.ingest.jobs;

import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.RejectsTable;
import io.hopscope.ingest.warehouse.Row;
import io.hopscope.ingest.warehouse.TableDef;

/** How done-stream jobs and rejected records become rows of the warehouse's tables. */
public final class JobRows {
  /**
   * The jobs table, written from a batch's rows; the file's footer says whether any corr id repeats
   * (every row with a corr id gets its {@link JobsTable#CORR_HASH}).
   */
  public static final TableDef<JobBatch.Cursor> JOBS =
      JobsTable.TABLE.withWriter(JobRows::job).withRepeatKey(JobsTable.CORR_HASH);

  /** The rejects table (every reader's rejected records). */
  public static final TableDef<Reject> REJECTS =
      RejectsTable.TABLE.withWriter(
          (r, row) ->
              row.string(RejectsTable.SOURCE, r.source())
                  .string(RejectsTable.LOCATION, r.location())
                  .string(RejectsTable.REASON, r.reason())
                  .string(RejectsTable.RAW, r.raw()));

  private JobRows() {}

  private static void job(JobBatch.Cursor c, Row row) {
    JobBatch b = c.batch();
    int r = c.row();
    byte[] a = b.arena();
    long enq = b.enqNs(r);
    long claim = b.claimNs(r);
    long done = b.doneNs(r);
    row.bytes(JobsTable.STREAM_ID, a, b.idOffset(r), b.idLength(r))
        .bytes(JobsTable.CORR_ID, a, b.corrOffset(r), b.corrLength(r))
        .bytes(JobsTable.JOB_ENTRY_ID, a, b.entryOffset(r), b.entryLength(r))
        .int64(JobsTable.ENQ_NS, enq)
        .int64(JobsTable.CLAIM_NS, claim)
        .int64(JobsTable.DONE_NS, done)
        .int64(JobsTable.QUEUE_DELAY_NS, claim - enq)
        .int64(JobsTable.SERVICE_NS, done - claim)
        .int64(JobsTable.HOP_NS, done - enq)
        .float64(JobsTable.WORK_MS, b.workMs(r));
    int corrLength = b.corrLength(r);
    if (corrLength >= 0) {
      row.int64(JobsTable.CORR_HASH, JobsTable.corrHash(a, b.corrOffset(r), corrLength));
    }
  }
}
