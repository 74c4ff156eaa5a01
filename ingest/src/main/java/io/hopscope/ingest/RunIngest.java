package io.hopscope.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hopscope.error.Problems;
import io.hopscope.ingest.donefile.DoneFileReader;
import io.hopscope.ingest.io.Checksums;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.JobRecord;
import io.hopscope.ingest.jobs.JobSink;
import io.hopscope.ingest.jobs.Reject;
import io.hopscope.ingest.valkey.DoneStreamDrain;
import io.hopscope.ingest.valkey.ValkeyTarget;
import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.RejectsTable;
import io.hopscope.ingest.warehouse.RunManifest;
import io.hopscope.ingest.warehouse.RunWrite;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableWriter;
import io.hopscope.ingest.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ingests one run: drains its done-stream entries (from Valkey and/or export files) into the {@code
 * jobs} and {@code rejects} tables, records the manifest in {@code runs}, and commits the run's
 * partitions atomically. Rows stream from source to Parquet.
 */
public final class RunIngest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Warehouse warehouse;
  private final Clock clock;
  private final String version;

  public RunIngest(Warehouse warehouse, Clock clock, String version) {
    this.warehouse = warehouse;
    this.clock = clock;
    this.version = version;
  }

  public IngestResult ingest(IngestRequest req) {
    if (!req.hasSources()) {
      throw Problems.usage(
          "nothing to ingest for run " + req.run(), "give --valkey URI and/or --done-file FILE");
    }
    List<SourceRecord> sources = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try (RunWrite write = warehouse.beginRun(req.run())) {
      Sink sink = new Sink(write.open(JobsTable.TABLE), write.open(RejectsTable.TABLE));
      long otherRuns = 0;
      java.util.Set<String> seenRuns = new java.util.TreeSet<>();
      if (req.valkey().isPresent()) {
        ValkeyTarget target = req.valkey().get();
        DoneEntryParser parser =
            new DoneEntryParser(req.fields(), req.run().value(), "valkey:" + req.stream());
        DoneStreamDrain.Result r =
            new DoneStreamDrain(target, req.stream(), DoneStreamDrain.DEFAULT_PAGE)
                .drain(parser, sink);
        otherRuns += r.scanned() - r.jobs() - r.rejected();
        seenRuns.addAll(r.otherRuns());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("stream", req.stream());
        facts.put("length", r.facts().length());
        facts.put("last_generated_id", r.facts().lastGeneratedId());
        facts.put("entries_added", r.facts().entriesAdded());
        facts.put("max_deleted_entry_id", r.facts().maxDeletedEntryId());
        sources.add(
            new SourceRecord(
                "valkey-stream",
                target.display() + " " + req.stream(),
                -1,
                null,
                counts(r.scanned(), r.jobs(), r.rejected()),
                facts));
        if (r.facts().lostEntries()) {
          warnings.add(
              "the done stream "
                  + req.stream()
                  + " had entries deleted or trimmed (entries-added "
                  + r.facts().entriesAdded()
                  + ", length "
                  + r.facts().length()
                  + "): completions may be missing");
        }
      }
      for (Path file : req.doneFiles()) {
        DoneEntryParser parser =
            new DoneEntryParser(req.fields(), req.run().value(), file.toString());
        DoneFileReader.Result r = DoneFileReader.read(file, parser, sink);
        otherRuns += r.otherRuns();
        seenRuns.addAll(r.otherRunIds());
        Map<String, Object> facts = new LinkedHashMap<>();
        if (r.header() != null) {
          facts.put("header", r.header());
        }
        sources.add(
            new SourceRecord(
                "done-file",
                file.toString(),
                size(file),
                Checksums.sha256(file),
                counts(r.lines(), r.jobs(), r.rejected()),
                facts));
      }
      if (sink.jobs == 0 && sink.rejected == 0) {
        throw Problems.missingData(
            "no done-stream entries for run '"
                + req.run()
                + "' ("
                + otherRuns
                + " entries of other runs"
                + (seenRuns.isEmpty() ? "" : ", e.g. " + String.join(", ", seenRuns))
                + ")",
            "check --run-id against the 'run' field the gateway wrote");
      }
      if (sink.rejected > 0) {
        warnings.add(
            sink.rejected
                + " done-stream entries were rejected (see the rejects table), "
                + sink.jobs
                + " kept");
      }
      long t0 = req.spec().startNs().orElse(sink.jobs > 0 ? sink.minEnqNs : 0);
      RunManifest manifest =
          new RunManifest(
              req.run().value(),
              req.spec().scenarioName(),
              t0,
              sink.maxDoneNs,
              toJson(req.spec().document()),
              toJson(sources),
              nanos(clock.instant()),
              version);
      TableWriter<RunManifest> runs = write.open(RunsTable.TABLE);
      runs.write(manifest);
      Map<String, Long> rows = write.commit();
      return new IngestResult(
          req.run(),
          rows.getOrDefault(JobsTable.NAME, 0L),
          rows.getOrDefault(RejectsTable.NAME, 0L),
          manifest,
          sources,
          warnings);
    }
  }

  private static Map<String, Long> counts(long read, long jobs, long rejected) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("read", read);
    m.put("jobs", jobs);
    m.put("rejected", rejected);
    return m;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw Problems.badFile(file, "cannot read size", "check the file", e);
    }
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** Counts while it writes. */
  private static final class Sink implements JobSink {
    private final TableWriter<JobRecord> jobsOut;
    private final TableWriter<Reject> rejectsOut;
    private long jobs;
    private long rejected;
    private long minEnqNs = Long.MAX_VALUE;
    private long maxDoneNs;

    Sink(TableWriter<JobRecord> jobsOut, TableWriter<Reject> rejectsOut) {
      this.jobsOut = jobsOut;
      this.rejectsOut = rejectsOut;
    }

    @Override
    public void job(JobRecord job) {
      jobsOut.write(job);
      jobs++;
      minEnqNs = Math.min(minEnqNs, job.enqNs());
      maxDoneNs = Math.max(maxDoneNs, job.doneNs());
    }

    @Override
    public void reject(Reject reject) {
      rejectsOut.write(reject);
      rejected++;
    }
  }
}
