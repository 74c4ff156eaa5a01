package io.hopscope.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command gets from the process: where to print, the clock (injected so outputs are
 * reproducible in tests), and the environment variables.
 */
public record Env(PrintStream out, PrintStream err, Clock clock, Map<String, String> vars) {
  public Env {
    Objects.requireNonNull(out);
    Objects.requireNonNull(err);
    Objects.requireNonNull(clock);
    vars = Map.copyOf(vars);
  }

  public static Env system() {
    return new Env(System.out, System.err, Clock.systemUTC(), System.getenv());
  }
}
