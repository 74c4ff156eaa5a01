package io.hopscope.cli;

import io.hopscope.error.Problems;
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
          "Run spec YAML (the playbook's test_run template). Needed when ingesting one run for"
              + " analysis; otherwise the spec recorded at ingest is used.")
  Path spec;

  Optional<RunSpec> readSpec() {
    return Optional.ofNullable(spec).map(RunSpecReader::read);
  }

  RunSpec requireSpec() {
    return readSpec()
        .orElseThrow(
            () ->
                Problems.usage(
                    "--spec is required when ingesting sources", "pass --spec run.yaml"));
  }
}
