package io.hopscope.cli;

import io.hopscope.error.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "report",
    description = {
      "Re-render an analysed run's report from the warehouse (run_summary), without re-reading"
          + " sources or raw rows and without Spark.",
      "Exit codes: 0 the run's gates passed, 1 a gate failed, 2 bad usage or the run was never"
          + " analysed, 3 storage failed."
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;
  @Mixin RunOption runOption = new RunOption();

  @Mixin WarehouseOption warehouseOption = new WarehouseOption();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "./out",
      description = "Report directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    RunPipeline.Analysed a =
        new RunPipeline(root.env()).report(warehouseOption.uri, runOption.run(), out);
    return Reporting.print(root.env(), a) ? ExitCode.OK.code() : ExitCode.GATE_FAILED.code();
  }
}
