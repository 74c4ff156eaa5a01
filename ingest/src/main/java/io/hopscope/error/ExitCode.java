package io.hopscope.error;

/** Process exit codes of the {@code hopscope} command line (contract in DESIGN.md). */
public enum ExitCode {
  /** Everything ran; every gate passed. */
  OK(0),
  /** The run was analysed and at least one regression gate failed. */
  GATE_FAILED(1),
  /** Bad usage or bad input: the message names the file, line and field. */
  BAD_INPUT(2),
  /** An external system failed: Valkey unreachable, storage error. */
  EXTERNAL(3),
  /** A bug in hopscope: an unexpected exception. */
  INTERNAL(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
