package io.hopscope.analytics.spark;

import io.hopscope.analytics.store.PlateauStatsTable;
import io.hopscope.analytics.store.RunSummaryTable;
import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.K6PointsTable;
import io.hopscope.ingest.warehouse.K6SummaryTable;
import io.hopscope.ingest.warehouse.K6ThresholdsTable;
import io.hopscope.ingest.warehouse.PromSamplesTable;
import io.hopscope.ingest.warehouse.RejectsTable;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableDef;
import io.hopscope.ingest.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Registers every warehouse table that exists as a Spark SQL view of the same name, across all
 * runs, with {@code run_id} as a string column, for {@code hopscope query} and notebooks.
 */
public final class WarehouseViews {
  /** Every table, ingested and derived. */
  public static final List<TableDef<?>> TABLES =
      List.of(
          RunsTable.TABLE,
          JobsTable.TABLE,
          RejectsTable.TABLE,
          K6PointsTable.TABLE,
          K6SummaryTable.TABLE,
          K6ThresholdsTable.TABLE,
          PromSamplesTable.TABLE,
          PlateauStatsTable.TABLE,
          RunSummaryTable.TABLE);

  private WarehouseViews() {}

  /** Registers the views; returns the names of the tables found. */
  public static List<String> register(SparkSession spark, Warehouse wh) {
    List<String> found = new ArrayList<>();
    for (TableDef<?> t : TABLES) {
      String dir = wh.tableUri(t.name());
      if (!exists(wh, dir)) {
        continue;
      }
      StructType schema =
          SparkSchemas.of(t.schema()).add(TableDef.RUN_ID, DataTypes.StringType, false);
      spark
          .read()
          .schema(schema)
          .option("basePath", dir)
          .parquet(dir)
          .createOrReplaceTempView(t.name());
      found.add(t.name());
    }
    return found;
  }

  private static boolean exists(Warehouse wh, String dir) {
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(wh.conf());
      return fs.exists(p) && fs.listStatus(p).length > 0;
    } catch (IOException e) {
      throw io.hopscope.error.Problems.storage(dir, "cannot list the warehouse", e);
    }
  }
}
