package io.hopscope.ingest.valkey;

import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.JobRecord;
import io.hopscope.ingest.jobs.JobSink;
import io.hopscope.ingest.jobs.Reject;
import java.util.ArrayList;
import java.util.List;

/**
 * One XRANGE page, parsed: the jobs and rejects it holds, by run, in stream order, and the last id
 * read (where the next page starts, exclusive). Filled on a fetcher thread, replayed into the real
 * sink on the writer thread.
 */
final class Page implements JobSink {
  final List<String> jobRuns = new ArrayList<>();
  final List<JobRecord> jobs = new ArrayList<>();
  final List<String> rejectRuns = new ArrayList<>();
  final List<Reject> rejects = new ArrayList<>();
  final List<String> otherRuns = new ArrayList<>(2);
  int entries;
  int others;
  String lastId;

  @Override
  public void job(String run, JobRecord job) {
    jobRuns.add(run);
    jobs.add(job);
  }

  @Override
  public void reject(String run, Reject reject) {
    rejectRuns.add(run);
    rejects.add(reject);
  }

  boolean wantsOtherRunName() {
    return otherRuns.size() < 2;
  }

  void counted(String id, DoneEntryParser.Outcome outcome, String run) {
    entries++;
    lastId = id;
    if (outcome == DoneEntryParser.Outcome.OTHER_RUN) {
      others++;
      String name = run == null ? "(none)" : run;
      if (wantsOtherRunName() && !otherRuns.contains(name)) {
        otherRuns.add(name);
      }
    }
  }

  void replay(JobSink sink) {
    for (int i = 0; i < jobs.size(); i++) {
      sink.job(jobRuns.get(i), jobs.get(i));
    }
    for (int i = 0; i < rejects.size(); i++) {
      sink.reject(rejectRuns.get(i), rejects.get(i));
    }
  }
}
