package io.hopscope.analytics.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;

import io.hopscope.analytics.core.HistogramQuantile;
import io.hopscope.analytics.core.Telemetry;
import io.hopscope.analytics.core.Window;
import io.hopscope.ingest.warehouse.PromSamplesTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The Prometheus side of a run, per window: gauges' mean and peak, counters' rate, and classic
 * histograms' quantile estimates from the buckets' increase. Spark groups per window × series; the
 * estimates are made by the pure {@link HistogramQuantile}.
 */
final class PromScan {
  /** Series kept per run, so a huge export cannot flood the report. */
  static final int MAX_SERIES = 60;

  private PromScan() {}

  /** Memory series by metric name: resident set, working set, memory usage, heap in use. */
  static final java.util.regex.Pattern MEMORY =
      java.util.regex.Pattern.compile(
          "(?i).*(resident_memory|memory_rss|rss_bytes|working_set|memory_usage|heap_used"
              + "|heap_size).*");

  /**
   * Memory samples per series for the drift trend: the plateau is cut into this many equal time
   * buckets and each bucket averaged, so the trend sees the whole plateau however often it was
   * scraped, and Theil–Sen (quadratic in the points) stays cheap.
   */
  static final int MEMORY_BUCKETS = 600;

  /**
   * The samples of every memory gauge within a window (the longest plateau), bucketed evenly over
   * it, as {hours, value} in time order, for the soak drift; at most {@link #MAX_SERIES} series.
   */
  static Map<String, double[][]> memory(Dataset<Row> samples, Window w) {
    if (w == null) {
      return Map.of();
    }
    Column labels =
        expr(
            "array_join(array_sort(transform(map_entries(labels),"
                + " e -> concat(e.key, '=\"', e.value, '\"'))), ',')");
    long bucketNs = Math.max(1, (w.endNs() - w.startNs()) / MEMORY_BUCKETS);
    List<Row> rows =
        samples
            .where(
                col(PromSamplesTable.TS_NS)
                    .geq(w.startNs())
                    .and(col(PromSamplesTable.TS_NS).lt(w.endNs()))
                    .and(col(PromSamplesTable.METRIC).rlike(MEMORY.pattern()))
                    .and(functions.not(col(PromSamplesTable.METRIC).endsWith("_total")))
                    .and(functions.not(functions.isnan(col(PromSamplesTable.VALUE)))))
            .select(
                concat(col(PromSamplesTable.METRIC), lit("{"), labels, lit("}")).as("series"),
                functions
                    .floor(col(PromSamplesTable.TS_NS).minus(w.startNs()).divide(bucketNs))
                    .as("b"),
                col(PromSamplesTable.TS_NS),
                col(PromSamplesTable.VALUE))
            .groupBy(col("series"), col("b"))
            .agg(avg(col(PromSamplesTable.TS_NS)).as("t"), avg(col(PromSamplesTable.VALUE)).as("v"))
            .orderBy(col("series"), col("b"))
            .collectAsList();
    Map<String, List<double[]>> by = new TreeMap<>();
    for (Row r : rows) {
      List<double[]> l = by.get(r.getString(0));
      if (l == null) {
        if (by.size() >= MAX_SERIES) {
          continue;
        }
        l = new java.util.ArrayList<>();
        by.put(r.getString(0), l);
      }
      if (Double.isFinite(r.getDouble(3))) {
        l.add(new double[] {r.getDouble(2) / 3.6e12, r.getDouble(3)});
      }
    }
    Map<String, double[][]> out = new TreeMap<>();
    by.forEach((k, v) -> out.put(k, v.toArray(new double[0][])));
    return out;
  }

