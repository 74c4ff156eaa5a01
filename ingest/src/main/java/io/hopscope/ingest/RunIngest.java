package io.hopscope.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hopscope.error.Problems;
import io.hopscope.ingest.donefile.DoneFileReader;
import io.hopscope.ingest.io.Checksums;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.Reject;
import io.hopscope.ingest.valkey.DoneStreamDrain;
import io.hopscope.ingest.valkey.DoneStreamTrim;
import io.hopscope.ingest.valkey.GroupFacts;
import io.hopscope.ingest.valkey.Progress;
import io.hopscope.ingest.valkey.ValkeyFacts;
import io.hopscope.ingest.valkey.ValkeyTarget;
import io.hopscope.ingest.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ingests runs: drains their done-stream entries (from Valkey and/or export files) into the {@code
 * jobs} and {@code rejects} tables, records each run's manifest in {@code runs}, and commits each
 * run's partitions atomically. Rows stream from source to Parquet. With {@code trimAfterIngest},
 * and only then, the committed entries are deleted from the done stream.
 */
public final class RunIngest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Warehouse warehouse;
  private final Clock clock;
  private final String version;
  private final Progress progress;

  public RunIngest(Warehouse warehouse, Clock clock, String version, Progress progress) {
    this.warehouse = warehouse;
    this.clock = clock;
    this.version = version;
    this.progress = progress;
  }

  public RunIngest(Warehouse warehouse, Clock clock, String version) {
    this(warehouse, clock, version, Progress.quiet());
  }

  /** Ingests exactly one run and returns what was written for it. */
  public IngestResult ingest(IngestRequest req) {
    if (req.runs().size() != 1) {
      throw new IllegalArgumentException("ingest() takes one run; use ingestAll()");
    }
    return ingestAll(req).get(0);
  }

  /** Ingests every run the request names (or finds), one result per committed run. */
  public List<IngestResult> ingestAll(IngestRequest req) {
    if (!req.hasSources()) {
      throw Problems.usage("nothing to ingest", "give --valkey URI and/or --done-file FILE");
    }
    List<SourceRecord> sources = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try (RunRouter router = new RunRouter(warehouse, req.runs())) {
      long otherRuns = 0;
      Set<String> seenRuns = new TreeSet<>();
      if (req.valkey().isPresent()) {
        ValkeyTarget target = req.valkey().get();
        DoneEntryParser parser =
            new DoneEntryParser(req.fields(), req.filter(), "valkey:" + req.stream());
        DoneStreamDrain.Result r =
            new DoneStreamDrain(target, req.stream(), req.drain(), progress).drain(parser, router);
        otherRuns += r.scanned() - r.jobs() - r.rejected();
        seenRuns.addAll(r.otherRuns());
        sources.add(valkeySource(req, target, r));
        if (r.warning() != null) {
          warnings.add(r.warning());
        }
        if (r.facts().lostEntries()) {
          warnings.add(
              "the done stream "
                  + req.stream()
                  + " had entries deleted or trimmed before the drain (entries-added "
                  + r.facts().entriesAdded()
                  + ", length "
                  + r.facts().length()
                  + "): completions may be missing");
        }
        List<GroupFacts> groups = ValkeyFacts.groups(target, req.jobsStream());
        sources.add(groupsSource(req, target, groups));
        for (GroupFacts g : groups) {
          if (g.unfinished() > 0) {
            warnings.add(
                "consumer group "
                    + g.name()
                    + " on "
                    + req.jobsStream()
                    + " still had "
                    + g.pending()
                    + " pending and "
                    + (g.lag() == null ? "an unknown number of" : g.lag())
                    + " undelivered jobs at ingest: lost or unfinished jobs");
          }
        }
      }
      for (Path file : req.doneFiles()) {
        DoneEntryParser parser = new DoneEntryParser(req.fields(), req.filter(), file.toString());
        DoneFileReader.Result r = DoneFileReader.read(file, parser, router);
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
      if (!req.k6Files().isEmpty()
          || !req.k6Summaries().isEmpty()
          || !req.promInputs().isEmpty()
          || req.promPull().isPresent()) {
        RunRouter.RunState run = router.state(req.runs().get(0).value());
        for (Path f : req.k6Files()) {
          sources.add(K6Ingest.points(f, run, warnings));
        }
        for (Path f : req.k6Summaries()) {
          sources.add(K6Ingest.summary(f, run));
        }
        for (Path p : req.promInputs()) {
          sources.addAll(PromIngest.read(p, run, warnings));
        }
        if (req.promPull().isPresent()) {
          // Last: the window comes from the other sources' timestamps.
          sources.addAll(
              PromIngest.readApi(req.promPull().get(), run, req.spec().orElse(null), warnings));
        }
      }
      router
          .invalidRuns()
          .forEach(
              (id, n) ->
                  warnings.add(
                      n
                          + " entries name the run id '"
                          + (id.length() > 80 ? id.substring(0, 80) + "…" : id)
                          + "', which is not a valid run id (1-128 of A-Z a-z 0-9 . _ -):"
                          + " skipped, the other runs were ingested"));
      List<RunRouter.RunState> found = router.runs();
      if (found.isEmpty() || found.stream().allMatch(s -> s.rows() == 0)) {
        throw Problems.missingData(
            "no done-stream entries or k6 samples for "
                + (req.runs().isEmpty() ? "any run" : "run '" + join(req.runs()) + "'")
                + " ("
                + otherRuns
                + " entries of other runs"
                + (seenRuns.isEmpty() ? "" : ", e.g. " + String.join(", ", seenRuns))
                + ")",
            "check --run-id against the 'run' field the gateway wrote");
      }
      for (RunRouter.RunState s : found) {
        if (s.kept() == 0 && s.rejected() > 0 && !req.runs().isEmpty()) {
          Reject first = s.firstReject();
          throw Problems.missingData(
              "every one of the "
                  + s.rejected()
                  + " records of run '"
                  + s.run()
                  + "' was rejected (the first, "
                  + first.source()
                  + " "
                  + first.location()
                  + ": "
                  + first.reason()
                  + "); nothing was written",
              "check that the sources are the run's and the field names (--field) match them");
        }
      }
      List<IngestResult> results = new ArrayList<>();
      for (RunRouter.RunState s : found) {
        if (s.rows() == 0) {
          warnings.add("run " + s.run() + " has no entries in the sources; not ingested");
          continue;
        }
        results.add(s.commit(req, sources, warnings, clock, version));
      }
      if (!req.trimAfterIngest()) {
        return results;
      }
      List<IngestResult> trimmed = new ArrayList<>();
      for (IngestResult r : results) {
        long deleted =
            DoneStreamTrim.deleteCommitted(
                warehouse, r.run(), req.valkey().get(), req.stream(), "valkey:" + req.stream());
        trimmed.add(r.withTrimmed(deleted));
      }
      return trimmed;
    }
  }

  private static String join(List<RunId> runs) {
    return String.join("', '", runs.stream().map(RunId::value).toList());
  }

  private static SourceRecord valkeySource(
      IngestRequest req, ValkeyTarget target, DoneStreamDrain.Result r) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("stream", req.stream());
    facts.put("length", r.facts().length());
    facts.put("first_id", r.facts().firstId());
    facts.put("last_generated_id", r.facts().lastGeneratedId());
    facts.put("entries_added", r.facts().entriesAdded());
    facts.put("max_deleted_entry_id", r.facts().maxDeletedEntryId());
    facts.put("reconnects", r.reconnects());
    return new SourceRecord(
        "valkey-stream",
        target.display() + " " + req.stream(),
        -1,
        null,
        counts(r.scanned(), r.jobs(), r.rejected()),
        facts);
  }

  private static SourceRecord groupsSource(
      IngestRequest req, ValkeyTarget target, List<GroupFacts> groups) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("stream", req.jobsStream());
    facts.put("groups", groups);
    return new SourceRecord(
        "valkey-groups", target.display() + " " + req.jobsStream(), -1, null, Map.of(), facts);
  }

  static Map<String, Long> counts(long read, long jobs, long rejected) {
    return counts(read, "jobs", jobs, rejected);
  }

  /** A source's counts: records read, kept (named after what they are), rejected. */
  static Map<String, Long> counts(long read, String kept, long rows, long rejected) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("read", read);
    m.put(kept, rows);
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

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
