package io.hopscope.cli;

import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.error.Printable;
import io.hopscope.reports.charts.Format;
import java.io.PrintStream;

/** What the commands print about an analysed run. */
final class Reporting {
  private Reporting() {}

  /** Prints the verdict and where the report is; true when every gate passed. */
  static boolean print(Env env, RunPipeline.Analysed a) {
    RunAnalysis r = a.analysis();
    PrintStream err = env.err();
    r.knee()
        .ifPresentOrElse(
            k ->
                err.println(
                    "knee: plateau "
                        + k.plateauIndex()
                        + " at "
                        + Format.num(k.offeredRps())
                        + " rps"),
            () -> err.println("knee: none found"));
    for (GateResult g : r.gates().results()) {
      err.println(
          "gate "
              + Printable.of(g.name())
              + ": "
              + (g.passed() ? "pass" : "FAIL")
              + " (observed "
              + (g.observed() == null ? "none" : Format.num(g.observed()))
              + ", limit "
              + Format.num(g.limit())
              + ")");
    }
    for (io.hopscope.analytics.core.Warning w : r.warnings()) {
      err.println("warning: " + Printable.of(w.text()));
    }
    env.out().println("report: " + a.report().index().toAbsolutePath().normalize());
    env.out().println("summary: " + a.report().summary().toAbsolutePath().normalize());
    return r.gates().allPassed();
  }
}
