package io.hopscope.analytics.store;

import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.Gates;
import io.hopscope.analytics.core.K6Summary;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.K6ThresholdsTable;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;

/**
 * k6's own thresholds, as its summary reported them, shown as gates named after the metric and
 * expression ({@code k6_threshold http_req_duration p(95)<500}), with the observed value and the
 * limit when the summary holds the statistic the expression tests.
 */
public final class K6ThresholdGates {
  /** The prefix of every k6 threshold gate's name. */
  public static final String NAME = "k6_threshold";

  /**
   * {@code stat op number}, as k6 writes a threshold (e.g. {@code p(95)<500}, {@code rate<0.01}).
   */
  private static final java.util.regex.Pattern EXPRESSION =
      java.util.regex.Pattern.compile(
          "\\s*([a-z]+(?:\\([0-9.]+\\))?)\\s*(<=|>=|<|>|==|!=|===)\\s*([-+0-9.eE]+)\\s*");

  private K6ThresholdGates() {}

  public static Gates.Verdicts of(Warehouse wh, RunId run) {
    return of(wh, run, java.util.Optional.empty());
  }

  /** The thresholds of a run, with observed values from its summary when it has them. */
  public static Gates.Verdicts of(Warehouse wh, RunId run, java.util.Optional<K6Summary> summary) {
    List<GateResult> out = new ArrayList<>();
    TableReader.forEach(
        wh,
        RunsTable.FAMILY,
        K6ThresholdsTable.TABLE,
        run,
        g -> {
          String metric = g.getField(K6ThresholdsTable.METRIC).toString();
          String expr = g.getField(K6ThresholdsTable.EXPRESSION).toString();
          boolean passed = (Boolean) g.getField(K6ThresholdsTable.PASSED);
          out.add(gate(metric, expr, passed, summary));
        });
    out.sort(java.util.Comparator.comparing(GateResult::name));
    return new Gates.Verdicts(out, List.of());
  }

  /** One threshold as a gate; the observed value is read from the summary when it can be. */
  static GateResult gate(
      String metric, String expr, boolean passed, java.util.Optional<K6Summary> summary) {
    Double observed = null;
    double limit = Double.NaN;
    java.util.regex.Matcher m = EXPRESSION.matcher(expr);
    if (m.matches()) {
      try {
        limit = Double.parseDouble(m.group(3));
      } catch (NumberFormatException e) {
        limit = Double.NaN;
      }
      String stat = m.group(1);
      if (summary.isPresent()) {
        double v = summary.get().stat(metric, stat);
        if (Double.isNaN(v) && stat.equals("rate")) {
          v = summary.get().stat(metric, "value");
        }
        observed = Double.isNaN(v) ? null : v;
      }
    }
    return new GateResult(
        NAME + " " + metric + " " + expr,
        passed,
        observed,
        limit,
        metric + " " + expr + " (k6's own verdict from its summary)");
  }
}
