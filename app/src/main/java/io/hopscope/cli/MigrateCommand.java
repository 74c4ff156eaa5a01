package io.hopscope.cli;

import io.hopscope.analytics.spark.WarehouseViews;
import io.hopscope.error.ExitCode;
import io.hopscope.ingest.warehouse.LegacyLayout;
import io.hopscope.ingest.warehouse.LegacyMigration;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "migrate",
    description = {
      "Convert a warehouse written by hopscope 0.1 (plain Parquet folders, run_id=<id>/) to"
          + " Iceberg tables in place: each run is written again as one committed version, its"
          + " row counts checked, and only then are its old folders deleted. Safe to stop and run"
          + " again. Other commands refuse a warehouse that still holds the old layout.",
      "Exit codes: 0 converted (or nothing to convert), 3 storage failed."
    })
final class MigrateCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;

  @Mixin WarehouseOption warehouseOption = new WarehouseOption();

  @Override
  public Integer call() {
    Env env = root.env();
    Warehouse wh = Warehouses.openForMigration(warehouseOption.uri);
    List<String> legacy = LegacyLayout.tables(wh);
    if (legacy.isEmpty()) {
      env.err().println("migrate: " + wh.rootUri() + " holds no tables in the old layout");
      return ExitCode.OK.code();
    }
    List<LegacyMigration.Outcome> done =
        LegacyMigration.migrate(
            wh,
            WarehouseViews.FAMILIES,
            o ->
                env.err()
                    .println(
                        o.skipped() == null
                            ? String.format(
                                Locale.ROOT,
                                "converted %s of run %s: %s",
                                o.family(),
                                o.run(),
                                o.rows())
                            : "skipped " + o.family() + " of run " + o.run() + ": " + o.skipped()));
    long converted = done.stream().filter(o -> o.skipped() == null).count();
    env.out()
        .printf(
            Locale.ROOT,
            "migrate: %d run versions converted, %d skipped -> %s%n",
            converted,
            done.size() - converted,
            wh.rootUri());
    List<String> left = LegacyLayout.tables(wh);
    if (!left.isEmpty()) {
      env.err()
          .println(
              "migrate: old partitions left (see 'skipped' above): " + String.join(", ", left));
    }
    return ExitCode.OK.code();
  }
}
