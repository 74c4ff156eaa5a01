package io.hopscope.cli;

import io.hopscope.ingest.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the warehouse for a command, with the same storage settings whether Spark runs or not:
 * {@code spark.hadoop.*} settings (e.g. s3a credentials given to spark-submit, which puts them in
 * system properties) reach every command, and the catalog comes from {@code
 * spark.sql.catalog.hopscope.*} (see {@link io.hopscope.ingest.warehouse.CatalogSettings}).
 */
final class Warehouses {
  private Warehouses() {}

  /** For commands without Spark. */
  static Warehouse open(String uri) {
    return new Warehouse(uri, Warehouse.systemHadoopConf());
  }

  /** For {@code migrate} alone: the old Parquet layout may sit beside the tables. */
  static Warehouse openForMigration(String uri) {
    return new Warehouse(
        uri,
        Warehouse.systemHadoopConf(),
        io.hopscope.ingest.warehouse.CatalogSettings.fromSystemProperties(),
        true);
  }

  /** For commands with a Spark session: its Hadoop configuration. */
  static Warehouse open(String uri, SparkSession spark) {
    return new Warehouse(uri, spark.sparkContext().hadoopConfiguration());
  }
}
