package io.hopscope.reports.html;

import io.hopscope.analytics.core.K6Summary;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.html.RunPage.Errors;
import io.hopscope.reports.html.RunPage.K6;
import io.hopscope.reports.html.Table.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The run page's tables of k6 data: routes, statuses and error codes, checks, the summary. */
final class K6Tables {
  private K6Tables() {}

  static Table routes(RunAnalysis a) {
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.number("#"),
                Column.text("scenario"),
                Column.code("name"),
                Column.number("requests"),
                Column.number("errors %"),
                Column.number("p50 ms"),
                Column.number("p95 ms"),
                Column.number("p99 ms"),
                Column.number("max ms")));
    for (PlateauResult p : a.plateaus()) {
      if (p.http() == null) {
        continue;
      }
      for (RouteStats r : p.http().routes()) {
        t.row(
            Integer.toString(p.index()),
            r.scenario().isEmpty() ? "(none)" : r.scenario(),
            r.name(),
            Long.toString(r.requests()),
            Format.num(r.errorRate() * 100),
            Format.num(r.duration().p50()),
            Format.num(r.duration().p95()),
            Format.num(r.duration().p99()),
            Format.num(r.duration().max()));
      }
    }
    return t.isEmpty() ? null : t.build();
  }

  /**
   * What k6 users read first after a run: requests by HTTP status and by k6 error code over the
   * whole run, and the routes that failed most.
   */
  static Errors errors(RunAnalysis a) {
    Map<String, Long> byStatus = new TreeMap<>();
    Map<String, Long> byCode = new TreeMap<>();
    Map<String, long[]> routes = new TreeMap<>();
    Map<String, Map<String, Long>> kinds = new HashMap<>();
    long requests = 0;
    for (PlateauResult p : a.plateaus()) {
      if (p.http() == null) {
        continue;
      }
      requests += p.http().requests();
      p.http().byStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum));
      p.http().byErrorCode().forEach((k, v) -> byCode.merge(k, v, Long::sum));
      for (RouteStats r : p.http().routes()) {
        String key = (r.scenario().isEmpty() ? "(none)" : r.scenario()) + "\u001f" + r.name();
        long[] c = routes.computeIfAbsent(key, k -> new long[2]);
        c[0] += r.requests();
        c[1] += r.failed();
        Map<String, Long> byKind = kinds.computeIfAbsent(key, k -> new TreeMap<>());
        for (RouteStats.Failure f : r.failures()) {
          byKind.merge(K6Errors.failureKind(f), f.count(), Long::sum);
        }
      }
    }
    if (byStatus.isEmpty() && byCode.isEmpty()) {
      return null;
    }
    Table.Builder status =
        new Table.Builder(
            List.of(
                Column.code("status"),
                Column.number("requests"),
                Column.number("share %"),
                Column.text("k6 default verdict")));
    for (var e : byStatus.entrySet()) {
      String st = e.getKey();
      status.row(
          st.isEmpty() ? "(none)" : st,
          Long.toString(e.getValue()),
          Format.num(requests == 0 ? 0 : 100.0 * e.getValue() / requests),
          K6Errors.statusMeaning(st));
    }
    Table codes = null;
    if (!byCode.isEmpty()) {
      Table.Builder t =
          new Table.Builder(
              List.of(
                  Column.code("k6 error_code"), Column.number("requests"), Column.text("meaning")));
      byCode.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e ->
                  t.row(
                      e.getKey(),
                      Long.toString(e.getValue()),
                      K6Errors.errorCodeMeaning(e.getKey())));
      codes = t.build();
    }
    List<Map.Entry<String, long[]>> failing =
        routes.entrySet().stream()
            .filter(e -> e.getValue()[1] > 0)
            .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
            .limit(10)
            .toList();
    Table top = null;
    if (!failing.isEmpty()) {
      Table.Builder t =
          new Table.Builder(
              List.of(
                  Column.text("scenario"),
                  Column.code("name"),
                  Column.number("requests"),
                  Column.number("failed"),
                  Column.number("errors %"),
                  Column.text("failed as")));
      for (var e : failing) {
        String[] k = e.getKey().split("\u001f", 2);
        long[] c = e.getValue();
        t.row(
            k[0],
            k[1],
            Long.toString(c[0]),
            Long.toString(c[1]),
            Format.num(c[0] == 0 ? 0 : 100.0 * c[1] / c[0]),
            K6Errors.failedAs(kinds.getOrDefault(e.getKey(), Map.of())));
      }
      top = t.build();
    }
    return new Errors(status.build(), codes, top);
  }

  /** k6's checks with pass and fail counts, failing ones marked. */
  static Table checks(RunAnalysis a) {
    List<K6Summary.Check> checks =
        a.checks().isEmpty() ? a.k6Summary().map(K6Summary::checks).orElse(List.of()) : a.checks();
    if (checks.isEmpty()) {
      return null;
    }
    Table.Builder t =
        new Table.Builder(
            List.of(
                Column.text("check"),
                Column.text("group"),
                Column.number("passes"),
                Column.number("fails"),
                Column.number("passed %")));
    for (K6Summary.Check c : checks) {
      t.classed(
          c.fails() > 0 ? "knee" : null,
          c.name(),
          c.group(),
          Long.toString(c.passes()),
          Long.toString(c.fails()),
          Format.num(c.passRate() * 100));
    }
    return t.build();
  }

  /** k6's end-of-test summary: every metric's statistics as k6 exported them. */
  static K6 k6Summary(RunAnalysis a) {
    if (a.k6Summary().isEmpty()) {
      return null;
    }
    K6Summary k = a.k6Summary().get();
    Table.Builder t = new Table.Builder(List.of(Column.code("metric"), Column.text("statistics")));
    for (var m : k.metrics().entrySet()) {
      List<String> parts = new ArrayList<>();
      m.getValue().forEach((stat, v) -> parts.add(stat + " " + Format.num(v)));
      t.row(m.getKey(), String.join(" · ", parts));
    }
    return new K6(
        Double.isNaN(k.durationMs()) ? null : Format.num(k.durationMs() / 1000), t.build());
  }
}
