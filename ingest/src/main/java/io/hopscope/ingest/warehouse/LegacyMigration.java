package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Converts a warehouse from hopscope's first layout ({@link LegacyLayout}) to Iceberg tables: each
 * run's old partitions are read and written again as one committed version (the same commit as an
 * ingest, so the run is whole or absent), the row counts are checked, and only then are the old
 * partitions deleted. Safe to stop and run again: runs already converted have no old partitions
 * left; a run converted but not yet deleted is converted again, replacing itself.
 */
public final class LegacyMigration {
  private LegacyMigration() {}

  /** What happened to one run of one family. */
  public record Outcome(String family, RunId run, Map<String, Long> rows, String skipped) {}

  /**
   * Converts every run of every family found in the old layout.
   *
   * @param progress told about each run as it is done
   */
  public static List<Outcome> migrate(
      Warehouse wh, List<TableFamily> families, Consumer<Outcome> progress) {
    List<Outcome> out = new ArrayList<>();
    for (TableFamily f : families) {
      TreeSet<String> runs = new TreeSet<>();
      for (TableDef<?> t : tables(f)) {
        LegacyLayout.runs(wh, t.name()).forEach(r -> runs.add(r.value()));
      }
      for (String r : runs) {
        Outcome o = migrate(wh, f, new RunId(r));
        out.add(o);
        progress.accept(o);
      }
    }
    deleteStaging(wh);
    return out;
  }

  private static List<TableDef<?>> tables(TableFamily f) {
    List<TableDef<?>> all = new ArrayList<>(f.members());
    all.add(f.head());
    return all;
  }

