package io.hopscope.analytics.spark;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.TableDef;
import io.hopscope.ingest.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads warehouse tables into Spark with the schemas ingest declares. */
public final class WarehouseTables {
  private WarehouseTables() {}

  /** One run's rows of a table, or an error naming the run when it has none. */
  public static Dataset<Row> run(SparkSession spark, Warehouse wh, TableDef<?> table, RunId run) {
    if (!wh.hasPartition(table.name(), run)) {
      throw Problems.missingData(
          "run '" + run + "' has no " + table.name() + " in the warehouse " + wh.rootUri(),
          "ingest the run first (hopscope ingest or analyze with sources), or check --run-id and"
              + " --warehouse");
    }
    return spark
        .read()
        .schema(SparkSchemas.of(table.schema()))
        .parquet(wh.partitionUri(table.name(), run));
  }

  /** One run's rows of a table, or an empty dataset when the run has none. */
  public static Dataset<Row> runOrEmpty(
      SparkSession spark, Warehouse wh, TableDef<?> table, RunId run) {
    if (!wh.hasPartition(table.name(), run)) {
      return spark.createDataFrame(java.util.List.of(), SparkSchemas.of(table.schema()));
    }
    return run(spark, wh, table, run);
  }
}
