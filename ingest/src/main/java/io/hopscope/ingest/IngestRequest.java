package io.hopscope.ingest;

import io.hopscope.error.Problems;
import io.hopscope.ingest.jobs.DoneFields;
import io.hopscope.ingest.jobs.RunFilter;
import io.hopscope.ingest.prom.PromPull;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.valkey.DoneStreamDrain;
import io.hopscope.ingest.valkey.ValkeyTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ingest.
 *
 * @param runs the runs to take: one or several ids, or empty for every run found on the done stream
 *     and in the done files
 * @param spec the run spec; only with exactly one run (several runs take their specs later, at
 *     analyze)
 * @param valkey the server holding the done stream, when there is one
 * @param stream the done-stream key
 * @param jobsStream the jobs stream whose consumer groups are recorded (lost/unfinished jobs)
 * @param doneFiles done-stream exports (NDJSON, optionally gzip)
 * @param k6Files k6 {@code --out json} or {@code --out csv} files (optionally gzip); one run only
 * @param k6Summaries k6 end-of-test summaries; one run only
 * @param promInputs Prometheus exports (files or directories of query results); one run only
 * @param promPull a Prometheus server to query over the run's window ({@code --prom-url}); one run
 *     only
 * @param trimAfterIngest delete the ingested entries from the done stream once their rows are
 *     committed and verified
 */
public record IngestRequest(
    List<RunId> runs,
    Optional<RunSpec> spec,
    Optional<ValkeyTarget> valkey,
    String stream,
    String jobsStream,
    List<Path> doneFiles,
    List<Path> k6Files,
    List<Path> k6Summaries,
    List<Path> promInputs,
    Optional<PromPull> promPull,
    DoneFields fields,
    DoneStreamDrain.Options drain,
    boolean trimAfterIngest) {

  /** The done stream the reference worker writes. */
  public static final String DEFAULT_STREAM = "stella:perf:done";

  /** The jobs stream the reference gateway writes and the workers' group reads. */
  public static final String DEFAULT_JOBS_STREAM = "stella:perf:jobs";

  public IngestRequest {
    runs = List.copyOf(runs);
    Objects.requireNonNull(spec);
    Objects.requireNonNull(valkey);
    Objects.requireNonNull(stream);
    Objects.requireNonNull(jobsStream);
    doneFiles = List.copyOf(doneFiles);
    k6Files = List.copyOf(k6Files);
    k6Summaries = List.copyOf(k6Summaries);
    promInputs = List.copyOf(promInputs);
    Objects.requireNonNull(promPull);
    Objects.requireNonNull(fields);
    Objects.requireNonNull(drain);
    if (spec.isPresent() && runs.size() != 1) {
      throw Problems.usage(
          "a run spec belongs to one run, but "
              + (runs.isEmpty() ? "all runs" : runs.size() + " runs")
              + " were asked for",
          "ingest several runs without --spec, then analyze each with its own --spec");
    }
    if ((!k6Files.isEmpty()
            || !k6Summaries.isEmpty()
            || !promInputs.isEmpty()
            || promPull.isPresent())
        && runs.size() != 1) {
      throw Problems.usage(
          "k6 and Prometheus files belong to one run, but "
              + (runs.isEmpty() ? "all runs" : runs.size() + " runs")
              + " were asked for",
          "ingest k6 output with a single --run-id");
    }
    if (trimAfterIngest && valkey.isEmpty()) {
      throw Problems.usage("--trim-after-ingest needs --valkey", "drop it, or drain from Valkey");
    }
  }

  /** One run from the given sources, with its spec; the common case. */
  public static IngestRequest single(
      RunId run, RunSpec spec, Optional<ValkeyTarget> valkey, String stream, List<Path> doneFiles) {
    return new IngestRequest(
        List.of(run),
        Optional.of(spec),
        valkey,
        stream,
        DEFAULT_JOBS_STREAM,
        doneFiles,
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        DoneFields.DEFAULT,
        DoneStreamDrain.Options.defaults(),
        false);
  }

  public boolean hasSources() {
    return valkey.isPresent()
        || !doneFiles.isEmpty()
        || !k6Files.isEmpty()
        || !k6Summaries.isEmpty()
        || !promInputs.isEmpty()
        || promPull.isPresent();
  }

  /** A copy with k6 and Prometheus inputs set. */
  public IngestRequest withK6AndProm(List<Path> files, List<Path> summaries, List<Path> prom) {
    return new IngestRequest(
        runs,
        spec,
        valkey,
        stream,
        jobsStream,
        doneFiles,
        files,
        summaries,
        prom,
        promPull,
        fields,
        drain,
        trimAfterIngest);
  }

  public RunFilter filter() {
    return runs.isEmpty()
        ? RunFilter.all()
        : RunFilter.of(runs.stream().map(RunId::value).toList());
  }
}
