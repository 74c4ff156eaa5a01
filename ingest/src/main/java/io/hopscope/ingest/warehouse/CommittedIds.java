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
 * Reads back, from the committed partitions, the done-stream ids of a run's rows: every job's
 * {@code stream_id} and the location of every reject from a given source. What is deleted from a
 * stream after ingest comes from here, so only committed rows are ever deleted.
 */
public final class CommittedIds {
  private CommittedIds() {}

  /** Calls {@code each} with every committed id of the run; returns how many. */
  public static long forEach(Warehouse wh, RunId run, String rejectSource, Consumer<String> each) {
    long n = 0;
    n +=
        read(
            wh,
            JobsTable.NAME,
            run,
            project(JobsTable.SCHEMA, JobsTable.STREAM_ID),
            g -> {
              each.accept(g.getString(JobsTable.STREAM_ID, 0));
              return true;
            });
    n +=
        read(
            wh,
            RejectsTable.NAME,
            run,
            project(RejectsTable.SCHEMA, RejectsTable.SOURCE, RejectsTable.LOCATION),
            g -> {
              if (!rejectSource.equals(g.getString(RejectsTable.SOURCE, 0))) {
                return false;
              }
              each.accept(g.getString(RejectsTable.LOCATION, 0));
              return true;
            });
    return n;
  }

  private static MessageType project(MessageType schema, String... columns) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (String c : columns) {
      b.addField(schema.getType(c));
    }
    return b.named(schema.getName());
  }

  private interface RowTest {
    boolean accept(Group g);
  }

  private static long read(
      Warehouse wh, String table, RunId run, MessageType projection, RowTest each) {
    Path dir = new Path(wh.partitionUri(table, run));
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
            if (each.accept(g)) {
              n++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw Problems.storage(dir, "cannot read back the committed rows", e);
    }
    return n;
  }
}
