package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.analytics.spark.WarehouseViews;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.LegacyMigration;
import io.hopscope.ingest.warehouse.RunSnapshots;
import io.hopscope.ingest.warehouse.TableDef;
import io.hopscope.ingest.warehouse.TableFamily;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.data.Record;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse in hopscope 0.1's layout (Parquet folders per run, no Iceberg) is refused by every
 * command until {@code hopscope migrate} converts it; after that, every run reads as before.
 */
class MigrateIT {
  @TempDir static Path dir;
  static Path iceberg;
  static Path legacy;

  @BeforeAll
  static void analyzeTheSamplesThenWriteThemInTheOldLayout() throws IOException {
    iceberg = dir.resolve("wh");
    for (String run : new String[] {"capacity-ramp-sim", "k6-only-sim"}) {
      Path sample = TestPaths.sampleData().resolve(run);
      String source =
          run.startsWith("k6")
              ? "--k6=" + sample.resolve("k6-results.json.gz")
              : "--done-file=" + sample.resolve("done-stream.ndjson.gz");
      CliRunner.Result r =
          CliRunner.run(
              "analyze",
              "--run-id",
              run,
              "--spec",
              sample.resolve("run.yaml").toString(),
              source,
              "--warehouse",
              iceberg.toString(),
              "--out",
              dir.resolve("out-" + run).toString());
      assertThat(r.code()).as(r.err()).isIn(0, 1);
    }
    legacy = dir.resolve("legacy");
    writeLegacy(new Warehouse(iceberg.toString(), new Configuration()), legacy);
    Files.createDirectories(legacy.resolve("_staging/capacity-ramp-sim-1234/jobs"));
  }

  /** Writes every committed run of a warehouse as hopscope 0.1 did: one folder per partition. */
  static void writeLegacy(Warehouse wh, Path root) throws IOException {
    for (TableFamily f : WarehouseViews.FAMILIES) {
      for (RunSnapshots v : RunSnapshots.all(wh, f)) {
        for (TableDef<?> t : WarehouseViews.TABLES) {
          if (!f.contains(t.name())) {
            continue;
          }
          MessageType schema = LegacyMigration.legacySchema(t);
          SimpleGroupFactory groups = new SimpleGroupFactory(schema);
          Path file =
              root.resolve(t.name()).resolve("run_id=" + v.run()).resolve("part-00000.parquet");
          try (ParquetWriter<Group> w =
              ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                  .withType(schema)
                  .build()) {
            TableReader.forEach(
                wh,
                v,
                t,
                r -> {
                  try {
                    w.write(group(groups.newGroup(), schema, r));
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
          }
        }
      }
    }
  }

  private static Group group(Group g, MessageType schema, Record r) {
    for (Type f : schema.getFields()) {
      Object v = r.getField(f.getName());
      if (v == null) {
        continue;
      }
      if (!f.isPrimitive()) {
        Group map = g.addGroup(f.getName());
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          Group kv = map.addGroup(0);
          kv.append("key", e.getKey().toString());
          if (e.getValue() != null) {
            kv.append("value", e.getValue().toString());
          }
        }
        continue;
      }
      switch (f.asPrimitiveType().getPrimitiveTypeName()) {
        case BINARY -> g.append(f.getName(), v.toString());
        case INT64 -> g.append(f.getName(), (Long) v);
        case INT32 -> g.append(f.getName(), (Integer) v);
        case DOUBLE -> g.append(f.getName(), (Double) v);
        case BOOLEAN -> g.append(f.getName(), (Boolean) v);
        default -> throw new IllegalArgumentException(f.toString());
      }
    }
    return g;
  }

  private static String count(Path warehouse, String table) {
    CliRunner.Result q =
        CliRunner.run(
            "query",
            "select run_id, count(*) as n from " + table + " group by run_id order by run_id",
            "--format",
            "csv",
            "--warehouse",
            warehouse.toString());
    assertThat(q.code()).as(q.err()).isZero();
    return q.out();
  }

  @Test
  void theOldLayoutIsRefusedThenConvertedAndReadsAsBefore() throws IOException {
    CliRunner.Result refused =
        CliRunner.run(
            "report",
            "--run-id",
            "capacity-ramp-sim",
            "--warehouse",
            legacy.toString(),
            "--out",
            dir.resolve("refused").toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("earlier Parquet layout")
        .contains("hopscope migrate --warehouse " + legacy);

    CliRunner.Result m = CliRunner.run("migrate", "--warehouse", legacy.toString());
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(m.out()).contains("4 run versions converted, 0 skipped");
    try (Stream<Path> s = Files.walk(legacy)) {
      assertThat(s.map(p -> legacy.relativize(p).toString()))
          .noneMatch(p -> p.startsWith("_staging"))
          .noneMatch(p -> p.matches("[a-z_0-9]+/run_id=.*"));
    }

    for (String table :
        new String[] {
          "jobs", "k6_points", "prom_samples", "runs", "run_summary", "plateau_stats"
        }) {
      assertThat(count(legacy, table)).as(table).isEqualTo(count(iceberg, table));
    }
    for (String run : new String[] {"capacity-ramp-sim", "k6-only-sim"}) {
      Path out = dir.resolve("after-" + run);
      CliRunner.Result r =
          CliRunner.run(
              "report", "--run-id", run, "--warehouse", legacy.toString(), "--out", out.toString());
      assertThat(r.code()).as(r.err()).isIn(0, 1);
      assertThat(Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8))
          .isEqualTo(
              Files.readString(
                  dir.resolve("out-" + run).resolve("summary.json"), StandardCharsets.UTF_8));
    }
    Warehouse converted = new Warehouse(legacy.toString(), new Configuration());
    assertThat(RunSnapshots.runs(converted, WarehouseViews.FAMILIES.get(0)))
        .containsExactly(new RunId("capacity-ramp-sim"), new RunId("k6-only-sim"));

    CliRunner.Result again = CliRunner.run("migrate", "--warehouse", legacy.toString());
    assertThat(again.code()).isZero();
    assertThat(again.err()).contains("holds no tables in the old layout");
  }
}
