package io.hopscope.analytics.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.K6PointsTable;
import io.hopscope.ingest.warehouse.RunSnapshots;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableDef;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The measured-baseline table teams fill by hand after a run (scenario, p50/p95/p99, date, commit),
 * from the warehouse: exact percentiles over each whole run, of k6's {@code http_req_duration} per
 * k6 scenario (and over all scenarios), and of the hop when the run has jobs.
 */
public final class MeasuredBaselines {
  /** What a row measures. */
  public static final String HTTP = "http_req_duration";

  public static final String HOP = "hop";

  /** All scenarios of the run together. */
  public static final String ALL = "(all)";

  private static final String SEP = "\u001f";

  private MeasuredBaselines() {}

  /** The rows of these runs, ordered by run (as given), metric and scenario. */
  public static List<MeasuredBaseline> of(SparkSession spark, Warehouse wh, List<String> runIds) {
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < runIds.size(); i++) {
      order.put(runIds.get(i), i);
    }
    List<MeasuredBaseline> out = new ArrayList<>();
    Dataset<Row> k6 = table(spark, wh, K6PointsTable.TABLE, runIds);
    if (k6 != null) {
      Dataset<Row> d =
          k6.where(col(K6PointsTable.METRIC).equalTo(HTTP))
              .withColumn(
                  "ns", functions.round(col(K6PointsTable.VALUE).multiply(1e6)).cast("long"));
      // Per scenario and over all scenarios, in one pass.
      ExactStats.Result r =
          ExactStats.run(
              d,
              List.of(
                  new ExactStats.Family(
                      concat_ws(
                          SEP,
                          col(TableDef.RUN_ID),
                          coalesce(col(K6PointsTable.SCENARIO), lit(""))),
                      0),
                  new ExactStats.Family(concat_ws(SEP, col(TableDef.RUN_ID), lit(ALL)), 0)),
              List.of(col("ns")));
      Map<String, LatencyStats[]> stats = new HashMap<>();
      for (int f = 0; f < 2; f++) {
        r.family(f).forEach((k, c) -> stats.put((String) k, c.columns()));
      }
      Map<String, Double> errors = errorRates(k6);
      stats.forEach(
          (key, s) -> {
            String[] parts = key.split(SEP, -1);
            out.add(
                new MeasuredBaseline(
                    parts[0], HTTP, parts[1], s[0], errors.getOrDefault(key, Double.NaN)));
          });
    }
    Dataset<Row> jobs = table(spark, wh, JobsTable.TABLE, runIds);
    if (jobs != null) {
      ExactStats.byKey(jobs, col(TableDef.RUN_ID), List.of(col(JobsTable.HOP_NS)))
          .forEach((run, s) -> out.add(new MeasuredBaseline(run, HOP, ALL, s[0], Double.NaN)));
    }
    out.sort(
        Comparator.comparing(
                (MeasuredBaseline r) -> order.getOrDefault(r.runId(), Integer.MAX_VALUE))
            .thenComparing(MeasuredBaseline::metric)
            .thenComparing(r -> r.scenario().equals(ALL) ? "" : "\u0001" + r.scenario()));
    return out;
  }

  private static Map<String, Double> errorRates(Dataset<Row> k6) {
    Dataset<Row> failed = k6.where(col(K6PointsTable.METRIC).equalTo(K6Scan.HTTP_REQ_FAILED));
    Map<String, Double> out = new HashMap<>();
    for (Dataset<Row> d :
        List.of(
            failed.withColumn(
                "k",
                concat_ws(
                    SEP, col(TableDef.RUN_ID), coalesce(col(K6PointsTable.SCENARIO), lit("")))),
            failed.withColumn("k", concat_ws(SEP, col(TableDef.RUN_ID), lit(ALL))))) {
      for (Row r : d.groupBy("k").agg(functions.avg(col(K6PointsTable.VALUE))).collectAsList()) {
        out.put(r.getString(0), r.getDouble(1));
      }
    }
    return out;
  }

  /** The table's rows of these runs with a run_id column; null when none of them has any. */
  private static Dataset<Row> table(
      SparkSession spark, Warehouse wh, TableDef<?> t, List<String> runIds) {
    List<RunSnapshots> versions =
        RunSnapshots.of(
            wh, RunsTable.FAMILY, runIds.stream().map(io.hopscope.ingest.RunId::new).toList());
    long rows = 0;
    for (RunSnapshots v : versions) {
      rows += TableReader.rowCount(wh, v, t);
    }
    return rows == 0 ? null : WarehouseTables.runs(spark, wh, t, versions);
  }
}
