package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The tables of one run, written aside under {@code _staging/} and swapped into place by {@link
 * #commit()}: readers see either the old partitions or the new ones, never a half-written file, and
 * re-ingesting a run replaces its rows instead of adding to them.
 */
public final class RunWrite implements AutoCloseable {
  private final Warehouse warehouse;
  private final RunId run;
  private final Path staging;
  private final Map<String, TableWriter<?>> writers = new LinkedHashMap<>();
  private boolean committed;

  RunWrite(Warehouse warehouse, RunId run) {
    this.warehouse = warehouse;
    this.run = run;
    this.staging =
        new Path(
            new Path(warehouse.root(), Warehouse.STAGING), run.value() + "-" + UUID.randomUUID());
  }

  public RunId run() {
    return run;
  }

  /** Opens the run's file of a table. Each table is opened at most once per run write. */
  public <T> TableWriter<T> open(TableDef<T> table) {
    if (writers.containsKey(table.name())) {
      throw new IllegalStateException("table already open: " + table.name());
    }
    Path file = new Path(new Path(staging, table.name()), "part-00000.parquet");
    TableWriter<T> w = new TableWriter<>(table, file, warehouse.conf());
    writers.put(table.name(), w);
    return w;
  }

  /**
   * Closes every file, checks that each file's footer holds the rows written, then swaps each
   * table's partition into place (old partition moved to {@code _trash}, then deleted).
   *
   * @return rows per table, as verified from the written footers
   */
  public Map<String, Long> commit() {
    Map<String, Long> verified = new LinkedHashMap<>();
    for (TableWriter<?> w : writers.values()) {
      w.close();
      long inFooter = footerRows(w.file());
      if (inFooter != w.rows()) {
        throw Problems.storage(
            w.file(), "wrote " + w.rows() + " rows but the file holds " + inFooter, null);
      }
      verified.put(w.table().name(), inFooter);
    }
    FileSystem fs = warehouse.fs();
    List<Path> trash = new ArrayList<>();
    try {
      for (TableWriter<?> w : writers.values()) {
        Path target = warehouse.partition(w.table().name(), run);
        Path source = w.file().getParent();
        fs.mkdirs(target.getParent());
        if (fs.exists(target)) {
          Path old =
              new Path(
                  new Path(warehouse.root(), Warehouse.TRASH),
                  w.table().name() + "-" + staging.getName());
          fs.mkdirs(old.getParent());
          rename(fs, target, old);
          trash.add(old);
        }
        rename(fs, source, target);
      }
      committed = true;
      for (Path old : trash) {
        fs.delete(old, true);
      }
      fs.delete(staging, true);
    } catch (IOException e) {
      throw Problems.storage(staging, "cannot move the run's tables into place", e);
    }
    return verified;
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  private long footerRows(Path file) {
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(file, warehouse.conf()))) {
      return r.getRecordCount();
    } catch (IOException e) {
      throw Problems.storage(file, "cannot read back the written file", e);
    }
  }

  /** Abandons an uncommitted write: the staged files are deleted, the warehouse is unchanged. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    for (TableWriter<?> w : writers.values()) {
      try {
        w.close();
      } catch (RuntimeException e) {
        // Already failing; the staged files are deleted below.
      }
    }
    try {
      warehouse.fs().delete(staging, true);
    } catch (IOException e) {
      throw Problems.storage(staging, "cannot remove staged files", e);
    }
  }
}
