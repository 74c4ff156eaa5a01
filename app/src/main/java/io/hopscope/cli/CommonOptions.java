package io.hopscope.cli;

import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command that touches the warehouse takes. */
final class CommonOptions {
  @Mixin WarehouseOption warehouseOption = new WarehouseOption();

  String warehouse() {
    return warehouseOption.uri;
  }

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description =
          "Run spec YAML (the playbook's test_run template). Without one, the spec recorded at"
              + " ingest is used, and without that analyze infers the load stages from the data"
              + " (and writes them as run.inferred.yaml beside the report).")
  Path spec;

  Optional<RunSpec> readSpec() {
    return Optional.ofNullable(spec).map(RunSpecReader::read);
  }
}
