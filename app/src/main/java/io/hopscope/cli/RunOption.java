package io.hopscope.cli;

import io.hopscope.ingest.RunId;
import picocli.CommandLine.Option;

/** The one run a command works on. */
final class RunOption {
  @Option(
      names = "--run-id",
      paramLabel = "ID",
      required = true,
      description = "The run: 1-128 characters from A-Z a-z 0-9 . _ -")
  String runId;

  RunId run() {
    return new RunId(runId);
  }
}