  static Map<Integer, Telemetry> scan(
      Dataset<Row> samples, List<Window> windows, List<String> warnings) {
    Column labelsNoLe =
        expr(
            "array_join(array_sort(transform(filter(map_entries(labels), e -> e.key != 'le'),"
                + " e -> concat(e.key, '=\"', e.value, '\"'))), ',')");
    Dataset<Row> p =
        samples
            .withColumn("w", RunScan.windowOf(col(PromSamplesTable.TS_NS), windows))
            .where(col("w").isNotNull())
            .withColumn(
                "series", concat(col(PromSamplesTable.METRIC), lit("{"), labelsNoLe, lit("}")))
            .withColumn("le", expr("labels['le']"));
    List<Row> rows =
        p.groupBy(col("w"), col("series"), col(PromSamplesTable.METRIC), col("le"))
            .agg(
                count(lit(1)).as("n"),
                avg(col(PromSamplesTable.VALUE)).as("mean"),
                max(col(PromSamplesTable.VALUE)).as("peak"),
                min_by(col(PromSamplesTable.VALUE), col(PromSamplesTable.TS_NS)).as("first"),
                max_by(col(PromSamplesTable.VALUE), col(PromSamplesTable.TS_NS)).as("last"),
                min(col(PromSamplesTable.TS_NS)).as("t0"),
                max(col(PromSamplesTable.TS_NS)).as("t1"))
            .orderBy(col("series"), col("w"))
            .collectAsList();
    java.util.Set<String> kept = new java.util.TreeSet<>();
    Map<Integer, List<Telemetry.SeriesStat>> series = new HashMap<>();
    // window -> histogram series -> le -> increase
    Map<Integer, Map<String, TreeMap<Double, Double>>> buckets = new HashMap<>();
    Map<String, String> bucketMetric = new HashMap<>();
    for (Row r : rows) {
      int w = r.getInt(0);
      String s = r.getString(1);
      String metric = r.getString(2);
      boolean bucket = !r.isNullAt(3) && metric.endsWith("_bucket");
      String key = bucket ? s.replaceFirst("_bucket\\{", "{") : s;
      if (!kept.contains(key)) {
        if (kept.size() >= MAX_SERIES) {
          continue;
        }
        kept.add(key);
      }
      long n = r.getLong(4);
      double first = r.getDouble(7);
      double last = r.getDouble(8);
      double seconds = (r.getLong(10) - r.getLong(9)) / 1e9;
      double increase = last >= first ? last - first : last; // a counter reset
      if (bucket) {
        if (n >= 2) {
          double le = leValue(r.getString(3));
          if (!Double.isNaN(le)) {
            buckets
                .computeIfAbsent(w, k -> new TreeMap<>())
                .computeIfAbsent(key, k -> new TreeMap<>())
                .merge(le, increase, Double::sum);
            bucketMetric.put(key, metric.substring(0, metric.length() - "_bucket".length()));
          }
        }
        continue;
      }
      boolean counter =
          metric.endsWith("_total") || metric.endsWith("_count") || metric.endsWith("_sum");
      double rate = counter && seconds > 0 ? increase / seconds : Double.NaN;
      series
          .computeIfAbsent(w, k -> new ArrayList<>())
          .add(
              new Telemetry.SeriesStat(
                  s, metric, counter, n, r.getDouble(5), r.getDouble(6), rate));
    }
    if (kept.size() >= MAX_SERIES) {
      warnings.add(
          "Prometheus telemetry was cut to the first "
              + MAX_SERIES
              + " series (by name); query the prom_samples table for the rest");
    }
    Map<Integer, Telemetry> out = new HashMap<>();
    for (Window win : windows) {
      List<Telemetry.HistogramStat> hs = new ArrayList<>();
      buckets
          .getOrDefault(win.index(), Map.of())
          .forEach(
              (key, les) -> {
                double[] le = les.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                double[] c = les.values().stream().mapToDouble(Double::doubleValue).toArray();
                HistogramQuantile.Estimate p50 = HistogramQuantile.of(0.50, le, c);
                if (Double.isNaN(p50.value())) {
                  return;
                }
                hs.add(
                    new Telemetry.HistogramStat(
                        key,
                        bucketMetric.get(key),
                        p50.count(),
                        p50,
                        HistogramQuantile.of(0.95, le, c),
                        HistogramQuantile.of(0.99, le, c)));
              });
      List<Telemetry.SeriesStat> ss = series.getOrDefault(win.index(), List.of());
      if (!ss.isEmpty() || !hs.isEmpty()) {
        hs.sort(java.util.Comparator.comparing(Telemetry.HistogramStat::series));
        out.put(win.index(), new Telemetry(ss, hs));
      }
    }
    return out;
  }

  private static double leValue(String le) {
    try {
      return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