  private static Outcome migrate(Warehouse wh, TableFamily family, RunId run) {
    String name = family.head().name();
    Path headDir = LegacyLayout.partition(wh, name, run);
    List<Group> head = read(wh.conf(), headDir);
    if (head.size() != 1) {
      return new Outcome(
          name,
          run,
          Map.of(),
          "its "
              + name
              + " partition holds "
              + head.size()
              + " rows, not 1 (a write of the old layout that never finished); left as it was");
    }
    Map<String, Long> expected = new LinkedHashMap<>();
    RunWrite.Committed c;
    try (RunWrite w = wh.beginRun(run, family)) {
      for (TableDef<?> m : family.members()) {
        Path dir = LegacyLayout.partition(wh, m.name(), run);
        if (!exists(wh.conf(), dir)) {
          continue;
        }
        TableWriter<Group> tw = w.open(m.withWriter(LegacyMigration::copy));
        long n = forEach(wh.conf(), dir, tw::write);
        expected.put(m.name(), n);
      }
      TableDef<HeadCopy> headDef = family.head().withWriter(LegacyMigration::copyHead);
      c = w.commit(headDef, k -> new HeadCopy(head.get(0), k.writeId(), k.snapshots()));
    }
    expected.put(name, 1L);
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      long got = c.rows().getOrDefault(e.getKey(), 0L);
      if (got != e.getValue()) {
        throw Problems.storage(
            wh.rootUri(),
            "converting run '"
                + run
                + "': "
                + e.getKey()
                + " had "
                + e.getValue()
                + " rows but "
                + got
                + " were committed; the old partitions are kept",
            null);
      }
    }
    for (TableDef<?> t : tables(family)) {
      delete(wh.conf(), LegacyLayout.partition(wh, t.name(), run));
    }
    return new Outcome(name, run, c.rows(), null);
  }

  /**
   * Columns the Iceberg layout added: {@code run_id} (a Hive partition before) and the links
   * between versions ({@code *write_id}, {@code snapshots}), which a conversion makes anew.
   */
  private static boolean addedSince01(String column) {
    return TableDef.RUN_ID.equals(column)
        || column.endsWith(TableFamily.WRITE_ID)
        || TableFamily.SNAPSHOTS.equals(column);
  }

  /** The old head row with the columns the new head adds. */
  record HeadCopy(Group legacy, String writeId, Map<String, Long> snapshots) {}

  private static void copyHead(HeadCopy h, Row row) {
    copy(h.legacy(), row);
    row.string(TableFamily.WRITE_ID, h.writeId()).longMap(TableFamily.SNAPSHOTS, h.snapshots());
  }

  /**
   * Copies every field the old row has and the new table still declares, except links to versions
   * ({@code *write_id}, {@code snapshots}): the conversion makes new versions, so old links would
   * point nowhere.
   */
  static void copy(Group g, Row row) {
    GroupType type = g.getType();
    for (Type f : type.getFields()) {
      String name = f.getName();
      if (addedSince01(name) || g.getFieldRepetitionCount(name) == 0) {
        continue;
      }
      if (f.isPrimitive()) {
        switch (f.asPrimitiveType().getPrimitiveTypeName()) {
          case BINARY -> row.string(name, g.getString(name, 0));
          case INT64 -> row.int64(name, g.getLong(name, 0));
          case INT32 -> row.int32(name, g.getInteger(name, 0));
          case DOUBLE -> row.float64Required(name, g.getDouble(name, 0));
          case BOOLEAN -> row.bool(name, g.getBoolean(name, 0));
          default -> throw new IllegalArgumentException("unsupported old column " + f);
        }
        continue;
      }
      Group map = g.getGroup(name, 0);
      int n = map.getFieldRepetitionCount(0);
      GroupType kv = f.asGroupType().getType(0).asGroupType();
      boolean longs =
          kv.getType(1).asPrimitiveType().getPrimitiveTypeName()
              == PrimitiveType.PrimitiveTypeName.INT64;
      Map<String, String> strings = new LinkedHashMap<>();
      Map<String, Long> numbers = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        Group e = map.getGroup(0, i);
        String k = e.getString(0, 0);
        boolean present = e.getFieldRepetitionCount(1) > 0;
        if (longs) {
          numbers.put(k, present ? e.getLong(1, 0) : null);
        } else {
          strings.put(k, present ? e.getString(1, 0) : null);
        }
      }
      if (longs) {
        row.longMap(name, numbers);
      } else {
        row.stringMap(name, strings);
      }
    }
  }

  private static List<Group> read(Configuration conf, Path dir) {
    List<Group> out = new ArrayList<>();
    if (exists(conf, dir)) {
      forEach(conf, dir, out::add);
    }
    return out;
  }

  private static long forEach(Configuration conf, Path dir, Consumer<Group> each) {
    long n = 0;
    try {
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus st : fs.listStatus(dir)) {
        if (!st.getPath().getName().endsWith(".parquet")) {
          continue;
        }
        try (ParquetReader<Group> r =
            ParquetReader.builder(new GroupReadSupport(), st.getPath()).withConf(conf).build()) {
          Group g;
          while ((g = r.read()) != null) {
            each.accept(g);
            n++;
          }
        }
      }
    } catch (IOException e) {
      throw Problems.storage(dir, "cannot read the old partition", e);
    }
    return n;
  }

  private static boolean exists(Configuration conf, Path p) {
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw Problems.storage(p, "cannot read the warehouse", e);
    }
  }

  private static void delete(Configuration conf, Path p) {
    try {
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      throw Problems.storage(p, "cannot delete the converted old partition", e);
    }
  }

  /** The old layout's staging area held only uncommitted files. */
  private static void deleteStaging(Warehouse wh) {
    delete(wh.conf(), new Path(new Path(wh.rootUri()), "_staging"));
  }

  /** The old layout's file schema of a table: the new one without the columns it added. */
  public static MessageType legacySchema(TableDef<?> t) {
    List<Type> fields = new ArrayList<>();
    for (Type f : t.schema().getFields()) {
      if (!addedSince01(f.getName())) {
        fields.add(f);
      }
    }
    return new MessageType(t.schema().getName(), fields);
  }
}
