package io.hopscope.ingest.warehouse;

import io.hopscope.ingest.RunId;
import java.util.function.Consumer;

/**
 * Reads back, from the committed partitions, the done-stream ids of a run's rows: every job's
 * {@code stream_id} and the location of every reject from a given source. What is deleted from a
 * stream after ingest comes from here, so only committed rows are ever deleted.
 */
public final class CommittedIds {
  private CommittedIds() {}

  /** Calls {@code each} with every committed id of the run; returns how many. */
  public static long forEach(Warehouse wh, RunId run, String rejectSource, Consumer<String> each) {
    long[] n = {0};
    TableReader.forEach(
        wh,
        JobsTable.TABLE,
        run,
        g -> {
          each.accept(g.getString(JobsTable.STREAM_ID, 0));
          n[0]++;
        },
        JobsTable.STREAM_ID);
    TableReader.forEach(
        wh,
        RejectsTable.TABLE,
        run,
        g -> {
          if (rejectSource.equals(g.getString(RejectsTable.SOURCE, 0))) {
            each.accept(g.getString(RejectsTable.LOCATION, 0));
            n[0]++;
          }
        },
        RejectsTable.SOURCE,
        RejectsTable.LOCATION);
    return n[0];
  }
}
