package io.hopscope.analytics.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.hopscope.analytics.core.HttpWindow;
import io.hopscope.analytics.core.K6Summary;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.RateSeries;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Window;
import io.hopscope.ingest.warehouse.K6PointsTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The k6 side of a run, per window: exact {@code http_req_duration} statistics (overall and per
 * scenario × name), request, failure, status and error-code counts, iterations and dropped
 * iterations, VUs. A k6 sample belongs to the window that holds the time k6 wrote for it.
 *
 * <p>Its size is the scans of the three k6 tables (points, summary, thresholds), each a method, and
 * the facts they hand the core.
 */
final class K6Scan {
  static final String HTTP_REQ_DURATION = "http_req_duration";
  static final String HTTP_REQS = "http_reqs";
  static final String HTTP_REQ_FAILED = "http_req_failed";
  static final String ITERATIONS = "iterations";
  static final String DROPPED_ITERATIONS = "dropped_iterations";
  static final String VUS = "vus";
  static final String CHECKS = "checks";
  static final String VUS_MAX = "vus_max";
  private static final String SEP = "\u001f";

  private K6Scan() {}

  /** The k6 side per window, and the request durations per time slice of the measured period. */
  record Scanned(Map<Integer, HttpWindow> windows, Map<Long, LatencyStats> slices) {}

  /**
   * What k6 started per second, and the name its scenarios give the run.
   *
   * @param series iterations scheduled per second, started or dropped (requests when the run
   *     recorded no iteration)
   * @param scenarioName the k6 scenario, the scenarios joined by "+" when several, else "k6"
   */
  record Started(RateSeries series, String scenarioName) {}

  /** Iterations (else requests) per epoch second, and the scenario names, in one small query. */
  static Started started(Dataset<Row> points) {
    Column metric = col(K6PointsTable.METRIC);
    List<Row> rows =
        points
            .where(metric.isin(ITERATIONS, DROPPED_ITERATIONS, HTTP_REQS))
            .groupBy(
                metric,
                org.apache.spark.sql.functions.floor(col(K6PointsTable.TS_NS).divide(1e9)).as("s"),
                coalesce(col(K6PointsTable.SCENARIO), lit("")).as("scenario"))
            .agg(sum(col(K6PointsTable.VALUE)).as("n"))
            .collectAsList();
    Map<Long, Long> iterations = new HashMap<>();
    Map<Long, Long> requests = new HashMap<>();
    java.util.SortedSet<String> scenarios = new java.util.TreeSet<>();
    for (Row r : rows) {
      // A dropped iteration was scheduled too: the executor had no VU to start it.
      Map<Long, Long> m = HTTP_REQS.equals(r.getString(0)) ? requests : iterations;
      m.merge(r.getLong(1), Math.round(r.getDouble(3)), Long::sum);
      if (!r.getString(2).isEmpty()) {
        scenarios.add(r.getString(2));
      }
    }
    boolean byIteration = iterations.values().stream().anyMatch(n -> n > 0);
    RateSeries series =
        byIteration
            ? RateSeries.ofSeconds(iterations, "k6 iterations (started or dropped)")
            : RateSeries.ofSeconds(requests, "k6 requests");
    return new Started(series, scenarios.isEmpty() ? "k6" : String.join("+", scenarios));
  }

  /**
   * One pass of exact statistics over the durations (per window, per route, per time slice), plus
   * the counts.
   */
  static Scanned scan(Dataset<Row> points, Schedule schedule) {
    return scan(points, schedule, 0, ExactStats.PassListener.NONE);
  }

