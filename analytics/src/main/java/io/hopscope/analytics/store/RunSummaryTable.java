package io.hopscope.analytics.store;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import io.hopscope.ingest.warehouse.Columns;
import io.hopscope.ingest.warehouse.TableDef;
import io.hopscope.ingest.warehouse.TableFamily;
import java.util.Map;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** The derived {@code run_summary} table: one row per analysed run (what trends and gates read). */
public final class RunSummaryTable {
  public static final String NAME = "run_summary";
  public static final String SCENARIO = "scenario";
  public static final String FINGERPRINT = "fingerprint";
  public static final String FINGERPRINT_JSON = "fingerprint_json";
  public static final String T0_NS = "t0_ns";
  public static final String ANALYZED_AT_NS = "analyzed_at_ns";
  public static final String HOPSCOPE_VERSION = "hopscope_version";
  public static final String GATES_PASSED = "gates_passed";
  public static final String KNEE_PLATEAU = "knee_plateau";
  public static final String KNEE_OFFERED_RPS = "knee_offered_rps";
  public static final String CAPACITY_PER_WORKER_RPS = "capacity_per_worker_rps";
  public static final String MEAN_SERVICE_MS = "mean_service_ms";
  public static final String ERROR_RATE = "error_rate";
  public static final String DRAIN_SECONDS = "drain_seconds";
  public static final String MAX_P95_HOP_MS = "max_p95_hop_ms";
  public static final String JOBS = "jobs";
  public static final String K6_POINTS = "k6_points";
  public static final String REJECTED = "rejected";
  public static final String GATEWAY_SHA = "gateway_sha";
  public static final String WORKER_SHA = "worker_sha";
  public static final String WORKERS = "workers";
  public static final String SPEC = "spec";
  public static final String ANALYSIS = "analysis";
  public static final String INGEST_WRITE_ID = "ingest_write_id";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .optional(BINARY)
          .as(stringType())
          .named(SCENARIO)
          .required(BINARY)
          .as(stringType())
          .named(FINGERPRINT)
          .required(BINARY)
          .as(stringType())
          .named(FINGERPRINT_JSON)
          .required(INT64)
          .named(T0_NS)
          .required(INT64)
          .named(ANALYZED_AT_NS)
          .required(BINARY)
          .as(stringType())
          .named(HOPSCOPE_VERSION)
          .required(BOOLEAN)
          .named(GATES_PASSED)
          .optional(INT32)
          .named(KNEE_PLATEAU)
          .optional(DOUBLE)
          .named(KNEE_OFFERED_RPS)
          .optional(DOUBLE)
          .named(CAPACITY_PER_WORKER_RPS)
          .optional(DOUBLE)
          .named(MEAN_SERVICE_MS)
          .optional(DOUBLE)
          .named(ERROR_RATE)
          .optional(DOUBLE)
          .named(DRAIN_SECONDS)
          .optional(DOUBLE)
          .named(MAX_P95_HOP_MS)
          .required(INT64)
          .named(JOBS)
          .required(INT64)
          .named(K6_POINTS)
          .required(INT64)
          .named(REJECTED)
          .optional(BINARY)
          .as(stringType())
          .named(GATEWAY_SHA)
          .optional(BINARY)
          .as(stringType())
          .named(WORKER_SHA)
          .optional(INT32)
          .named(WORKERS)
          .required(BINARY)
          .as(stringType())
          .named(SPEC)
          .required(BINARY)
          .as(stringType())
          .named(ANALYSIS)
          .optional(BINARY)
          .as(stringType())
          .named(INGEST_WRITE_ID)
          .optional(BINARY)
          .as(stringType())
          .named(TableFamily.WRITE_ID)
          .addField(Columns.longMap(TableFamily.SNAPSHOTS))
          .named(NAME);

  /**
   * A committed row: the summary, the ingested version it was computed from, and the version of the
   * derived tables it heads.
   */
  public record Head(
      RunSummaryRow summary, String ingestWriteId, String writeId, Map<String, Long> snapshots) {}

  public static final TableDef<Head> TABLE =
      new TableDef<>(
          NAME,
          SCHEMA,
          (h, row) -> {
            RunSummaryRow r = h.summary();
            row.string(SCENARIO, r.scenario())
                .string(FINGERPRINT, r.fingerprint())
                .string(FINGERPRINT_JSON, r.fingerprintJson())
                .int64(T0_NS, r.t0Ns())
                .int64(ANALYZED_AT_NS, r.analyzedAtNs())
                .string(HOPSCOPE_VERSION, r.hopscopeVersion())
                .bool(GATES_PASSED, r.gatesPassed())
                .int32(KNEE_PLATEAU, r.kneePlateau())
                .float64(KNEE_OFFERED_RPS, r.kneeOfferedRps())
                .float64(CAPACITY_PER_WORKER_RPS, r.capacityPerWorkerRps())
                .float64(MEAN_SERVICE_MS, r.meanServiceMs())
                .float64(ERROR_RATE, r.errorRate())
                .float64(DRAIN_SECONDS, r.drainSeconds())
                .float64(MAX_P95_HOP_MS, r.maxP95HopMs())
                .int64(JOBS, r.jobs())
                .int64(K6_POINTS, r.k6Points())
                .int64(REJECTED, r.rejected())
                .string(GATEWAY_SHA, r.gatewaySha())
                .string(WORKER_SHA, r.workerSha())
                .int32(WORKERS, r.workers())
                .string(SPEC, r.specJson())
                .string(ANALYSIS, r.analysisJson())
                .string(INGEST_WRITE_ID, h.ingestWriteId())
                .string(TableFamily.WRITE_ID, h.writeId())
                .longMap(TableFamily.SNAPSHOTS, h.snapshots());
          });

  private RunSummaryTable() {}
}
