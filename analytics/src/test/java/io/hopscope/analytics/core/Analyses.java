package io.hopscope.analytics.core;

import java.util.List;
import java.util.Optional;

/** Hand-built analyses for tests that need a RunAnalysis but none of its decisions. */
public final class Analyses {
  private Analyses() {}

  /** An analysis of these windows with no knee, sizing, drain, gates or warnings. */
  public static RunAnalysis of(
      String runId, long jobs, Schedule schedule, List<PlateauResult> windows) {
    return new RunAnalysis(
        runId,
        "s",
        new InputCounts(jobs, 0, 0, 0),
        schedule,
        windows,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new Gates.Verdicts(List.of(), List.of()),
        List.of(),
        new Timeline(0, 0, new long[0], new long[0], new long[0]),
        List.of(),
        null,
        List.of(),
        Optional.empty(),
        List.of());
  }
}
