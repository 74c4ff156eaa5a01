package io.hopscope.ingest.warehouse;

import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.PropertyUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot retention policy, applied by every write after its commit (nothing to run by hand):
 *
 * <ol>
 *   <li>Snapshots older than the table's {@code history.expire.max-snapshot-age-ms} (one day, see
 *       {@link TableSettings}) are expired, the current one always kept, and Iceberg deletes the
 *       files only they referenced (replaced versions of runs). A snapshot that still holds the
 *       committed version of a run whose rows a later, unfinished write replaced (see {@link
 *       Snapshots#holding}) is kept, with everything after it, until that run is written again.
 *   <li>Files in the written run's partition that no snapshot references and that are older than
 *       that age (left by a write that was killed before it committed) are deleted.
 * </ol>
 *
 * Failures here never fail the write: the data is committed; the next write tries again.
 */
final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private Maintenance() {}

  static void afterCommit(Warehouse wh, TableFamily family, RunId run) {
    afterCommit(wh, family, run, System.currentTimeMillis());
  }

  static void afterCommit(Warehouse wh, TableFamily family, RunId run, long nowMs) {
    try {
      Map<String, String> heads = null;
      for (TableDef<?> def : family.members()) {
        Optional<Table> t = wh.find(def.name());
        if (t.isEmpty()) {
          continue;
        }
        if (expiring(t.get(), nowMs) && heads == null) {
          heads = headWrites(wh, family);
        }
        expire(t.get(), heads, nowMs);
        sweep(wh, t.get(), run, nowMs);
      }
      Optional<Table> head = wh.find(family.head().name());
      if (head.isPresent()) {
        expire(head.get(), Map.of(), nowMs);
        sweep(wh, head.get(), run, nowMs);
      }
    } catch (RuntimeException e) {
      LOG.warn("warehouse maintenance after committing run {} failed: {}", run, e.toString());
    }
  }

  private static Map<String, String> headWrites(Warehouse wh, TableFamily family) {
    Optional<Table> head = wh.find(family.head().name());
    if (head.isEmpty() || head.get().currentSnapshot() == null) {
      return Map.of();
    }
    return HeadRows.writeIds(head.get(), head.get().currentSnapshot().snapshotId());
  }

  static long maxAgeMs(Table t) {
    return PropertyUtil.propertyAsLong(
        t.properties(),
        org.apache.iceberg.TableProperties.MAX_SNAPSHOT_AGE_MS,
        TableSettings.SNAPSHOT_MAX_AGE_MS);
  }

  private static boolean expiring(Table t, long nowMs) {
    long cutoff = nowMs - maxAgeMs(t);
    for (Snapshot s : t.snapshots()) {
      if (s.timestampMillis() < cutoff) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param heads run → committed write id; for a member table, the snapshots holding those versions
   *     are kept
   */
  private static void expire(Table t, Map<String, String> heads, long nowMs) {
    if (!expiring(t, nowMs) || t.currentSnapshot() == null) {
      return;
    }
    long cutoff = nowMs - maxAgeMs(t);
    long current = t.currentSnapshot().snapshotId();
    for (Map.Entry<String, String> h : heads.entrySet()) {
      Long holding = Snapshots.holding(t, h.getKey(), h.getValue());
      if (holding != null && holding != current) {
        cutoff = Math.min(cutoff, t.snapshot(holding).timestampMillis());
      }
    }
    t.expireSnapshots().expireOlderThan(cutoff).retainLast(1).commit();
  }

  /** Deletes files of the run's partition that no snapshot references and no writer still owns. */
  private static void sweep(Warehouse wh, Table t, RunId run, long nowMs) {
    Path dir =
        new Path(
            t.locationProvider()
                .newDataLocation(LegacyLayout.PARTITION_PREFIX + run.value() + "/x")
                .replaceFirst("/x$", ""));
    long cutoff = nowMs - maxAgeMs(t);
    List<FileStatus> old;
    FileSystem fs;
    try {
      fs = dir.getFileSystem(wh.conf());
      if (!fs.exists(dir)) {
        return;
      }
      old =
          java.util.Arrays.stream(fs.listStatus(dir))
              .filter(st -> st.isFile() && st.getModificationTime() < cutoff)
              .toList();
    } catch (IOException | RuntimeException e) {
      return; // a store Hadoop cannot list (e.g. a catalog's own FileIO): nothing to sweep here
    }
    if (old.isEmpty()) {
      return;
    }
    Set<String> referenced = new HashSet<>();
    for (Snapshot s : t.snapshots()) {
      for (DataFile f : Snapshots.runFiles(t, s.snapshotId(), run.value())) {
        referenced.add(new Path(f.location()).toUri().getPath());
      }
    }
    for (FileStatus st : old) {
      if (!referenced.contains(st.getPath().toUri().getPath())) {
        try {
          fs.delete(st.getPath(), false);
        } catch (IOException e) {
          LOG.warn("cannot delete unreferenced file {}: {}", st.getPath(), e.toString());
        }
      }
    }
  }
}
