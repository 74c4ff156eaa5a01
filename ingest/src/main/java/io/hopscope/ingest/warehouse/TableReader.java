package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * Reads a run's partition of a table without Spark, streaming rows of the chosen columns: for the
 * small tables (manifest, summaries) and for reading back ids after a commit.
 */
public final class TableReader {
  private TableReader() {}

  /**
   * Calls {@code each} with every row of the run's partition, projected to {@code columns}.
   *
   * @return rows read; 0 when the run has no partition in the table
   */
  public static long forEach(
      Warehouse wh, TableDef<?> table, RunId run, Consumer<Group> each, String... columns) {
    MessageType projection = project(table.schema(), columns);
    Path dir = new Path(wh.partitionUri(table.name(), run));
    Configuration conf = new Configuration(wh.conf());
    conf.set(ReadSupport.PARQUET_READ_SCHEMA, projection.toString());
    long n = 0;
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return 0;
      }
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
      throw Problems.storage(dir, "cannot read " + table.name(), e);
    }
    return n;
  }

  private static MessageType project(MessageType schema, String... columns) {
    if (columns.length == 0) {
      return schema;
    }
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (String c : columns) {
      b.addField(schema.getType(c));
    }
    return b.named(schema.getName());
  }
}
