package io.hopscope.ingest.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.hadoop.HadoopInputFile;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics hopscope takes from its own footer agree with Iceberg's own reading of the file. */
class FooterMetricsTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void agreeWithIcebergsParquetUtilOverEveryColumnShape() throws IOException {
    Schema iceberg = IcebergSchemas.toIceberg(TableWriterTest.THINGS.schema());
    MessageType schema = IcebergSchemas.withIds(TableWriterTest.THINGS.schema(), iceberg);
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(dir.resolve("t.parquet").toUri());
    Configuration conf = new Configuration();
    try (TableWriter<TableWriterTest.Thing> w =
        new TableWriter<>(TableWriterTest.THINGS, schema, "run-1", file, conf, 8 * 1024)) {
      for (int i = 0; i < 3000; i++) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (i % 3 == 0) {
          tags.put("k" + i % 7, i % 2 == 0 ? null : "v");
        }
        w.write(
            new TableWriterTest.Thing(
                i * 7L - 5000,
                i % 5 == 0 ? null : "name-" + (char) ('a' + i % 26) + "-a-rather-long-text-" + i,
                i % 4 == 0 ? Double.NaN : i / 3.0,
                i % 6 == 0 ? null : i % 100,
                i % 9 == 0 ? null : i % 2 == 0,
                i % 11 == 0 ? null : tags,
                i));
      }
    }
    Metrics ours;
    try (ParquetFileReader r =
        ParquetFileReader.open(
            org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(file, conf))) {
      assertThat(r.getFooter().getBlocks()).hasSizeGreaterThan(1);
      ours = FooterMetrics.of(r.getFooter(), schema, iceberg);
    }
    Metrics theirs =
        ParquetUtil.fileMetrics(HadoopInputFile.fromPath(file, conf), MetricsConfig.getDefault());

    assertThat(ours.recordCount()).isEqualTo(3000L).isEqualTo(theirs.recordCount());
    assertThat(ours.columnSizes()).isEqualTo(theirs.columnSizes());
    assertThat(ours.valueCounts()).isEqualTo(theirs.valueCounts());
    for (NestedField f : iceberg.columns()) {
      int id = f.fieldId();
      if (f.type().isPrimitiveType()) {
        assertThat(ours.nullValueCounts().get(id))
            .as(f.name())
            .isEqualTo(theirs.nullValueCounts().get(id));
      }
      if (f.type().isPrimitiveType()
          && f.type().typeId() != org.apache.iceberg.types.Type.TypeID.DOUBLE) {
        assertThat(ours.lowerBounds().get(id))
            .as("lower " + f.name())
            .isEqualTo(theirs.lowerBounds().get(id));
        assertThat(ours.upperBounds().get(id))
            .as("upper " + f.name())
            .isEqualTo(theirs.upperBounds().get(id));
      }
    }
    assertThat(ours.lowerBounds()).containsKey(iceberg.findField("id").fieldId());
    assertThat(ours.upperBounds()).containsKey(iceberg.findField("name").fieldId());
  }
}
