package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What a table's snapshot history says about one run: which commits touched it (hopscope tags each
 * commit with the run and the write, see {@link RunWrite}), and which snapshot holds a given
 * version of it.
 */
final class Snapshots {
  private Snapshots() {}

  /** The current snapshot and its ancestors, newest first; empty for a table never committed. */
  static Iterable<Snapshot> ancestry(Table t) {
    Snapshot current = t.currentSnapshot();
    if (current == null) {
      return List.of();
    }
    return SnapshotUtil.ancestorsOf(current.snapshotId(), t::snapshot);
  }

  static boolean touches(Snapshot s, String run) {
    return run.equals(s.summary().get(RunWrite.SUMMARY_RUN_ID));
  }

  /**
   * The snapshot that holds the run's rows of version {@code writeId}: the current one when no
   * other write touched the run since that version, else the one just before the first other write
   * that did (a write that crashed before its head row, or one still under way).
   *
   * @return the snapshot id, or null when the table held nothing of the run then
   */
  static Long holding(Table t, String run, String writeId) {
    Snapshot current = t.currentSnapshot();
    if (current == null) {
      return null;
    }
    boolean foreign = false;
    Long before = null;
    for (Snapshot s : ancestry(t)) {
      if (!touches(s, run)) {
        continue;
      }
      if (writeId.equals(s.summary().get(RunWrite.SUMMARY_WRITE_ID))) {
        break;
      }
      foreign = true;
      before = s.parentId();
    }
    return foreign ? before : Long.valueOf(current.snapshotId());
  }

  /** The write id of the newest commit at or before {@code snapshotId} that touched the run. */
  static String lastWriteOf(Table t, long snapshotId, String run) {
    for (Snapshot s : SnapshotUtil.ancestorsOf(snapshotId, t::snapshot)) {
      if (touches(s, run)) {
        return s.summary().get(RunWrite.SUMMARY_WRITE_ID);
      }
    }
    return null;
  }

  /** The run's data files in a snapshot, with their column statistics. */
  static List<DataFile> runFiles(Table t, long snapshotId, String run) {
    List<DataFile> out = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks =
        t.newScan()
            .useSnapshot(snapshotId)
            .filter(Expressions.equal(TableDef.RUN_ID, run))
            .includeColumnStats()
            .planFiles()) {
      for (FileScanTask task : tasks) {
        out.add(task.file().copy());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw Problems.storage(t.location(), "cannot list the files of run '" + run + "'", e);
    }
    return out;
  }
}
