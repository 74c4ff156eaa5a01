package io.hopscope.ingest;

import io.hopscope.ingest.jobs.JobBatch;
import io.hopscope.ingest.jobs.JobSink;
import io.hopscope.ingest.jobs.Reject;
import io.hopscope.ingest.k6.K6Point;
import io.hopscope.ingest.k6.K6SummaryStat;
import io.hopscope.ingest.k6.K6Threshold;
import io.hopscope.ingest.prom.PromSample;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.K6PointsTable;
import io.hopscope.ingest.warehouse.PromSamplesTable;
import io.hopscope.ingest.warehouse.RejectsTable;
import io.hopscope.ingest.warehouse.RunManifest;
import io.hopscope.ingest.warehouse.RunWrite;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableWriter;
import io.hopscope.ingest.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends each run's rows to that run's staged tables. Runs named up front are opened at once; others
 * are opened when their first row arrives (ingest of every run found). Closing abandons whatever
 * was not committed.
 *
 * <p>Its size is the routing of rows to runs with their per-run state (id checks, staged writes,
 * manifests), which the readers all share.
 */
final class RunRouter implements JobSink, AutoCloseable {
  private final Warehouse warehouse;
  private final Map<String, RunState> runs = new LinkedHashMap<>();
  private final Map<String, Long> invalid = new java.util.TreeMap<>();

  RunRouter(Warehouse warehouse, List<RunId> named) {
    this.warehouse = warehouse;
    for (RunId r : named) {
      state(r.value());
    }
  }

  @Override
  public void jobs(JobBatch batch) {
    RunState last = null;
    String lastRun = null;
    for (int i = 0; i < batch.size(); i++) {
      String run = batch.run(i);
      if (lastRun == null || !run.equals(lastRun)) {
        last = found(run);
        lastRun = run;
      }
      if (last != null) {
        last.job(batch, i);
      }
    }
  }

  @Override
  public void reject(String run, Reject reject) {
    RunState s = found(run);
    if (s != null) {
      s.reject(reject);
    }
  }

  /**
   * The state of a run found in the sources, or null (and counted) when its id cannot be a run id:
   * ingesting every run found skips such a run and reports it instead of stopping them all.
   */
  private RunState found(String run) {
    if (!runs.containsKey(run) && !RunId.isValid(run)) {
      invalid.merge(run, 1L, Long::sum);
      return null;
    }
    return state(run);
  }

  /** Entries skipped because their run id is not a valid one, by that id. */
  Map<String, Long> invalidRuns() {
    return invalid;
  }

  List<RunState> runs() {
    return new ArrayList<>(runs.values());
  }

