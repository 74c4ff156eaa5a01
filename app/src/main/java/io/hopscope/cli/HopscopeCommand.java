package io.hopscope.cli;

import picocli.CommandLine.Command;

@Command(
    name = "hopscope",
    mixinStandardHelpOptions = true,
    scope = picocli.CommandLine.ScopeType.INHERIT,
    versionProvider = HopscopeCommand.Version.class,
    description = "Offline analytics for load tests of HTTP → Valkey → worker pipelines.",
    subcommands = {
      AnalyzeCommand.class,
      IngestCommand.class,
      ReportCommand.class,
      QueryCommand.class,
      GateCommand.class,
      TrendCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      MigrateCommand.class,
      OpsCommand.class,
      CiCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
final class HopscopeCommand implements Runnable {
  private final Env env;

  HopscopeCommand(Env env) {
    this.env = env;
  }

  Env env() {
    return env;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this),
        "a command is needed: analyze, ingest, report, gate, query, demo, simulate");
  }

  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "hopscope " + BuildInfo.version() + " (Spark " + BuildInfo.sparkVersion() + ")"
      };
    }
  }
}
