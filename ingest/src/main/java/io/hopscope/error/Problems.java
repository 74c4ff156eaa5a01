package io.hopscope.error;

/**
 * The one factory for user-facing errors. Every message says what is wrong (naming the file, line,
 * field or run id), and how to fix it.
 */
public final class Problems {
  private Problems() {}

  /** Bad command-line usage. */
  public static HopscopeException usage(String problem, String fix) {
    return new HopscopeException(ExitCode.BAD_INPUT, problem, fix, null);
  }

  /** A whole input file cannot be used (unreadable, wrong format, not gzip …). */
  public static HopscopeException badFile(Object file, String problem, String fix) {
    return new HopscopeException(ExitCode.BAD_INPUT, file + ": " + problem, fix, null);
  }

  /** A whole input file cannot be used, with the underlying cause. */
  public static HopscopeException badFile(
      Object file, String problem, String fix, Throwable cause) {
    return new HopscopeException(ExitCode.BAD_INPUT, file + ": " + problem, fix, cause);
  }

  /** A value in an input file is wrong, at a known line and field. */
  public static HopscopeException badValue(
      Object file, long line, String field, String problem, String fix) {
    String where = line > 0 ? file + ":" + line : String.valueOf(file);
    return new HopscopeException(
        ExitCode.BAD_INPUT, where + ": field '" + field + "' " + problem, fix, null);
  }

  /** A run id that cannot be used in warehouse paths. */
  public static HopscopeException badRunId(String runId) {
    return usage(
        "run id '" + runId + "' is not allowed", "use 1-128 characters from A-Z a-z 0-9 . _ -");
  }

  /** Valkey (or Redis) could not be reached or answered with an error. */
  public static HopscopeException valkey(String uri, String problem, Throwable cause) {
    return new HopscopeException(
        ExitCode.EXTERNAL,
        "Valkey at " + uri + ": " + problem,
        "check that the server is up and the --valkey URI (host, port, user, password, TLS) is right",
        cause);
  }

  /** A Prometheus server could not be reached, refused the credentials or failed. */
  public static HopscopeException prometheus(String server, String problem, Throwable cause) {
    return new HopscopeException(
        ExitCode.EXTERNAL,
        "Prometheus at " + server + ": " + problem,
        "check that the server is up, --prom-url and the credentials (never printed)",
        cause);
  }

  /** Reading or writing the warehouse or the output directory failed. */
  public static HopscopeException storage(Object path, String problem, Throwable cause) {
    String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    Throwable root = cause;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != null
        && root != cause
        && root.getMessage() != null
        && !detail.contains(root.getMessage())) {
      detail += " (" + root.getMessage() + ")";
    }
    return new HopscopeException(
        ExitCode.EXTERNAL,
        "storage " + path + ": " + problem + detail,
        "check the path, its permissions and free space",
        cause);
  }

  /** Another process changed what this one was writing (e.g. two ingests of one run at once). */
  public static HopscopeException conflict(String problem, String fix) {
    return new HopscopeException(ExitCode.EXTERNAL, problem, fix, null);
  }

  /** Data needed for the analysis is missing from the warehouse. */
  public static HopscopeException missingData(String what, String fix) {
    return new HopscopeException(ExitCode.BAD_INPUT, what, fix, null);
  }
}
