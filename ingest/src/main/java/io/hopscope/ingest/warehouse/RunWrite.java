package io.hopscope.ingest.warehouse;

import io.hopscope.error.FailPoints;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Writes one version of a run into a family of tables ({@link TableFamily}) and commits it.
 *
 * <p>Rows stream into one Parquet file per table, written where the table keeps its data ({@code
 * data/run_id=<id>/<write id>.parquet}) and invisible until committed. {@link #commit} then checks
 * each file's footer against the rows written, and replaces the run's rows in every member table by
 * one Iceberg overwrite each (the run's old files out, the new file in; tables this write has
 * nothing for lose the run's old rows), validated against the table as it was when the write began:
 * if another writer changed the run's rows meanwhile, the commit fails cleanly instead of mixing
 * the two. The head row, naming this version and the snapshot of every member, is committed last:
 * that commit is the version's commit point.
 *
 * <p>A crash before it leaves the previous version as readers see it (they follow the head row, see
 * {@link RunSnapshots}); a failure before it reverts the members already committed, so even engines
 * that read the tables' current snapshots directly see the previous version. Files of a write that
 * never committed are deleted, by {@link #close} or, after a crash, by {@link Maintenance}.
 *
 * <p>Its size is the one commit protocol of a run's tables (stream rows into files, check their
 * footers, overwrite each member, commit the head row, revert or clean up on failure), whose steps
 * must stay in this order.
 */
public final class RunWrite implements AutoCloseable {
  /** Snapshot summary key: the run a hopscope commit replaced. */
  public static final String SUMMARY_RUN_ID = "hopscope.run-id";

  /** Snapshot summary key: the write (version) a hopscope commit belongs to. */
  public static final String SUMMARY_WRITE_ID = "hopscope.write-id";

  private final Warehouse warehouse;
  private final RunId run;
  private final TableFamily family;
  private final String writeId = UUID.randomUUID().toString();
  private final Map<String, Long> bases = new HashMap<>();
  private final Map<String, TableWriter<?>> writers = new LinkedHashMap<>();
  private final List<Path> uncommitted = new ArrayList<>();
  private boolean committed;
  private java.util.function.Consumer<String> afterMemberCommit =
      table -> FailPoints.pass("after-commit:" + table);

  RunWrite(Warehouse warehouse, RunId run, TableFamily family) {
    this.warehouse = warehouse;
    this.run = run;
    this.family = family;
    base(family.head().name());
    for (TableDef<?> m : family.members()) {
      base(m.name());
    }
  }

  private void base(String table) {
    warehouse
        .find(table)
        .map(Table::currentSnapshot)
        .ifPresent(s -> bases.put(table, s.snapshotId()));
  }

  public RunId run() {
    return run;
  }

  /** The id of this write: the version it commits. */
  public String writeId() {
    return writeId;
  }

  /** Opens the run's file of a member table. Each table is opened at most once per write. */
  public <T> TableWriter<T> open(TableDef<T> table) {
    if (!family.contains(table.name()) || family.head().name().equals(table.name())) {
      throw new IllegalArgumentException(table.name() + " is not a member of this write's family");
    }
    return openFile(table);
  }

  private <T> TableWriter<T> openFile(TableDef<T> def) {
    if (!def.bound()) {
      throw new IllegalArgumentException(
          def.name() + " is declared without a row writer: open the reader's binding");
    }
    if (writers.containsKey(def.name())) {
      throw new IllegalStateException("table already open: " + def.name());
    }
    Table t = warehouse.table(def);
    String location =
        t.locationProvider()
            .newDataLocation(
                LegacyLayout.PARTITION_PREFIX + run.value() + "/" + writeId + ".parquet");
    Path file = new Path(location);
    uncommitted.add(file);
    TableWriter<T> w =
        new TableWriter<>(
            def,
            IcebergSchemas.withIds(def.schema(), t.schema()),
            run.value(),
            file,
            warehouse.conf());
    writers.put(def.name(), w);
    return w;
  }

  /** For tests: called after each member's commit (e.g. to stop the write there, as a crash). */
  void afterMemberCommit(java.util.function.Consumer<String> hook) {
    this.afterMemberCommit = hook;
  }

  /** What a commit produced. */
  public record Committed(
      RunId run, String writeId, Map<String, Long> snapshots, Map<String, Long> rows) {}

  /**
   * Finishes and verifies every file, commits the members, then the head row made by {@code
   * headRow} from what the members' commits produced (snapshot ids, verified row counts).
   *
   * @return the committed version, with the head's snapshot and row among the others
   */
  public <H> Committed commit(TableDef<H> head, Function<Committed, H> headRow) {
    if (!head.name().equals(family.head().name())) {
      throw new IllegalArgumentException(head.name() + " is not this family's head");
    }
    Map<String, DataFile> files = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (TableWriter<?> w : new ArrayList<>(writers.values())) {
      finish(w, files, rows);
    }
    List<String> done = new ArrayList<>();
    Map<String, Long> snapshots = new LinkedHashMap<>();
    try {
      for (TableDef<?> m : family.members()) {
        DataFile f = files.get(m.name());
        Table t = f != null ? warehouse.table(m) : warehouse.find(m.name()).orElse(null);
        if (t == null) {
          continue; // never written: nothing of this run to replace
        }
        snapshots.put(m.name(), replace(m.name(), t, f));
        done.add(m.name());
        afterMemberCommit.accept(m.name());
      }
      Committed members =
          new Committed(
              run,
              writeId,
              Collections.unmodifiableMap(snapshots),
              Collections.unmodifiableMap(rows));
      FailPoints.pass("before-head:" + head.name());
      TableWriter<H> hw = openFile(head);
      hw.write(headRow.apply(members));
      finish(hw, files, rows);
      snapshots.put(
          head.name(), replace(head.name(), warehouse.table(head), files.get(head.name())));
      committed = true;
      FailPoints.pass("after-head:" + head.name());
    } catch (RuntimeException e) {
      revert(done, snapshots);
      throw failure(e);
    }
    Maintenance.afterCommit(warehouse, family, run);
    return new Committed(run, writeId, Map.copyOf(snapshots), Map.copyOf(rows));
  }

  private void finish(TableWriter<?> w, Map<String, DataFile> files, Map<String, Long> rows) {
    w.close();
    String name = w.table().name();
    if (w.rows() == 0) {
      delete(w.file());
      uncommitted.remove(w.file());
      rows.put(name, 0L);
      return;
    }
    Table t = warehouse.table(w.table());
    Metrics metrics;
    long length;
    List<Long> rowGroups = new ArrayList<>();
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(w.file(), warehouse.conf()))) {
      metrics = FooterMetrics.of(r.getFooter(), w.schema(), t.schema());
      for (org.apache.parquet.hadoop.metadata.BlockMetaData b : r.getFooter().getBlocks()) {
        rowGroups.add(b.getStartingPos());
      }
      length = w.file().getFileSystem(warehouse.conf()).getFileStatus(w.file()).getLen();
    } catch (IOException | RuntimeException e) {
      throw Problems.storage(w.file(), "cannot read back the written file", e);
    }
    if (metrics.recordCount() == null || metrics.recordCount() != w.rows()) {
      throw Problems.storage(
          w.file(),
          "wrote " + w.rows() + " rows but the file holds " + metrics.recordCount(),
          null);
    }
    files.put(
        name,
        DataFiles.builder(t.spec())
            .withPath(w.file().toString())
            .withFormat(FileFormat.PARQUET)
            .withFileSizeInBytes(length)
            .withPartitionPath(LegacyLayout.PARTITION_PREFIX + run.value())
            .withMetrics(metrics)
            // Where row groups start: readers split the file there, a row group a task at most.
            .withSplitOffsets(rowGroups.stream().sorted().toList())
            .build());
    rows.put(name, w.rows());
  }

  /** Replaces the run's rows of a table by {@code file} (none: the run's rows are removed). */
  private long replace(String name, Table t, DataFile file) {
    OverwriteFiles op =
        t.newOverwrite()
            .overwriteByRowFilter(Expressions.equal(TableDef.RUN_ID, run.value()))
            .conflictDetectionFilter(Expressions.equal(TableDef.RUN_ID, run.value()))
            .validateNoConflictingData()
            .validateNoConflictingDeletes();
    Long base = bases.get(name);
    if (base != null) {
      op.validateFromSnapshot(base);
    }
    if (file != null) {
      op.addFile(file);
    }
    try {
      op.set(SUMMARY_RUN_ID, run.value()).set(SUMMARY_WRITE_ID, writeId).commit();
    } catch (CommitStateUnknownException e) {
      // Perhaps committed: the file must stay.
      forget(file);
      throw e;
    }
    forget(file);
    return committedSnapshot(t, writeId);
  }

  private void forget(DataFile file) {
    if (file != null) {
      uncommitted.remove(new Path(file.location()));
    }
  }

  /** The snapshot of a table that this run's commit with {@code write} made. */
  private long committedSnapshot(Table t, String write) {
    t.refresh();
    for (Snapshot s : Snapshots.ancestry(t)) {
      if (write.equals(s.summary().get(SUMMARY_WRITE_ID))
          && run.value().equals(s.summary().get(SUMMARY_RUN_ID))) {
        return s.snapshotId();
      }
    }
    throw new IllegalStateException("committed snapshot of " + write + " not found in " + t);
  }

  /**
   * Puts back, in each member already committed, the run's files as they were before this write,
   * unless someone else changed the run there since (then theirs stands).
   */
  private void revert(List<String> done, Map<String, Long> snapshots) {
    for (int i = done.size() - 1; i >= 0; i--) {
      String name = done.get(i);
      try {
        Table t = warehouse.find(name).orElseThrow();
        long ours = snapshots.get(name);
        Snapshot mine = t.snapshot(ours);
        OverwriteFiles op =
            t.newOverwrite()
                .validateFromSnapshot(ours)
                .conflictDetectionFilter(Expressions.equal(TableDef.RUN_ID, run.value()))
                .validateNoConflictingData()
                .validateNoConflictingDeletes();
        for (DataFile f : Snapshots.runFiles(t, ours, run.value())) {
          op.deleteFile(f);
        }
        String previous = null;
        if (mine.parentId() != null) {
          for (DataFile f : Snapshots.runFiles(t, mine.parentId(), run.value())) {
            op.addFile(f);
          }
          previous = Snapshots.lastWriteOf(t, mine.parentId(), run.value());
        }
        op.set(SUMMARY_RUN_ID, run.value());
        if (previous != null) {
          op.set(SUMMARY_WRITE_ID, previous);
        }
        op.commit();
      } catch (RuntimeException e) {
        // Someone else wrote the run meanwhile, or the store failed: readers still follow the
        // head row, which does not name this write.
      }
    }
  }

  private RuntimeException failure(RuntimeException e) {
    if (e instanceof io.hopscope.error.HopscopeException) {
      return e;
    }
    if (e instanceof ValidationException) {
      return Problems.conflict(
          "run '"
              + run
              + "' was written by another hopscope process while this one was writing it"
              + " ("
              + e.getMessage()
              + "); the other version stands and nothing of this one was kept",
          "run one write of a run at a time; run this one again if its version should win");
    }
    if (e instanceof CommitFailedException || e instanceof CommitStateUnknownException) {
      return Problems.storage(
          warehouse.rootUri(),
          "cannot commit run '" + run + "' (other writers kept winning, or the store failed)",
          e);
    }
    return Problems.storage(warehouse.rootUri(), "cannot commit run '" + run + "'", e);
  }

  private void delete(Path file) {
    try {
      file.getFileSystem(warehouse.conf()).delete(file, false);
    } catch (IOException e) {
      // Left for Maintenance: unreferenced files of a failed write are swept later.
    }
  }

  /**
   * Abandons an uncommitted write: its files are deleted, the warehouse is unchanged (members
   * already committed by a failed {@link #commit} were reverted there).
   */
  @Override
  public void close() {
    for (TableWriter<?> w : writers.values()) {
      if (!w.closed()) {
        try {
          w.close();
        } catch (RuntimeException e) {
          // Already failing; the file is deleted below.
        }
      }
    }
    if (!committed) {
      for (Path f : uncommitted) {
        delete(f);
      }
    }
    uncommitted.clear();
  }
}
