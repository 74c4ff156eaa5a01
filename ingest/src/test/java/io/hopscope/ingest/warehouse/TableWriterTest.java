package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.ingest.jobs.JobBatch;
import io.hopscope.ingest.jobs.Reject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table writer puts rows straight into Parquet's column writers, so it writes the definition
 * and repetition levels itself: these tests read its files back with parquet-java's own reader.
 */
class TableWriterTest {
  @TempDir java.nio.file.Path dir;

  /** One row of the test table; null fields are left out of the row. */
  record Thing(
      long id,
      String name,
      double score,
      Integer count,
      Boolean flag,
      Map<String, String> tags,
      double required) {}

  static final MessageType SCHEMA =
      Types.buildMessage()
          .required(INT64)
          .named("id")
          .optional(BINARY)
          .as(stringType())
          .named("name")
          .optional(DOUBLE)
          .named("score")
          .optional(INT32)
          .named("count")
          .addField(Columns.stringMap("tags"))
          .optional(BOOLEAN)
          .named("flag")
          .required(DOUBLE)
          .named("required")
          .named("things");

  static final TableDef<Thing> THINGS =
      new TableDef<>(
          "things",
          SCHEMA,
          (t, row) -> {
            row.int64("id", t.id())
                .string("name", t.name())
                .float64("score", t.score())
                .int32("count", t.count())
                .stringMap("tags", t.tags());
            if (t.flag() != null) {
              row.bool("flag", t.flag());
            }
            row.float64Required("required", t.required());
          });

