package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.ExitCode;
import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One version of a run is committed whole or not at all, concurrent writers of a run serialize or
 * fail cleanly, and readers following the head row never see two versions mixed, even after a write
 * died between its commits.
 */
class RunWriteTest {
  @TempDir Path dir;

  /** A member row: a value tagged with the version that wrote it. */
  record Item(long value, String version) {}

  /** The head row. */
  record Head(String version, String writeId, Map<String, Long> snapshots) {}

  static final TableDef<Item> A = member("a");
  static final TableDef<Item> B = member("b");
  static final TableDef<Head> HEAD =
      new TableDef<>(
          "head",
          Types.buildMessage()
              .required(BINARY)
              .as(stringType())
              .named("version")
              .optional(BINARY)
              .as(stringType())
              .named(TableFamily.WRITE_ID)
              .addField(Columns.longMap(TableFamily.SNAPSHOTS))
              .named("head"),
          (h, row) ->
              row.string("version", h.version())
                  .string(TableFamily.WRITE_ID, h.writeId())
                  .longMap(TableFamily.SNAPSHOTS, h.snapshots()));
  static final TableFamily FAMILY = new TableFamily(HEAD, List.of(A, B));
  static final RunId R = new RunId("r1");

  private static TableDef<Item> member(String name) {
    return new TableDef<>(
        name,
        Types.buildMessage()
            .required(INT64)
            .named("value")
            .required(BINARY)
            .as(stringType())
            .named("version")
            .named(name),
        (i, row) -> row.int64("value", i.value()).string("version", i.version()));
  }

  private Warehouse warehouse() {
    return new Warehouse(dir.resolve("wh").toString(), new Configuration());
  }

  /** Writes {@code rows} rows per member listed, tagged with {@code version}. */
  private static RunWrite start(
      Warehouse wh, RunId run, String version, int rows, TableDef<?>... m) {
    RunWrite w = wh.beginRun(run, FAMILY);
    for (TableDef<?> d : m) {
      @SuppressWarnings("unchecked")
      TableWriter<Item> t = w.open((TableDef<Item>) d);
      for (int i = 0; i < rows; i++) {
        t.write(new Item(i, version));
      }
    }
    return w;
  }

  private static RunWrite.Committed commit(RunWrite w, String version) {
    return w.commit(HEAD, c -> new Head(version, c.writeId(), c.snapshots()));
  }

  private static void write(Warehouse wh, RunId run, String version, int rows, TableDef<?>... m) {
    try (RunWrite w = start(wh, run, version, rows, m)) {
      commit(w, version);
    }
  }

