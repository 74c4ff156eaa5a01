package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse in a catalog with atomic swaps, the way object stores need it, configured only
 * through Spark's catalog settings ({@code spark.sql.catalog.hopscope.*}): a JDBC catalog on SQLite
 * here. Ingest (no Spark), analyze (Spark), query and report all use it.
 */
class CatalogIT {
  @TempDir Path dir;

  @Test
  void aJdbcCatalogHoldsTheWarehouseThroughSparkSettings() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.catalog.hopscope.type", "jdbc");
    settings.put("spark.sql.catalog.hopscope.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
    settings.put("spark.sql.catalog.hopscope.warehouse", dir.resolve("data").toUri().toString());
    settings.put("spark.sql.catalog.hopscope.default-namespace", "perf");
    settings.forEach(System::setProperty);
    Path sample = TestPaths.sampleData().resolve("k6-only-sim");
    String unused = dir.resolve("not-used").toString();
    try {
      CliRunner.Result a =
          CliRunner.run(
              "analyze",
              "--run-id",
              "k6-only-sim",
              "--spec",
              sample.resolve("run.yaml").toString(),
              "--k6",
              sample.resolve("k6-results.json.gz").toString(),
              "--warehouse",
              unused,
              "--out",
              dir.resolve("out").toString());
      assertThat(a.code()).as(a.err()).isIn(0, 1);
      CliRunner.Result q =
          CliRunner.run(
              "query",
              "select r.scenario, count(*) as n from k6_points p join runs r using (run_id)"
                  + " group by r.scenario",
              "--format",
              "csv",
              "--warehouse",
              unused);
      assertThat(q.code()).as(q.err()).isZero();
      assertThat(q.out()).startsWith("scenario,n\n").contains("k6_capacity_ramp,");
      CliRunner.Result r =
          CliRunner.run(
              "report",
              "--run-id",
              "k6-only-sim",
              "--warehouse",
              unused,
              "--out",
              dir.resolve("report").toString());
      assertThat(r.code()).as(r.err()).isEqualTo(a.code());
      assertThat(Files.readString(dir.resolve("report/summary.json")))
          .isEqualTo(Files.readString(dir.resolve("out/summary.json")));
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }
    // The tables live where the catalog put them, under its namespace; --warehouse was not used.
    assertThat(dir.resolve("data/perf/k6_points/metadata")).isDirectory();
    assertThat(dir.resolve("data/perf/runs/metadata")).isDirectory();
    assertThat(dir.resolve("not-used")).doesNotExist();
    assertThat(dir.resolve("catalog.db")).isRegularFile();
  }
}
