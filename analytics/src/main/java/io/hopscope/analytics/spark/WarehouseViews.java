package io.hopscope.analytics.spark;

import io.hopscope.analytics.store.DerivedTables;
import io.hopscope.ingest.warehouse.RunSnapshots;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableDef;
import io.hopscope.ingest.warehouse.TableFamily;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Registers every warehouse table that exists as a Spark SQL view of the same name, across all
 * runs, with {@code run_id} as a column, for {@code hopscope query} and notebooks. Each run's rows
 * are those of its committed version in every table (see {@link RunSnapshots}): a run being
 * written, or whose last write died half-way, shows as it was before, never mixed.
 */
public final class WarehouseViews {
  /** The two families: what ingest writes and what analyze derives. */
  public static final List<TableFamily> FAMILIES = List.of(RunsTable.FAMILY, DerivedTables.FAMILY);

  /** Every table, ingested and derived. */
  public static final List<TableDef<?>> TABLES = tables();

  private WarehouseViews() {}

  private static List<TableDef<?>> tables() {
    List<TableDef<?>> out = new ArrayList<>();
    for (TableFamily f : FAMILIES) {
      out.add(f.head());
      out.addAll(f.members());
    }
    return List.copyOf(out);
  }

  /** Registers the views; returns the names of the tables found. */
  public static List<String> register(SparkSession spark, Warehouse wh) {
    List<String> found = new ArrayList<>();
    for (TableFamily f : FAMILIES) {
      List<RunSnapshots> versions = WarehouseTables.versions(wh, f);
      List<TableDef<?>> tables = new ArrayList<>();
      tables.add(f.head());
      tables.addAll(f.members());
      for (TableDef<?> t : tables) {
        if (wh.find(t.name()).isEmpty()) {
          continue;
        }
        WarehouseTables.runs(spark, wh, t, versions).createOrReplaceTempView(t.name());
        found.add(t.name());
      }
    }
    return found;
  }
}