  /** As {@link #scan(Dataset, Schedule)}, telling a listener when each pass begins. */
  static Scanned scan(
      Dataset<Row> points, Schedule schedule, long rows, ExactStats.PassListener progress) {
    List<Window> windows = schedule.windows();
    Column w = RunScan.windowOf(col(K6PointsTable.TS_NS), windows);
    Dataset<Row> inWindows = points.withColumn("w", w).where(col("w").isNotNull());
    Map<Integer, Counts> counts = counts(inWindows);
    // One definition of a failed request for every table and gate (DESIGN.md): k6's
    // http_req_failed where the run recorded it (k6 0.31+), else a status outside 200-399.
    boolean k6Failed = counts.values().stream().anyMatch(c -> c.failedChecked > 0);
    Column routeKey =
        org.apache.spark.sql.functions.concat_ws(
            SEP,
            col("w").cast("string"),
            coalesce(col(K6PointsTable.SCENARIO), lit("")),
            coalesce(col(K6PointsTable.NAME_TAG), lit("")));
    ExactStats.Result stats =
        ExactStats.run(
            points.where(col(K6PointsTable.METRIC).equalTo(HTTP_REQ_DURATION)).withColumn("w", w),
            List.of(
                new ExactStats.Family(col("w"), 0),
                new ExactStats.Family(when(col("w").isNotNull(), routeKey), 0),
                ExactStats.Family.levels(TimeBuckets.key(col(K6PointsTable.TS_NS), schedule), 0)),
            List.of(functionsRound(col(K6PointsTable.VALUE))),
            java.util.Optional.empty(),
            ExactStats.candidateBudget(),
            "k6 points",
            rows,
            progress);
    Map<String, LatencyStats[]> overall = new HashMap<>();
    stats.family(0).forEach((k, c) -> overall.put(k.toString(), c.columns()));
    Map<String, LatencyStats[]> perRoute = new HashMap<>();
    stats.family(1).forEach((k, c) -> perRoute.put((String) k, c.columns()));
    Map<Long, LatencyStats> slices = new HashMap<>();
    stats.family(2).forEach((k, c) -> slices.put((Long) k, c.columns()[0]));
    Map<String, RouteCounts> routeCounts = routeCounts(inWindows, routeKey, k6Failed);
    Map<Integer, List<RouteStats>> routes = new HashMap<>();
    perRoute.forEach(
        (key, s) -> {
          String[] parts = key.split(SEP, -1);
          RouteCounts rc = routeCounts.getOrDefault(key, new RouteCounts());
          routes
              .computeIfAbsent(Integer.valueOf(parts[0]), k -> new ArrayList<>())
              .add(new RouteStats(parts[1], parts[2], s[0], s[0].count(), rc.failed, rc.failures));
        });
    Map<Integer, HttpWindow> out = new HashMap<>();
    for (Window win : windows) {
      Counts c = counts.getOrDefault(win.index(), new Counts());
      long failed = k6Failed ? c.failed : c.notExpected;
      long checked = k6Failed ? c.failedChecked : c.requests;
      LatencyStats[] d = overall.get(Integer.toString(win.index()));
      List<RouteStats> r = routes.getOrDefault(win.index(), new ArrayList<>());
      r.sort(Comparator.comparing(RouteStats::scenario).thenComparing(RouteStats::name));
      HttpWindow h =
          new HttpWindow(
              d == null ? null : d[0],
              c.requests,
              failed,
              checked,
              c.accepted,
              c.iterations,
              c.dropped,
              c.byStatus,
              c.byErrorCode,
              r,
              c.maxVus,
              c.maxVusMax);
      if (!h.isEmpty()) {
        out.put(win.index(), h);
      }
    }
    return new Scanned(out, slices);
  }

  /** k6 writes durations as float ms with µs precision: exact as integer ns after rounding. */
  private static Column functionsRound(Column ms) {
    return org.apache.spark.sql.functions.round(ms.multiply(1e6)).cast("long");
  }

  private static final class Counts {
    long requests;
    long failed;
    long failedChecked;
    long accepted;
    long notExpected;
    long iterations;
    long dropped;
    double maxVus = Double.NaN;
    double maxVusMax = Double.NaN;
    final Map<String, Long> byStatus = new TreeMap<>();
    final Map<String, Long> byErrorCode = new TreeMap<>();
  }

  private static Map<Integer, Counts> counts(Dataset<Row> p) {
    Column metric = col(K6PointsTable.METRIC);
    List<Row> rows =
        p.where(
                metric.isin(
                    HTTP_REQS, HTTP_REQ_FAILED, ITERATIONS, DROPPED_ITERATIONS, VUS, VUS_MAX))
            .groupBy(
                col("w"),
                metric,
                when(metric.equalTo(HTTP_REQS), col(K6PointsTable.STATUS)).as("status"),
                when(metric.equalTo(HTTP_REQS), col(K6PointsTable.ERROR_CODE)).as("error_code"))
            .agg(
                count(lit(1)).as("n"),
                sum(col(K6PointsTable.VALUE)).as("total"),
                max(col(K6PointsTable.VALUE)).as("peak"))
            .collectAsList();
    Map<Integer, Counts> out = new HashMap<>();
    for (Row r : rows) {
      Counts c = out.computeIfAbsent(r.getInt(0), k -> new Counts());
      String m = r.getString(1);
      long total = Math.round(r.getDouble(5));
      switch (m) {
        case HTTP_REQS -> {
          c.requests += total;
          String status = r.isNullAt(2) ? "" : r.getString(2);
          c.byStatus.merge(status, total, Long::sum);
          if (status.length() == 3 && status.charAt(0) == '2') {
            c.accepted += total;
          }
          if (!expected(status)) {
            c.notExpected += total;
          }
          if (!r.isNullAt(3)) {
            c.byErrorCode.merge(r.getString(3), total, Long::sum);
          }
        }
        case HTTP_REQ_FAILED -> {
          c.failed += total;
          c.failedChecked += r.getLong(4);
        }
        case ITERATIONS -> c.iterations += total;
        case DROPPED_ITERATIONS -> c.dropped += total;
        case VUS -> c.maxVus = maxOf(c.maxVus, r.getDouble(6));
        case VUS_MAX -> c.maxVusMax = maxOf(c.maxVusMax, r.getDouble(6));
        default -> {}
      }
    }
    return out;
  }

  private static double maxOf(double a, double b) {
    return Double.isNaN(a) ? b : Math.max(a, b);
  }

