package io.hopscope.ingest.warehouse;

import io.hopscope.ingest.RunId;
import java.util.function.Consumer;

/**
 * Reads back, from the run's committed version, the done-stream ids of a run's rows: every job's
 * {@code stream_id} and the location of every reject from a given source. What is deleted from a
 * stream after ingest comes from here, so only committed rows are ever deleted.
 */
public final class CommittedIds {
  private CommittedIds() {}

  /** Calls {@code each} with every committed id of the run; returns how many. */
  public static long forEach(Warehouse wh, RunId run, String rejectSource, Consumer<String> each) {
    long[] n = {0};
    java.util.Optional<RunSnapshots> version = RunSnapshots.of(wh, RunsTable.FAMILY, run);
    if (version.isEmpty()) {
      return 0;
    }
    TableReader.forEach(
        wh,
        version.get(),
        JobsTable.TABLE,
        r -> {
          each.accept(r.getField(JobsTable.STREAM_ID).toString());
          n[0]++;
        },
        JobsTable.STREAM_ID);
    TableReader.forEach(
        wh,
        version.get(),
        RejectsTable.TABLE,
        r -> {
          if (rejectSource.equals(r.getField(RejectsTable.SOURCE).toString())) {
            each.accept(r.getField(RejectsTable.LOCATION).toString());
            n[0]++;
          }
        },
        RejectsTable.SOURCE,
        RejectsTable.LOCATION);
    return n[0];
  }
}
