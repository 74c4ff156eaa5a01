package io.hopscope.analytics.spark;

import static org.apache.spark.sql.functions.col;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.CatalogSettings;
import io.hopscope.ingest.warehouse.RunSnapshots;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableDef;
import io.hopscope.ingest.warehouse.TableFamily;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads warehouse tables into Spark through Iceberg, always at the snapshot that holds the
 * committed version of each run ({@link RunSnapshots}), so a scan never mixes two versions of a run
 * nor sees one being written.
 */
public final class WarehouseTables {
  private static final String PATH_CATALOG = "spark.sql.catalog.default_iceberg";

  private WarehouseTables() {}

  /** The committed version of an ingested run, or an error naming the run when it has none. */
  public static RunSnapshots ingested(Warehouse wh, RunId run) {
    return RunSnapshots.of(wh, RunsTable.FAMILY, run)
        .orElseThrow(
            () ->
                Problems.missingData(
                    "run '"
                        + run
                        + "' is not in the warehouse "
                        + wh.rootUri()
                        + "; "
                        + RunSnapshots.holding(wh, RunsTable.FAMILY),
                    "ingest the run first (hopscope ingest or analyze with sources), or check"
                        + " --run-id and --warehouse"));
  }

  /** One version's rows of a table (with {@code run_id}); empty when it has none there. */
  public static Dataset<Row> read(
      SparkSession spark, Warehouse wh, RunSnapshots version, TableDef<?> table) {
    Long snapshot = version.snapshot(table.name()).orElse(null);
    if (snapshot == null) {
      return empty(spark, table);
    }
    return at(spark, wh, table, snapshot, SPLIT_BYTES)
        .where(col(TableDef.RUN_ID).equalTo(version.run().value()));
  }

  /**
   * The most bytes of a file one task of a run's scan reads: a row group, as written. Iceberg's
   * default (128 MB) cut a 10M-job file of eleven row groups into nine tasks of none, one or two
   * row groups (a split holds the row groups whose middle it holds), and the last ones ran alone on
   * one core while the other waited: a third of a second of each pass. A task a row group keeps the
   * cores equally busy to the end; files record where their row groups start (split offsets), so
   * splits fall there.
   */
  static final long SPLIT_BYTES = io.hopscope.ingest.warehouse.TableWriter.ROW_GROUP_BYTES;

  /**
   * The rows of a table for many runs, each at its committed version, with {@code run_id}: one scan
   * of the current snapshot for the runs whose version it holds (nearly always all), plus one per
   * run whose version an unfinished write has since replaced there.
   */
  public static Dataset<Row> runs(
      SparkSession spark, Warehouse wh, TableDef<?> table, List<RunSnapshots> versions) {
    Map<Long, List<String>> bySnapshot = new HashMap<>();
    for (RunSnapshots v : versions) {
      Long s = v.snapshot(table.name()).orElse(null);
      if (s != null) {
        bySnapshot.computeIfAbsent(s, k -> new ArrayList<>()).add(v.run().value());
      }
    }
    Dataset<Row> out = null;
    for (Map.Entry<Long, List<String>> e : bySnapshot.entrySet()) {
      Dataset<Row> d =
          at(spark, wh, table, e.getKey(), 0)
              .where(col(TableDef.RUN_ID).isin(e.getValue().toArray(Object[]::new)));
      out = out == null ? d : out.unionByName(d);
    }
    return out == null ? empty(spark, table) : out;
  }

  /** The runs with a committed version in a family. */
  public static List<RunSnapshots> versions(Warehouse wh, TableFamily family) {
    return RunSnapshots.all(wh, family);
  }

  /**
   * @param splitBytes the read's split size, or 0 for the table's
   */
  private static Dataset<Row> at(
      SparkSession spark, Warehouse wh, TableDef<?> table, long id, long splitBytes) {
    registerCatalog(spark, wh);
    org.apache.spark.sql.DataFrameReader reader =
        spark.read().format("iceberg").option("versionAsOf", Long.toString(id));
    if (splitBytes > 0) {
      reader = reader.option("split-size", Long.toString(splitBytes));
    }
    Dataset<Row> stored = reader.load(wh.sparkSource(table.name()));
    // A column declared after this snapshot was written (jobs.corr_hash) reads as null.
    java.util.Set<String> have = java.util.Set.of(stored.columns());
    return stored.select(
        java.util.Arrays.stream(SparkSchemas.of(table.schema()).fields())
            .map(
                f ->
                    have.contains(f.name())
                        ? col(f.name())
                        : org.apache.spark.sql.functions.lit(null).cast(f.dataType()).as(f.name()))
            .toArray(org.apache.spark.sql.Column[]::new));
  }

  private static Dataset<Row> empty(SparkSession spark, TableDef<?> table) {
    return spark.createDataFrame(List.of(), SparkSchemas.of(table.schema()));
  }

  /**
   * Makes the warehouse's catalog known to Spark as {@value CatalogSettings#NAME} when it is not
   * the file-system one (whose tables Spark loads by path), filling in what spark-submit's settings
   * left out.
   */
  static void registerCatalog(SparkSession spark, Warehouse wh) {
    if (wh.settings().fileSystemCatalog()) {
      // Iceberg's source loads a table by path through its catalog "default_iceberg", which it
      // makes a Hive catalog unless configured (and hopscope has no Hive): make it a file-system
      // one. Its own warehouse is never used for tables loaded by path.
      if (!"hadoop".equals(spark.conf().get(PATH_CATALOG + ".type", null))) {
        spark.conf().set(PATH_CATALOG, "org.apache.iceberg.spark.SparkCatalog");
        spark.conf().set(PATH_CATALOG + ".type", "hadoop");
        spark.conf().set(PATH_CATALOG + ".warehouse", wh.rootUri());
        spark.conf().set(PATH_CATALOG + ".cache-enabled", "false");
      }
      return;
    }
    String key = "spark.sql.catalog." + CatalogSettings.NAME;
    if (!spark.conf().contains(key)) {
      spark.conf().set(key, "org.apache.iceberg.spark.SparkCatalog");
    }
    wh.settings()
        .properties()
        .forEach(
            (k, v) -> {
              if (!spark.conf().contains(CatalogSettings.PREFIX + k)) {
                spark.conf().set(CatalogSettings.PREFIX + k, v);
              }
            });
  }
}
