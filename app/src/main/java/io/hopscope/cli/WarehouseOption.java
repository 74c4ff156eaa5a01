package io.hopscope.cli;

import picocli.CommandLine.Option;

/** The {@code --warehouse} option, declared once for every command that opens the warehouse. */
final class WarehouseOption {
  @Option(
      names = "--warehouse",
      paramLabel = "URI",
      defaultValue = "./warehouse",
      description =
          "Warehouse root: a directory or any Hadoop path (s3a://…, hdfs://…); with a catalog set"
              + " by spark.sql.catalog.hopscope.* settings, where new tables go unless those say"
              + " (default: ${DEFAULT-VALUE}).")
  String uri;
}
