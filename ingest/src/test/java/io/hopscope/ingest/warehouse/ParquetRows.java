package io.hopscope.ingest.warehouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** Reads every row of a partition directory back with plain parquet-java, for tests. */
public final class ParquetRows {
  private ParquetRows() {}

  public static List<Group> read(String dirUri) throws IOException {
    Configuration conf = new Configuration();
    Path dir = new Path(dirUri);
    FileSystem fs = dir.getFileSystem(conf);
    List<Group> rows = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      if (!st.getPath().getName().endsWith(".parquet")) {
        continue;
      }
      try (ParquetReader<Group> r =
          ParquetReader.builder(new GroupReadSupport(), st.getPath()).withConf(conf).build()) {
        Group g;
        while ((g = r.read()) != null) {
          rows.add(g);
        }
      }
    }
    return rows;
  }
}
