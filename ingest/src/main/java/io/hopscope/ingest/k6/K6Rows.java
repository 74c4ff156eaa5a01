package io.hopscope.ingest.k6;

import static io.hopscope.ingest.warehouse.K6PointsTable.ERROR_CODE;
import static io.hopscope.ingest.warehouse.K6PointsTable.EXPECTED_RESPONSE;
import static io.hopscope.ingest.warehouse.K6PointsTable.GROUP;
import static io.hopscope.ingest.warehouse.K6PointsTable.METADATA;
import static io.hopscope.ingest.warehouse.K6PointsTable.METHOD;
import static io.hopscope.ingest.warehouse.K6PointsTable.METRIC_TYPE;
import static io.hopscope.ingest.warehouse.K6PointsTable.NAME_TAG;
import static io.hopscope.ingest.warehouse.K6PointsTable.SCENARIO;
import static io.hopscope.ingest.warehouse.K6PointsTable.STATUS;
import static io.hopscope.ingest.warehouse.K6PointsTable.TAGS;
import static io.hopscope.ingest.warehouse.K6PointsTable.TS_NS;

import io.hopscope.ingest.warehouse.K6PointsTable;
import io.hopscope.ingest.warehouse.K6SummaryTable;
import io.hopscope.ingest.warehouse.K6ThresholdsTable;
import io.hopscope.ingest.warehouse.TableDef;

/** How k6's points, summary statistics and threshold verdicts become warehouse rows. */
public final class K6Rows {
  public static final TableDef<K6Point> POINTS =
      K6PointsTable.TABLE.withWriter(
          (p, row) ->
              row.string(K6PointsTable.METRIC, p.metric())
                  .string(METRIC_TYPE, p.metricType())
                  .int64(TS_NS, p.tsNs())
                  .float64Required(K6PointsTable.VALUE, p.value())
                  .string(SCENARIO, p.tag("scenario"))
                  .string(NAME_TAG, p.tag("name"))
                  .string(METHOD, p.tag("method"))
                  .string(STATUS, p.tag("status"))
                  .string(EXPECTED_RESPONSE, p.tag("expected_response"))
                  .string(ERROR_CODE, p.tag("error_code"))
                  .string(GROUP, p.tags().get("group"))
                  .stringMap(TAGS, p.tags())
                  .stringMap(METADATA, p.metadata()));

  public static final TableDef<K6SummaryStat> SUMMARY =
      K6SummaryTable.TABLE.withWriter(
          (s, row) ->
              row.string(K6SummaryTable.METRIC, s.metric())
                  .string(K6SummaryTable.STAT, s.stat())
                  .float64Required(K6SummaryTable.VALUE, s.value()));

  public static final TableDef<K6Threshold> THRESHOLDS =
      K6ThresholdsTable.TABLE.withWriter(
          (t, row) ->
              row.string(K6ThresholdsTable.METRIC, t.metric())
                  .string(K6ThresholdsTable.EXPRESSION, t.expression())
                  .bool(K6ThresholdsTable.PASSED, t.passed()));

  private K6Rows() {}
}
