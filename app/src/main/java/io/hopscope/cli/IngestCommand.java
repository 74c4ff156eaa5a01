package io.hopscope.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "ingest",
    description =
        "Drain one run's sources into the warehouse (replaces the run's partitions). Needs no"
            + " Spark.")
final class IngestCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;
  @Mixin CommonOptions common = new CommonOptions();
  @Mixin SourceOptions sources = new SourceOptions();

  @Override
  public Integer call() {
    if (!sources.any()) {
      throw io.hopscope.error.Problems.usage(
          "ingest needs a source", "give --valkey URI and/or --done-file FILE");
    }
    new RunPipeline(root.env())
        .ingest(
            common.warehouse,
            new Configuration(),
            sources.request(common.run(), common.requireSpec()));
    return 0;
  }
}
