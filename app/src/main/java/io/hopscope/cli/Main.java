package io.hopscope.cli;

import io.hopscope.error.ExitCode;
import io.hopscope.error.HopscopeException;
import io.hopscope.error.Printable;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.TimeZone;
import picocli.CommandLine;

/** The {@code hopscope} command line. The only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    Logs.keepOurs();
    int code = run(Env.system(), args);
    SparkSessions.stopIfStarted();
    System.exit(code);
  }

  /** Runs one command line in this process and returns its exit code. */
  public static int run(Env env, String... args) {
    HopscopeCommand root = new HopscopeCommand(env);
    CommandLine cl = new CommandLine(root);
    cl.setOut(new PrintWriter(env.out(), true));
    cl.setErr(new PrintWriter(env.err(), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, argv) -> {
          String sub = ex.getCommandLine().getCommandName();
          env.err()
              .println(
                  "hopscope: "
                      + Printable.of(ex.getMessage())
                      + " (see: hopscope "
                      + ("hopscope".equals(sub) ? "" : sub + " ")
                      + "--help)");
          return ExitCode.BAD_INPUT.code();
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          HopscopeException h = find(ex);
          if (h != null) {
            env.err().println("hopscope: " + h.oneLine());
            return h.exitCode().code();
          }
          env.err()
              .println(
                  "hopscope: internal error (a bug, please report it): "
                      + Printable.of(ex.toString()));
          ex.printStackTrace(env.err());
          return ExitCode.INTERNAL.code();
        });
    return cl.execute(args);
  }

  /** A user-facing error, possibly wrapped by Spark or a thread pool. */
  private static HopscopeException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HopscopeException h) {
        return h;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
