package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads warehouse rows without Spark, streaming, through Iceberg's generic reader: for the small
 * tables (manifests, summaries) and for reading ids back after a commit.
 */
public final class TableReader {
  private TableReader() {}

  /**
   * Calls {@code each} with the committed version's rows of a run in a table, projected to {@code
   * columns} (all when none given).
   *
   * @return rows read; 0 when the run has no committed version or none in this table
   */
  public static long forEach(
      Warehouse wh,
      TableFamily family,
      TableDef<?> table,
      RunId run,
      Consumer<Record> each,
      String... columns) {
    Optional<RunSnapshots> version = RunSnapshots.of(wh, family, run);
    if (version.isEmpty()) {
      return 0;
    }
    return forEach(wh, version.get(), table, each, columns);
  }

  /** Calls {@code each} with the rows of one version of a run in a table. */
  public static long forEach(
      Warehouse wh,
      RunSnapshots version,
      TableDef<?> table,
      Consumer<Record> each,
      String... columns) {
    Optional<Long> snapshot = version.snapshot(table.name());
    Optional<Table> t = wh.find(table.name());
    if (snapshot.isEmpty() || t.isEmpty()) {
      return 0;
    }
    return read(t.get(), snapshot.get(), version.run(), each, columns);
  }

  /** The rows of one version of a run in a table, from the files' metadata (no data read). */
  public static long rowCount(Warehouse wh, RunSnapshots version, TableDef<?> table) {
    Optional<Long> snapshot = version.snapshot(table.name());
    Optional<Table> t = wh.find(table.name());
    if (snapshot.isEmpty() || t.isEmpty()) {
      return 0;
    }
    long n = 0;
    for (org.apache.iceberg.DataFile f :
        Snapshots.runFiles(t.get(), snapshot.get(), version.run().value())) {
      n += f.recordCount();
    }
    return n;
  }

  /**
   * The repeats of a long column among a version's rows of a table, as the commit that wrote them
   * recorded ({@link RunWrite#SUMMARY_REPEATS}); empty when it recorded none (written before the
   * count existed, by a writer that does not count, or with keys beyond the memory budget).
   */
  public static Optional<KeyRepeats.Found> keyRepeats(
      Warehouse wh, RunSnapshots version, TableDef<?> table, String column) {
    Optional<Long> snapshot = version.snapshot(table.name());
    Optional<Table> t = wh.find(table.name());
    if (snapshot.isEmpty() || t.isEmpty()) {
      return Optional.empty();
    }
    org.apache.iceberg.Snapshot s = t.get().snapshot(snapshot.get());
    if (s == null
        || !version.run().value().equals(s.summary().get(RunWrite.SUMMARY_RUN_ID))
        || !java.util.Objects.equals(
            version.writeId(), s.summary().get(RunWrite.SUMMARY_WRITE_ID))) {
      return Optional.empty();
    }
    return KeyRepeats.Found.parse(s.summary().get(RunWrite.SUMMARY_REPEATS), column);
  }

  /**
   * Whether every data file of the run's version of a table was written with a column (files
   * written before the column was declared have no metrics for it); false without files.
   */
  public static boolean written(
      Warehouse wh, RunSnapshots version, TableDef<?> table, String column) {
    Optional<Long> snapshot = version.snapshot(table.name());
    Optional<Table> t = wh.find(table.name());
    if (snapshot.isEmpty() || t.isEmpty()) {
      return false;
    }
    org.apache.iceberg.types.Types.NestedField field = t.get().schema().findField(column);
    if (field == null) {
      return false;
    }
    boolean any = false;
    for (org.apache.iceberg.DataFile f :
        Snapshots.runFiles(t.get(), snapshot.get(), version.run().value())) {
      if (f.valueCounts() == null || !f.valueCounts().containsKey(field.fieldId())) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** Calls {@code each} with every row of a head table's current snapshot (all runs). */
  public static long forEachHead(
      Warehouse wh, TableDef<?> head, Consumer<Record> each, String... columns) {
    Optional<Table> t = wh.find(head.name());
    if (t.isEmpty() || t.get().currentSnapshot() == null) {
      return 0;
    }
    return read(t.get(), t.get().currentSnapshot().snapshotId(), null, each, columns);
  }

  private static long read(
      Table t, long snapshot, RunId run, Consumer<Record> each, String... columns) {
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(t).useSnapshot(snapshot);
    if (run != null) {
      scan = scan.where(Expressions.equal(TableDef.RUN_ID, run.value()));
    }
    if (columns.length > 0) {
      scan = scan.select(columns);
    }
    long n = 0;
    try (CloseableIterable<Record> rows = scan.build()) {
      for (Record r : rows) {
        each.accept(r);
        n++;
      }
    } catch (IOException e) {
      throw Problems.storage(t.location(), "cannot read the table", e);
    }
    return n;
  }
}
