package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The Parquet warehouse: one directory per table under a root (any Hadoop path: a local directory,
 * {@code s3a://}, {@code hdfs://}), one Hive partition {@code run_id=<id>/} per run.
 */
public final class Warehouse {
  static final String STAGING = "_staging";
  static final String TRASH = "_trash";

  private final Path root;
  private final Configuration conf;

  public Warehouse(String rootUri, Configuration conf) {
    Objects.requireNonNull(rootUri);
    this.conf = Objects.requireNonNull(conf);
    Path p = new Path(rootUri);
    try {
      FileSystem fs = p.getFileSystem(conf);
      this.root = fs.makeQualified(p);
    } catch (IOException | IllegalArgumentException e) {
      throw Problems.storage(rootUri, "cannot open warehouse", e);
    }
  }

  /** The qualified root URI, e.g. {@code file:/home/me/warehouse}. */
  public String rootUri() {
    return root.toString();
  }

  public Configuration conf() {
    return conf;
  }

  /** The directory of a table, holding one partition per run. */
  public String tableUri(String table) {
    return new Path(root, table).toString();
  }

  /** The partition directory of one run in one table. */
  public String partitionUri(String table, RunId run) {
    return partition(table, run).toString();
  }

  /** True when the run has a partition in the table. */
  public boolean hasPartition(String table, RunId run) {
    Path p = partition(table, run);
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw Problems.storage(p, "cannot read warehouse", e);
    }
  }

  /**
   * Starts writing the tables of one run aside; nothing is visible until {@link RunWrite#commit}.
   */
  public RunWrite beginRun(RunId run) {
    return new RunWrite(this, run);
  }

  /** The runs that have a partition in a table, sorted by id. */
  public List<RunId> runs(String table) {
    Path dir = new Path(root, table);
    List<RunId> out = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return out;
      }
      String prefix = TableDef.RUN_ID + "=";
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory()
            && name.startsWith(prefix)
            && RunId.isValid(name.substring(prefix.length()))) {
          out.add(new RunId(name.substring(prefix.length())));
        }
      }
    } catch (IOException e) {
      throw Problems.storage(dir, "cannot list runs", e);
    }
    out.sort(Comparator.comparing(RunId::value));
    return out;
  }

  Path root() {
    return root;
  }

  Path partition(String table, RunId run) {
    return new Path(new Path(root, table), TableDef.RUN_ID + "=" + run.value());
  }

  FileSystem fs() {
    try {
      return root.getFileSystem(conf);
    } catch (IOException e) {
      throw Problems.storage(root, "cannot open warehouse", e);
    }
  }
}
