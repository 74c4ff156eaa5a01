package io.hopscope.error;

import java.util.Objects;

/**
 * A failure the user can act on. Created only through {@link Problems}; carries the problem, why it
 * matters, the fix, and the exit code the command line ends with.
 */
public final class HopscopeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private final String problem;
  private final String fix;

  HopscopeException(ExitCode exitCode, String problem, String fix, Throwable cause) {
    super(problem + (fix == null || fix.isEmpty() ? "" : " — " + fix), cause);
    this.exitCode = Objects.requireNonNull(exitCode);
    this.problem = Objects.requireNonNull(problem);
    this.fix = fix == null ? "" : fix;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public String problem() {
    return problem;
  }

  public String fix() {
    return fix;
  }

  /** The one-line message the command line prints: control characters made visible. */
  public String oneLine() {
    return Printable.of(getMessage());
  }
}