  /** Every row of the Parquet files in a directory, read with plain parquet-java. */
  static List<Group> rawRows(String dirUri) throws IOException {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(dirUri);
    org.apache.hadoop.fs.FileSystem fs = d.getFileSystem(conf);
    List<Group> rows = new ArrayList<>();
    for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(d)) {
      if (!st.getPath().getName().endsWith(".parquet")) {
        continue;
      }
      try (org.apache.parquet.hadoop.ParquetReader<Group> r =
          org.apache.parquet.hadoop.ParquetReader.builder(
                  new org.apache.parquet.hadoop.example.GroupReadSupport(), st.getPath())
              .withConf(conf)
              .build()) {
        Group g;
        while ((g = r.read()) != null) {
          rows.add(g);
        }
      }
    }
    return rows;
  }

  private org.apache.hadoop.fs.Path file(String name) {
    return new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
  }

  @Test
  void everyColumnShapeReadsBackAsWritten() throws IOException {
    Map<String, String> withNullValue = new LinkedHashMap<>();
    withNullValue.put("a", "1");
    withNullValue.put("b", null);
    withNullValue.put("c", "x&y=z");
    List<Thing> things =
        List.of(
            new Thing(1, "one", 0.5, 7, true, Map.of("k", "v"), Double.NaN),
            new Thing(2, null, Double.NaN, null, null, null, Double.POSITIVE_INFINITY),
            new Thing(3, "", -0.0, 0, false, Map.of(), 1e300),
            new Thing(4, "drei ü <b>", 1e-9, -1, null, withNullValue, -2.5));
    try (TableWriter<Thing> w =
        new TableWriter<>(THINGS, THINGS.schema(), "r1", file("t.parquet"), new Configuration())) {
      things.forEach(w::write);
      assertThat(w.rows()).isEqualTo(4);
    }
    List<Group> rows = rawRows(dir.toUri().toString());
    assertThat(rows).hasSize(4);

    Group r1 = rows.get(0);
    assertThat(r1.getLong("id", 0)).isEqualTo(1);
    assertThat(r1.getString("name", 0)).isEqualTo("one");
    assertThat(r1.getDouble("score", 0)).isEqualTo(0.5);
    assertThat(r1.getInteger("count", 0)).isEqualTo(7);
    assertThat(r1.getBoolean("flag", 0)).isTrue();
    assertThat(tags(r1)).containsExactly(Map.entry("k", "v"));
    assertThat(r1.getDouble("required", 0)).isNaN();

    Group r2 = rows.get(1);
    assertThat(r2.getLong("id", 0)).isEqualTo(2);
    for (String empty : List.of("name", "score", "count", "flag", "tags")) {
      assertThat(r2.getFieldRepetitionCount(empty)).as(empty).isZero();
    }
    assertThat(r2.getDouble("required", 0)).isEqualTo(Double.POSITIVE_INFINITY);

    Group r3 = rows.get(2);
    assertThat(r3.getString("name", 0)).isEmpty();
    assertThat(Double.doubleToRawLongBits(r3.getDouble("score", 0)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(r3.getBoolean("flag", 0)).isFalse();
    // An empty map is a present map with no entries, not a null one.
    assertThat(r3.getFieldRepetitionCount("tags")).isEqualTo(1);
    assertThat(tags(r3)).isEmpty();

    Group r4 = rows.get(3);
    assertThat(r4.getString("name", 0)).isEqualTo("drei ü <b>");
    assertThat(tags(r4)).containsExactlyEntriesOf(withNullValue);
  }

  @Test
  void aRepeatKeyIsCountedIntoTheFooterAndOnlyWithOne() throws IOException {
    // ids 0..999 with 10 repeated twice and 20 three times.
    List<Thing> things = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      things.add(new Thing(i, null, 0, null, null, null, 0));
    }
    things.add(new Thing(10, null, 0, null, null, null, 0));
    things.add(new Thing(20, null, 0, null, null, null, 0));
    things.add(new Thing(20, null, 0, null, null, null, 0));
    TableDef<Thing> keyed = THINGS.withRepeatKey("id");
    try (TableWriter<Thing> w =
        new TableWriter<>(keyed, keyed.schema(), "r1", file("k.parquet"), new Configuration())) {
      things.forEach(w::write);
    }
    try (TableWriter<Thing> w =
        new TableWriter<>(THINGS, THINGS.schema(), "r1", file("u.parquet"), new Configuration())) {
      things.forEach(w::write);
    }
    assertThat(keyValues(dir.resolve("k.parquet")))
        .containsEntry(KeyRepeats.FOOTER_KEY, "id:keys=1003,repeated=2,extra=3,most=3")
        .containsEntry("hopscope.table", "things");
    assertThat(keyValues(dir.resolve("u.parquet"))).doesNotContainKey(KeyRepeats.FOOTER_KEY);
    // Another binding of the table may not give the key for every row: it counts nothing.
    assertThat(keyed.withWriter((Thing t, Row row) -> {}).repeatKey()).isNull();
    assertThatThrownBy(() -> THINGS.withRepeatKey("name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, String> keyValues(java.nio.file.Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      return r.getFooter().getFileMetaData().getKeyValueMetaData();
    }
  }

  /** A MAP column back as a map, in file order; a missing value reads back as null. */
  private static Map<String, String> tags(Group row) {
    Map<String, String> out = new LinkedHashMap<>();
    Group map = row.getGroup("tags", 0);
    for (int i = 0; i < map.getFieldRepetitionCount("key_value"); i++) {
      Group kv = map.getGroup("key_value", i);
      out.put(
          kv.getString("key", 0),
          kv.getFieldRepetitionCount("value") == 0 ? null : kv.getString("value", 0));
    }
    return out;
  }

  @Test
  void manyRowGroupsKeepEveryRowInOrder() throws IOException {
    int n = 30_000;
    try (TableWriter<Thing> w =
        new TableWriter<>(
            THINGS, THINGS.schema(), "r1", file("t.parquet"), new Configuration(), 64 * 1024)) {
      for (int i = 0; i < n; i++) {
        w.write(
            new Thing(
                i,
                i % 3 == 0 ? null : "n" + i,
                i % 5 == 0 ? Double.NaN : i / 10.0,
                i % 7 == 0 ? null : i,
                i % 2 == 0,
                i % 11 == 0 ? null : Map.of("i", Integer.toString(i)),
                i));
      }
    }
    assertThat(footer(dir.resolve("t.parquet")).size()).isGreaterThan(3);
    List<Group> rows = rawRows(dir.toUri().toString());
    assertThat(rows).hasSize(n);
    for (int i = 0; i < n; i++) {
      Group g = rows.get(i);
      assertThat(g.getLong("id", 0)).isEqualTo(i);
      assertThat(g.getFieldRepetitionCount("name")).isEqualTo(i % 3 == 0 ? 0 : 1);
      assertThat(g.getFieldRepetitionCount("score")).isEqualTo(i % 5 == 0 ? 0 : 1);
      assertThat(g.getFieldRepetitionCount("count")).isEqualTo(i % 7 == 0 ? 0 : 1);
      assertThat(g.getFieldRepetitionCount("tags")).isEqualTo(i % 11 == 0 ? 0 : 1);
      if (i % 11 != 0) {
        assertThat(tags(g)).containsExactly(Map.entry("i", Integer.toString(i)));
      }
    }
  }

  /**
   * Parquet's default values-writer factory is one static instance re-pointed at the properties
   * built last: a jobs file opened before the rejects file used to write its later row groups with
   * the rejects table's settings (dictionary encoding, id statistics).
   */
  @Test
  void eachFileKeepsItsOwnEncodingSettingsInEveryRowGroup() throws IOException {
    Configuration conf = new Configuration();
    JobBatch batch = new JobBatch();
    try (TableWriter<JobBatch.Cursor> jobs =
            new TableWriter<>(
                io.hopscope.ingest.jobs.JobRows.JOBS,
                JobsTable.TABLE.schema(),
                "r1",
                file("jobs.parquet"),
                conf,
                32 * 1024);
        TableWriter<Reject> rejects =
            new TableWriter<>(
                io.hopscope.ingest.jobs.JobRows.REJECTS,
                RejectsTable.TABLE.schema(),
                "r1",
                file("rejects.parquet"),
                conf)) {
      for (int i = 0; i < 200; i++) {
        rejects.write(new Reject("valkey", "1-" + i, "clock skew", "raw"));
      }
      long t = 1_700_000_000_000_000_000L;
      for (int i = 0; i < 60_000; i++) {
        byte[] text = ("1700000000000-" + i + "corr-" + (i % 10)).getBytes(StandardCharsets.UTF_8);
        int idLen = text.length - ("corr-" + (i % 10)).length();
        batch.add(
            "r",
            text,
            0,
            idLen,
            idLen,
            text.length - idLen,
            0,
            -1,
            t + i,
            t + i + 5,
            t + i + 9,
            (i % 4) / 2.0);
      }
      JobBatch.Cursor c = batch.cursor();
      for (int i = 0; i < batch.size(); i++) {
        jobs.write(c.at(i));
      }
    }
    List<BlockMetaData> blocks = footer(dir.resolve("jobs.parquet"));
    assertThat(blocks.size()).isGreaterThan(2);
    Set<Encoding> dictionaries = Set.of(Encoding.RLE_DICTIONARY, dictionaryPageEncodingOfV1());
    for (BlockMetaData b : blocks) {
      for (ColumnChunkMetaData col : b.getColumns()) {
        if (col.getPath().toDotString().equals(TableDef.RUN_ID)) {
          // One value per file: a dictionary of one entry, every row a run of it.
          assertThat(col.getEncodings()).contains(Encoding.RLE_DICTIONARY);
          continue;
        }
        assertThat(col.getEncodings())
            .as("row group at %d, column %s", b.getStartingPos(), col.getPath())
            .doesNotContainAnyElementsOf(dictionaries);
        if (col.getPrimitiveType().getPrimitiveTypeName()
            == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY) {
          assertThat(col.getStatistics().hasNonNullValue())
              .as("min/max of %s", col.getPath())
              .isFalse();
          // Unique text is length-prefixed, not prefix-shared.
          assertThat(col.getEncodings())
              .as("%s", col.getPath())
              .contains(Encoding.DELTA_LENGTH_BYTE_ARRAY);
        }
      }
    }
    // The rejects file repeats its text, so it keeps Parquet's dictionary.
    assertThat(footer(dir.resolve("rejects.parquet")).get(0).getColumns().get(0).getEncodings())
        .containsAnyElementsOf(dictionaries);
  }

  @Test
  void aRowWithoutARequiredColumnFailsTheFileInsteadOfCorruptingIt() throws IOException {
    TableDef<Long> noRequired =
        new TableDef<>("things", SCHEMA, (v, row) -> row.int64("id", v).string("name", "x"));
    java.nio.file.Path f = dir.resolve("bad.parquet");
    TableWriter<Long> w =
        new TableWriter<>(
            noRequired, noRequired.schema(), "r1", file("bad.parquet"), new Configuration());
    assertThatThrownBy(() -> w.write(1L))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("required column required");
    assertThatThrownBy(() -> w.write(2L)).isInstanceOf(IllegalStateException.class);
    w.close();
    // No footer was written: no reader can take the half-written file for a complete one.
    assertThatThrownBy(() -> footer(f)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void aColumnGivenTwiceInOneRowIsAnError() {
    TableDef<Long> twice =
        new TableDef<>("things", SCHEMA, (v, row) -> row.int64("id", v).int64("id", v));
    TableWriter<Long> w =
        new TableWriter<>(twice, twice.schema(), "r1", file("twice.parquet"), new Configuration());
    assertThatThrownBy(() -> w.write(1L))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("written twice");
    w.close();
  }

  /** PLAIN_DICTIONARY, deprecated in the API but still what dictionary pages are tagged with. */
  @SuppressWarnings("deprecation")
  private static Encoding dictionaryPageEncodingOfV1() {
    return Encoding.PLAIN_DICTIONARY;
  }

  private static List<BlockMetaData> footer(java.nio.file.Path f) {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
      return new ArrayList<>(r.getFooter().getBlocks());
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