  /** The versions a reader following the head sees in each table, with row counts. */
  private static Map<String, List<String>> seen(Warehouse wh, RunId run) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (TableDef<?> t : List.of(A, B, HEAD)) {
      List<String> versions = new ArrayList<>();
      TableReader.forEach(wh, FAMILY, t, run, r -> versions.add(r.getField("version").toString()));
      out.put(t.name(), versions);
    }
    return out;
  }

  @Test
  void aVersionReplacesThePreviousInEveryTableIncludingTablesItHasNothingFor() {
    Warehouse wh = warehouse();
    write(wh, R, "v1", 3, A, B);
    write(wh, new RunId("other"), "o1", 2, A, B);
    assertThat(seen(wh, R))
        .containsEntry("a", List.of("v1", "v1", "v1"))
        .containsEntry("b", List.of("v1", "v1", "v1"))
        .containsEntry("head", List.of("v1"));

    write(wh, R, "v2", 2, A);

    assertThat(seen(wh, R))
        .containsEntry("a", List.of("v2", "v2"))
        .containsEntry("b", List.of())
        .containsEntry("head", List.of("v2"));
    assertThat(seen(wh, new RunId("other")).get("b")).containsExactly("o1", "o1");
  }

  @Test
  void theHeadRowNamesTheVersionAndTheSnapshotOfEveryMember() {
    Warehouse wh = warehouse();
    RunWrite.Committed c;
    try (RunWrite w = start(wh, R, "v1", 1, A, B)) {
      c = commit(w, "v1");
    }
    List<org.apache.iceberg.data.Record> heads = new ArrayList<>();
    TableReader.forEach(wh, FAMILY, HEAD, R, r -> heads.add(r.copy()));
    assertThat(heads)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.getField(TableFamily.WRITE_ID)).isEqualTo(c.writeId());
              assertThat(h.getField(TableFamily.SNAPSHOTS))
                  .isEqualTo(Map.of("a", c.snapshots().get("a"), "b", c.snapshots().get("b")));
            });
    Table a = wh.find("a").orElseThrow();
    assertThat(a.snapshot(c.snapshots().get("a")).summary())
        .containsEntry(RunWrite.SUMMARY_RUN_ID, "r1")
        .containsEntry(RunWrite.SUMMARY_WRITE_ID, c.writeId());
    assertThat(c.rows()).containsEntry("a", 1L).containsEntry("b", 1L).containsEntry("head", 1L);
    // Each file is committed with where its row groups start, for readers to split it there.
    for (org.apache.iceberg.DataFile f : Snapshots.runFiles(a, c.snapshots().get("a"), "r1")) {
      try (org.apache.parquet.hadoop.ParquetFileReader r =
          org.apache.parquet.hadoop.ParquetFileReader.open(
              org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(f.location()), wh.conf()))) {
        assertThat(f.splitOffsets())
            .isNotEmpty()
            .isEqualTo(r.getFooter().getBlocks().stream().map(b -> b.getStartingPos()).toList());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Thrown by a hook to stop a write as a crash would: no revert, no cleanup. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void aWriteThatDiesBetweenItsCommitsLeavesThePreviousVersionWholeForReaders() {
    Warehouse wh = warehouse();
    write(wh, R, "v1", 3, A, B);
    RunWrite w = start(wh, R, "v2", 5, A, B);
    w.afterMemberCommit(
        t -> {
          if (t.equals("a")) {
            throw new Crash();
          }
        });
    assertThatThrownBy(() -> commit(w, "v2")).isInstanceOf(Crash.class);
    // Table a's current snapshot holds v2, but the head still names v1: readers see v1 everywhere.
    assertThat(wh.find("a").orElseThrow().currentSnapshot().summary())
        .containsEntry(RunWrite.SUMMARY_WRITE_ID, w.writeId());
    assertThat(seen(wh, R))
        .containsEntry("a", List.of("v1", "v1", "v1"))
        .containsEntry("b", List.of("v1", "v1", "v1"))
        .containsEntry("head", List.of("v1"));

    // Other runs keep being written meanwhile; the next write of the run replaces it all.
    write(wh, new RunId("other"), "o1", 1, A, B);
    assertThat(seen(wh, R).get("a")).containsExactly("v1", "v1", "v1");
    write(wh, R, "v3", 1, A, B);
    assertThat(seen(wh, R))
        .containsEntry("a", List.of("v3"))
        .containsEntry("b", List.of("v3"))
        .containsEntry("head", List.of("v3"));
  }

  @Test
  void aRunFirstWrittenByACrashedWriteHasNoVersionAtAll() {
    Warehouse wh = warehouse();
    RunWrite w = start(wh, R, "v1", 2, A, B);
    w.afterMemberCommit(
        t -> {
          throw new Crash();
        });
    assertThatThrownBy(() -> commit(w, "v1")).isInstanceOf(Crash.class);
    assertThat(RunSnapshots.of(wh, FAMILY, R)).isEmpty();
    assertThat(seen(wh, R).values()).allMatch(List::isEmpty);
  }

  @Test
  void twoWritesOfOneRunAtOnceSerializeOrTheLaterFailsCleanly() throws IOException {
    Warehouse wh = warehouse();
    write(wh, R, "v0", 1, A, B);
    RunWrite first = start(wh, R, "first", 2, A, B);
    RunWrite second = start(wh, R, "second", 3, A, B);
    try (first) {
      commit(first, "first");
    }
    try (second) {
      assertThatThrownBy(() -> commit(second, "second"))
          .isInstanceOfSatisfying(
              HopscopeException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.EXTERNAL);
                assertThat(e.getMessage())
                    .contains("run 'r1' was written by another hopscope process");
              });
    }
    assertThat(seen(wh, R))
        .containsEntry("a", List.of("first", "first"))
        .containsEntry("b", List.of("first", "first"))
        .containsEntry("head", List.of("first"));
    // The loser's files are gone; its committed-then-reverted files only in old snapshots.
    assertThat(dataFiles("a")).noneMatch(f -> f.contains(second.writeId()));
    assertThat(dataFiles("b")).noneMatch(f -> f.contains(second.writeId()));
  }

  @Test
  void aWriteThatFailsAfterCommittingSomeMembersRevertsThem() {
    Warehouse wh = warehouse();
    write(wh, R, "v0", 1, A, B);
    RunWrite late = start(wh, R, "late", 2, A, B);
    // After late's commit of a, another writer replaces the run's rows of b (as a write of r1
    // still under way would): late fails at b.
    late.afterMemberCommit(
        t -> {
          if (t.equals("a")) {
            wh.find("b")
                .orElseThrow()
                .newOverwrite()
                .overwriteByRowFilter(
                    org.apache.iceberg.expressions.Expressions.equal(TableDef.RUN_ID, "r1"))
                .set(RunWrite.SUMMARY_RUN_ID, "r1")
                .set(RunWrite.SUMMARY_WRITE_ID, "someone-else")
                .commit();
          }
        });
    try (late) {
      assertThatThrownBy(() -> commit(late, "late")).isInstanceOf(HopscopeException.class);
    }
    // late's a was reverted: the table's current snapshot is back on v0 for the run.
    Table a = wh.find("a").orElseThrow();
    assertThat(a.currentSnapshot().summary())
        .containsEntry(RunWrite.SUMMARY_RUN_ID, "r1")
        .doesNotContainEntry(RunWrite.SUMMARY_WRITE_ID, late.writeId());
    assertThat(seen(wh, R))
        .containsEntry("a", List.of("v0"))
        .containsEntry("b", List.of("v0"))
        .containsEntry("head", List.of("v0"));
  }

  @Test
  void aWriteThatLosesAfterCommittingSomeMembersLeavesTheWinnerWhole() {
    Warehouse wh = warehouse();
    write(wh, R, "v0", 1, A, B);
    RunWrite late = start(wh, R, "late", 2, A, B);
    // "late" commits member a; "early" starts then and commits everything; "late" goes on, meets
    // early's b and fails; its a stays replaced by early's (the revert sees early's commit there).
    late.afterMemberCommit(
        t -> {
          if (t.equals("a")) {
            try (RunWrite early = start(wh, R, "early", 4, A, B)) {
              commit(early, "early");
            }
          }
        });
    try (late) {
      assertThatThrownBy(() -> commit(late, "late")).isInstanceOf(HopscopeException.class);
    }
    assertThat(seen(wh, R))
        .containsEntry("a", List.of("early", "early", "early", "early"))
        .containsEntry("head", List.of("early"));
  }

  @Test
  void commitsOfOtherRunsAtOnceAllLand() throws Exception {
    Warehouse wh = warehouse();
    write(wh, R, "v0", 1, A, B);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 6; i++) {
      RunId run = new RunId("run-" + i);
      Thread t =
          new Thread(
              () -> {
                try {
                  write(
                      new Warehouse(dir.resolve("wh").toString(), new Configuration()),
                      run,
                      run.value(),
                      2,
                      A,
                      B);
                } catch (Throwable e) {
                  errors.add(e);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
    assertThat(RunSnapshots.runs(wh, FAMILY)).hasSize(7);
    for (int i = 0; i < 6; i++) {
      assertThat(seen(wh, new RunId("run-" + i)).get("b")).containsExactly("run-" + i, "run-" + i);
    }
  }

  @Test
  void oldSnapshotsExpireAndTheirFilesGoButAVersionStillNeededIsKept() throws IOException {
    Warehouse wh = warehouse();
    write(wh, R, "v1", 3, A, B);
    for (String t : List.of("a", "b", "head")) {
      wh.find(t)
          .orElseThrow()
          .updateProperties()
          .set(TableProperties.MAX_SNAPSHOT_AGE_MS, "1")
          .commit();
    }
    List<String> v1Files = dataFiles("a");
    // A crashed v2 leaves table a's current snapshot on v2: the snapshot holding v1 must stay.
    RunWrite crashed = start(wh, R, "v2", 5, A, B);
    crashed.afterMemberCommit(
        t -> {
          throw new Crash();
        });
    assertThatThrownBy(() -> commit(crashed, "v2")).isInstanceOf(Crash.class);
    write(wh, new RunId("other"), "o1", 1, A, B); // a commit, and with it the expiry
    assertThat(seen(wh, R).get("a")).containsExactly("v1", "v1", "v1");
    assertThat(dataFiles("a")).containsAll(v1Files);

    write(wh, R, "v3", 1, A, B);
    write(wh, new RunId("other"), "o2", 1, A, B);
    assertThat(seen(wh, R).get("a")).containsExactly("v3");
    assertThat(dataFiles("a")).doesNotContainAnyElementsOf(v1Files);
    assertThat(wh.find("a").orElseThrow().snapshots()).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void filesOfAWriteKilledBeforeItCommittedAreSweptOnceOld() throws IOException {
    Warehouse wh = warehouse();
    write(wh, R, "v1", 3, A, B);
    Path partition = dir.resolve("wh/a/data/run_id=r1");
    Path orphan = partition.resolve("00000000-dead.parquet");
    Files.writeString(orphan, "half a file");
    Path young = partition.resolve("00000000-young.parquet");
    Files.writeString(young, "a writer still at work");
    Files.setLastModifiedTime(
        orphan,
        FileTime.fromMillis(System.currentTimeMillis() - 2 * TableSettings.SNAPSHOT_MAX_AGE_MS));
    List<String> live = dataFiles("a");
    for (Path f : list(partition)) {
      Files.setLastModifiedTime(
          f,
          FileTime.fromMillis(System.currentTimeMillis() - 2 * TableSettings.SNAPSHOT_MAX_AGE_MS));
    }
    Files.setLastModifiedTime(young, FileTime.fromMillis(System.currentTimeMillis()));

    write(wh, R, "v2", 1, A, B);

    assertThat(orphan).doesNotExist();
    assertThat(young).exists();
    assertThat(seen(wh, R).get("a")).containsExactly("v2");
    assertThat(live).isNotEmpty();
  }

  @Test
  void anAbandonedWriteLeavesNoFiles() throws IOException {
    Warehouse wh = warehouse();
    write(wh, R, "v1", 1, A, B);
    List<String> before = dataFiles("a");
    try (RunWrite w = start(wh, R, "v2", 10, A, B)) {
      assertThat(dataFiles("a")).hasSize(before.size() + 1);
      assertThat(w.run()).isEqualTo(R);
    }
    assertThat(dataFiles("a")).isEqualTo(before);
    assertThat(seen(wh, R).get("a")).containsExactly("v1");
  }

  private List<String> dataFiles(String table) throws IOException {
    Path data = dir.resolve("wh").resolve(table).resolve("data");
    if (!Files.exists(data)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(data)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).map(Path::toString).sorted().toList();
    }
  }

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }
}
