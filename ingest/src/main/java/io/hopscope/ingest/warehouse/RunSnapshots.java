package io.hopscope.ingest.warehouse;

import io.hopscope.ingest.RunId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * Where one committed version of a run is: for every table of its family, the snapshot to read the
 * run's rows from. The head row (read from the head table's current snapshot) names the version;
 * for each member, {@link Snapshots#holding} finds the snapshot that holds it, which is the current
 * one unless a later write of the same run is under way or crashed before its head row. Reading
 * every table of a run through this never mixes two versions.
 *
 * @param writeId the version (the head row's {@code write_id})
 * @param snapshots table → snapshot id; a table absent here holds nothing of the version
 */
public record RunSnapshots(RunId run, String writeId, Map<String, Long> snapshots) {
  public RunSnapshots {
    snapshots = Collections.unmodifiableMap(new HashMap<>(snapshots));
  }

  /** The snapshot of a table holding this version's rows; empty when it holds none. */
  public Optional<Long> snapshot(String table) {
    return Optional.ofNullable(snapshots.get(table));
  }

  /** The committed version of a run in a family, or empty when the head has no row for it. */
  public static Optional<RunSnapshots> of(Warehouse wh, TableFamily family, RunId run) {
    return of(wh, family, List.of(run)).stream().findFirst();
  }

  /** The committed versions of these runs (those with a head row), in the order given. */
  public static List<RunSnapshots> of(Warehouse wh, TableFamily family, List<RunId> runs) {
    return versions(wh, family, runs);
  }

  /** The committed version of every run of the family, sorted by run id. */
  public static List<RunSnapshots> all(Warehouse wh, TableFamily family) {
    return versions(wh, family, null);
  }

  /**
   * @param runs the runs wanted, in this order; null for every run, sorted
   */
  private static List<RunSnapshots> versions(Warehouse wh, TableFamily family, List<RunId> runs) {
    Optional<Table> head = wh.find(family.head().name());
    if (head.isEmpty() || head.get().currentSnapshot() == null) {
      return List.of();
    }
    long headSnapshot = head.get().currentSnapshot().snapshotId();
    Map<String, String> writes =
        HeadRows.writeIds(
            head.get(),
            headSnapshot,
            runs == null ? null : runs.stream().map(RunId::value).toList());
    if (runs == null) {
      runs = writes.keySet().stream().map(RunId::new).toList();
    }
    Map<String, Table> members = new HashMap<>();
    for (TableDef<?> m : family.members()) {
      wh.find(m.name()).ifPresent(t -> members.put(m.name(), t));
    }
    List<RunSnapshots> out = new java.util.ArrayList<>();
    for (RunId run : runs) {
      String writeId = writes.get(run.value());
      if (writeId == null) {
        continue;
      }
      Map<String, Long> snapshots = new HashMap<>();
      snapshots.put(family.head().name(), headSnapshot);
      members.forEach(
          (name, t) -> {
            Long s = Snapshots.holding(t, run.value(), writeId);
            if (s != null) {
              snapshots.put(name, s);
            }
          });
      out.add(new RunSnapshots(run, writeId, snapshots));
    }
    return out;
  }

  /**
   * The runs a family holds, for a message about a run that is not there: "it holds runs a, b, c"
   * (the first ten, then how many more), or "it holds no run".
   */
  public static String holding(Warehouse wh, TableFamily family) {
    List<RunId> runs = runs(wh, family);
    if (runs.isEmpty()) {
      return "it holds no run";
    }
    List<String> ids = runs.stream().limit(10).map(RunId::value).toList();
    return "it holds "
        + (runs.size() == 1 ? "run " : "runs ")
        + String.join(", ", ids)
        + (runs.size() > 10 ? " and " + (runs.size() - 10) + " more" : "");
  }

  /** Every run with a committed version in the family, sorted by id. */
  public static List<RunId> runs(Warehouse wh, TableFamily family) {
    Optional<Table> head = wh.find(family.head().name());
    if (head.isEmpty() || head.get().currentSnapshot() == null) {
      return List.of();
    }
    return HeadRows.writeIds(head.get(), head.get().currentSnapshot().snapshotId())
        .keySet()
        .stream()
        .sorted()
        .map(RunId::new)
        .toList();
  }
}