  RunState state(String run) {
    RunState s = runs.get(run);
    if (s == null) {
      s = new RunState(warehouse.beginRun(new RunId(run), RunsTable.FAMILY));
      runs.put(run, s);
    }
    return s;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (RunState s : runs.values()) {
      try {
        s.write.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** One run's staged tables and what went into them. */
  static final class RunState {
    private final RunWrite write;
    private final TableWriter<JobBatch.Cursor> jobs;
    private JobBatch.Cursor cursor;
    private final TableWriter<Reject> rejects;
    private long clockSkewed;
    private Reject firstReject;
    private TableWriter<K6Point> k6;
    private TableWriter<K6SummaryStat> k6Summary;
    private TableWriter<K6Threshold> k6Thresholds;
    private TableWriter<PromSample> prom;
    private long minEnqNs = Long.MAX_VALUE;
    private long maxDoneNs;
    private long minScenarioTsNs = Long.MAX_VALUE;
    private long minK6TsNs = Long.MAX_VALUE;
    private long maxK6TsNs = Long.MIN_VALUE;

    RunState(RunWrite write) {
      this.write = write;
      this.jobs = write.open(io.hopscope.ingest.jobs.JobRows.JOBS);
      this.rejects = write.open(io.hopscope.ingest.jobs.JobRows.REJECTS);
    }

    RunId run() {
      return write.run();
    }

    /** Rows kept (not rejected) in every table. */
    long kept() {
      return rows() - rejects.rows();
    }

    long rejected() {
      return rejects.rows();
    }

    Reject firstReject() {
      return firstReject;
    }

    long rows() {
      return jobs.rows()
          + rejects.rows()
          + (k6 == null ? 0 : k6.rows())
          + (k6Summary == null ? 0 : k6Summary.rows())
          + (prom == null ? 0 : prom.rows());
    }

    /** Where this run's Prometheus samples (and their rejects) go. */
    RowSink<PromSample> promSink() {
      if (prom == null) {
        prom = write.open(io.hopscope.ingest.prom.PromRows.SAMPLES);
      }
      return new RowSink<>() {
        @Override
        public void row(PromSample s) {
          prom.write(s);
        }

        @Override
        public void reject(Reject r) {
          RunState.this.reject(r);
        }
      };
    }

    /** Where this run's k6 points (and their rejects) go. */
    RowSink<K6Point> k6Sink() {
      if (k6 == null) {
        k6 = write.open(io.hopscope.ingest.k6.K6Rows.POINTS);
      }
      return new RowSink<>() {
        @Override
        public void row(K6Point p) {
          k6.write(p);
          minK6TsNs = Math.min(minK6TsNs, p.tsNs());
          maxK6TsNs = Math.max(maxK6TsNs, p.tsNs());
          if (p.tag("scenario") != null) {
            minScenarioTsNs = Math.min(minScenarioTsNs, p.tsNs());
          }
        }

        @Override
        public void reject(Reject r) {
          RunState.this.reject(r);
        }
      };
    }

    void summaryStat(K6SummaryStat s) {
      if (k6Summary == null) {
        k6Summary = write.open(io.hopscope.ingest.k6.K6Rows.SUMMARY);
      }
      k6Summary.write(s);
    }

    void threshold(K6Threshold t) {
      if (k6Thresholds == null) {
        k6Thresholds = write.open(io.hopscope.ingest.k6.K6Rows.THRESHOLDS);
      }
      k6Thresholds.write(t);
    }

    /** t0 of the schedule: the spec's start_ns, else {@link #firstNs()}. */
    long startNs(RunSpec spec) {
      return spec != null && spec.startNs().isPresent() ? spec.startNs().getAsLong() : firstNs();
    }

    /** The last timestamp in the run's evidence (done, k6 sample, summary written), 0 if none. */
    long endNs() {
      long end = Math.max(maxDoneNs, maxK6TsNs == Long.MIN_VALUE ? 0 : maxK6TsNs);
      if (end <= 0 && summaryEndNs > 0) {
        end = summaryEndNs;
      }
      return end;
    }

    /** When the run began: the first enqueue, else k6's first scenario sample, else any. */
    long firstNs() {
      if (jobs.rows() > 0) {
        return minEnqNs;
      }
      if (minScenarioTsNs != Long.MAX_VALUE) {
        return minScenarioTsNs;
      }
      if (minK6TsNs != Long.MAX_VALUE) {
        return minK6TsNs;
      }
      // A summary alone: it was written as the test ended, after its duration.
      if (summaryEndNs > 0) {
        return Double.isNaN(summaryDurationMs)
            ? summaryEndNs
            : summaryEndNs - Math.round(summaryDurationMs * 1e6);
      }
      return 0;
    }

    private long summaryEndNs = -1;
    private double summaryDurationMs = Double.NaN;

    /** A k6 summary of this run was written at {@code endNs} and covers {@code durationMs}. */
    void summaryWritten(long endNs, double durationMs) {
      summaryEndNs = Math.max(summaryEndNs, endNs);
      if (!Double.isNaN(durationMs)) {
        summaryDurationMs = durationMs;
      }
    }

    void job(JobBatch batch, int row) {
      if (cursor == null || cursor.batch() != batch) {
        cursor = batch.cursor();
      }
      jobs.write(cursor.at(row));
      minEnqNs = Math.min(minEnqNs, batch.enqNs(row));
      maxDoneNs = Math.max(maxDoneNs, batch.doneNs(row));
    }

    void reject(Reject reject) {
      if (firstReject == null) {
        firstReject = reject;
      }
      rejects.write(reject);
      if (reject.reason().startsWith("clock skew")) {
        clockSkewed++;
      }
    }

    /** Writes the manifest and swaps the run's partitions into place. */
    IngestResult commit(
        IngestRequest req,
        List<SourceRecord> sources,
        List<String> shared,
        Clock clock,
        String version) {
      List<String> warnings = new ArrayList<>(shared);
      if (rejects.rows() > 0) {
        warnings.add(
            rejects.rows()
                + " records of run "
                + run()
                + " were rejected (see the rejects table), "
                + (jobs.rows() + (k6 == null ? 0 : k6.rows()))
                + " kept");
      }
      if (clockSkewed > 0) {
        warnings.add(
            clockSkewed
                + " entries of run "
                + run()
                + " were claimed before they were enqueued or done before they were claimed:"
                + " the gateway's and the workers' clocks disagree (clock skew); sync them (NTP,"
                + " chrony) before trusting queue delay and service time");
      }
      RunSpec spec = req.spec().orElse(null);
      long t0 = startNs(spec);
      long end = endNs();
      RunManifest manifest =
          new RunManifest(
              run().value(),
              spec == null ? null : spec.scenarioName(),
              t0,
              end,
              spec == null ? "null" : RunIngest.toJson(spec.document()),
              RunIngest.toJson(sources),
              nanos(clock.instant()),
              version,
              null,
              null);
      RunWrite.Committed committed =
          write.commit(RunsTable.TABLE, c -> manifest.committedAs(c.writeId(), c.snapshots()));
      Map<String, Long> rows = committed.rows();
      return new IngestResult(
          run(),
          rows.getOrDefault(JobsTable.NAME, 0L),
          rows.getOrDefault(RejectsTable.NAME, 0L),
          rows.getOrDefault(K6PointsTable.NAME, 0L),
          rows.getOrDefault(PromSamplesTable.NAME, 0L),
          manifest.committedAs(committed.writeId(), committed.snapshots()),
          sources,
          warnings,
          -1);
    }

    private static long nanos(Instant t) {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
  }
}
