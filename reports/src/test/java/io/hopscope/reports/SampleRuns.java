package io.hopscope.reports;

import io.hopscope.analytics.core.RunAnalysis;
import java.io.IOException;

/** The report tests' sample run and golden files, for tests in other packages. */
public final class SampleRuns {
  public static final long T0 = SampleAnalysis.T0;

  private SampleRuns() {}

  public static RunAnalysis analysis(String runId, String scenario, String route) {
    return SampleAnalysis.analysis(runId, scenario, route);
  }

  public static void golden(String name, String actual) throws IOException {
    Golden.check(name, actual);
  }
}