  /**
   * k6's default {@code expected_response}, the run's one definition of an expected status: 200 to
   * 399 (redirects are not failures). Status "0" or none is a request that got no response.
   */
  static final Pattern EXPECTED_STATUS = Pattern.compile("^[23][0-9][0-9]$");

  /** Whether a status is expected ({@link #EXPECTED_STATUS}). */
  static boolean expected(String status) {
    return EXPECTED_STATUS.matcher(status).matches();
  }

  /** The same test as {@link #expected(String)}, on a point's status column. */
  static Column expectedStatus() {
    return coalesce(col(K6PointsTable.STATUS), lit("")).rlike(EXPECTED_STATUS.pattern());
  }

  /**
   * k6's checks over the whole run, from its {@code checks} samples (1 passed, 0 failed), by check
   * name and group; empty when the run recorded none.
   */
  static List<K6Summary.Check> checks(Dataset<Row> points) {
    Column value = col(K6PointsTable.VALUE);
    List<K6Summary.Check> out = new ArrayList<>();
    for (Row r :
        points
            .where(col(K6PointsTable.METRIC).equalTo(CHECKS))
            .groupBy(
                coalesce(element_at(col(K6PointsTable.TAGS), lit("check")), lit("")).as("check"),
                coalesce(col(K6PointsTable.GROUP), lit("")).as("group"))
            .agg(count(lit(1)).as("n"), sum(when(value.gt(0), lit(1L)).otherwise(lit(0L))).as("ok"))
            .orderBy(col("group"), col("check"))
            .collectAsList()) {
      long n = r.getLong(2);
      long ok = r.getLong(3);
      out.add(new K6Summary.Check(r.getString(0), r.getString(1), ok, n - ok));
    }
    return out;
  }

  /** Requests, failures and failures by status and error code, of one route in one window. */
  private static final class RouteCounts {
    long requests;
    long failed;
    final List<RouteStats.Failure> failures = new ArrayList<>();

    /** Keeps the most frequent failure kinds and sums the rest into one. */
    void capKinds() {
      int max = RouteStats.MAX_FAILURE_KINDS;
      if (failures.size() <= max) {
        return;
      }
      failures.sort(
          Comparator.comparingLong(RouteStats.Failure::count)
              .reversed()
              .thenComparing(RouteStats.Failure::status)
              .thenComparing(RouteStats.Failure::errorCode)
              .thenComparing(RouteStats.Failure::message));
      List<RouteStats.Failure> rest = failures.subList(max, failures.size());
      long n = rest.stream().mapToLong(RouteStats.Failure::count).sum();
      String other = "(" + rest.size() + " other kinds)";
      rest.clear();
      failures.add(new RouteStats.Failure("", "", other, n));
    }
  }

  /**
   * Requests and failures per route key, by status, error code and error message: from
   * http_req_failed (1 = failed; its samples carry the request's tags) when the run recorded it,
   * else from the status of each http_reqs sample ({@link #expected}). Messages are grouped with
   * their digits masked (ports, ids and addresses vary from one request to the next); each kind
   * keeps one real message as its example. A route keeps its {@value RouteStats#MAX_FAILURE_KINDS}
   * most frequent kinds and sums the rest.
   */
  private static Map<String, RouteCounts> routeCounts(
      Dataset<Row> p, Column routeKey, boolean k6Failed) {
    Column status = coalesce(col(K6PointsTable.STATUS), lit("")).as("status");
    Column code = coalesce(col(K6PointsTable.ERROR_CODE), lit("")).as("error_code");
    Column message = coalesce(element_at(col(K6PointsTable.TAGS), lit("error")), lit(""));
    Column shape = regexp_replace(message, "[0-9]+", "N").as("shape");
    Column value = col(K6PointsTable.VALUE);
    Column failedRow = k6Failed ? value.gt(0) : not(expectedStatus());
    List<Row> rows =
        p.where(col(K6PointsTable.METRIC).equalTo(k6Failed ? HTTP_REQ_FAILED : HTTP_REQS))
            .groupBy(routeKey.as("k"), status, code, shape)
            .agg(
                (k6Failed ? count(lit(1)).cast("double") : sum(value)).as("n"),
                sum(when(failedRow, k6Failed ? lit(1.0) : value).otherwise(lit(0.0))).as("failed"),
                min(when(failedRow, message)).as("example"))
            .collectAsList();
    Map<String, RouteCounts> out = new HashMap<>();
    for (Row r : rows) {
      RouteCounts c = out.computeIfAbsent(r.getString(0), k -> new RouteCounts());
      long failed = Math.round(r.getDouble(5));
      c.requests += Math.round(r.getDouble(4));
      c.failed += failed;
      if (failed > 0) {
        c.failures.add(
            new RouteStats.Failure(
                r.getString(1), r.getString(2), r.isNullAt(6) ? "" : r.getString(6), failed));
      }
    }
    out.values().forEach(RouteCounts::capKinds);
    return out;
  }
}
