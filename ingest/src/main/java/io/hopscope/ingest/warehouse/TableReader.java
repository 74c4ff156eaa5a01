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
   * The repeats of a long column among a version's rows of a table, as the writer of its one file
   * counted them into the file's footer ({@link KeyRepeats#FOOTER_KEY}); empty when there is no
   * such count (files written before it existed or by a writer that does not count, keys beyond the
   * writer's memory budget, more than one file), or when the file's column metrics disagree with
   * it. The footer is read only when the metrics say the file has the key.
   */
  public static Optional<KeyRepeats.Found> keyRepeats(
      Warehouse wh, RunSnapshots version, TableDef<?> table, String column) {
    Optional<Long> snapshot = version.snapshot(table.name());
    Optional<Table> t = wh.find(table.name());
    if (snapshot.isEmpty() || t.isEmpty()) {
      return Optional.empty();
    }
    org.apache.iceberg.types.Types.NestedField field = t.get().schema().findField(column);
    java.util.List<org.apache.iceberg.DataFile> files =
        Snapshots.runFiles(t.get(), snapshot.get(), version.run().value());
    if (field == null || files.size() != 1) {
      return Optional.empty();
    }
    org.apache.iceberg.DataFile f = files.get(0);
    Long values = f.valueCounts() == null ? null : f.valueCounts().get(field.fieldId());
    Long nulls = f.nullValueCounts() == null ? null : f.nullValueCounts().get(field.fieldId());
    if (values == null || nulls == null) {
      return Optional.empty();
    }
    String text;
    try (org.apache.parquet.hadoop.ParquetFileReader r =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(f.location()), wh.conf()))) {
      text = r.getFooter().getFileMetaData().getKeyValueMetaData().get(KeyRepeats.FOOTER_KEY);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the scan reads the file, and says what is wrong with it
    }
    return KeyRepeats.Found.parse(text, column).filter(found -> found.keys() == values - nulls);
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
