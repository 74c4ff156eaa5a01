package io.hopscope.cli;

import io.hopscope.analytics.store.History;
import io.hopscope.error.ExitCode;
import io.hopscope.error.Printable;
import io.hopscope.ingest.RunId;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "gate",
    description = {
      "Evaluate an analysed run's regression gates from the warehouse, against --baseline or the"
          + " latest earlier run with the same fingerprint whose gates passed; writes gates.json"
          + " and gates.junit.xml into --out. Needs no Spark.",
      "Exit codes: 0 every gate passed, 1 a gate failed, 2 bad usage or the run was never"
          + " analysed, 3 storage failed."
    })
final class GateCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;
  @Mixin RunOption runOption = new RunOption();

  @Mixin WarehouseOption warehouseOption = new WarehouseOption();

  @Option(names = "--baseline", paramLabel = "RUN", description = "The run to compare with.")
  String baseline;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "./out",
      description = "Where gates.json and gates.junit.xml go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--gates",
      paramLabel = "FILE",
      description =
          "Gates file (YAML, the keys of the spec's gates block); its keys override the spec's."
              + " Gates on the run itself (error rate, SLO, drain, drift, routes) need a new"
              + " analyze to change; the baseline gates are judged here.")
  Path gates;

  @Override
  public Integer call() {
    RunId run = runOption.run();
    History.Gated g =
        new RunPipeline(root.env())
            .gate(
                warehouseOption.uri,
                run,
                Optional.ofNullable(gates),
                Optional.ofNullable(baseline),
                out);
    Env env = root.env();
    env.err()
        .println(
            "baseline: "
                + g.baseline()
                    .map(RunId::value)
                    .orElse("none (no earlier passing run with the same fingerprint)"));
    g.analysis()
        .gates()
        .results()
        .forEach(
            r ->
                env.err()
                    .println(
                        Printable.of(
                            "gate "
                                + r.name()
                                + ": "
                                + (r.passed() ? "pass" : "FAIL")
                                + " — "
                                + r.detail())));
    g.analysis()
        .gates()
        .notEvaluated()
        .forEach(s -> env.err().println("not evaluated: " + Printable.of(s.text())));
    env.out().println("gates: " + out.resolve("gates.json").toAbsolutePath().normalize());
    return g.analysis().gates().allPassed() ? ExitCode.OK.code() : ExitCode.GATE_FAILED.code();
  }
}
