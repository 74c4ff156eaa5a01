package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * hopscope's first warehouse layout, before Iceberg: one directory per table under the root, one
 * Hive partition {@code run_id=<id>/} per run holding Parquet files without field ids or a {@code
 * run_id} column, swapped into place by renames ({@code _staging/}, {@code _trash/} beside). Found
 * so that it can be converted ({@code hopscope migrate}) and never read by mistake.
 */
public final class LegacyLayout {
  static final String PARTITION_PREFIX = TableDef.RUN_ID + "=";

  private LegacyLayout() {}

  /** The tables of the warehouse still in the old layout, by name. */
  public static List<String> tables(Warehouse wh) {
    Path root = new Path(wh.rootUri());
    List<String> out = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(wh.conf());
      if (!fs.exists(root)) {
        return out;
      }
      for (FileStatus t : fs.listStatus(root)) {
        if (t.isDirectory() && !runs(fs, t.getPath()).isEmpty()) {
          out.add(t.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw Problems.storage(root, "cannot list the warehouse", e);
    }
    out.sort(null);
    return out;
  }

  /** The old-layout partitions of one table, by run. */
  public static List<RunId> runs(Warehouse wh, String table) {
    Path dir = new Path(new Path(wh.rootUri()), table);
    try {
      FileSystem fs = dir.getFileSystem(wh.conf());
      return fs.exists(dir) ? runs(fs, dir) : List.of();
    } catch (IOException e) {
      throw Problems.storage(dir, "cannot list the table", e);
    }
  }

  /** The directory of a run's old-layout partition of a table. */
  public static Path partition(Warehouse wh, String table, RunId run) {
    return new Path(new Path(new Path(wh.rootUri()), table), PARTITION_PREFIX + run.value());
  }

  private static List<RunId> runs(FileSystem fs, Path tableDir) throws IOException {
    List<RunId> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(tableDir)) {
      String name = st.getPath().getName();
      if (st.isDirectory()
          && name.startsWith(PARTITION_PREFIX)
          && RunId.isValid(name.substring(PARTITION_PREFIX.length()))) {
        out.add(new RunId(name.substring(PARTITION_PREFIX.length())));
      }
    }
    out.sort(java.util.Comparator.comparing(RunId::value));
    return out;
  }
}
