package io.hopscope.ingest.jobs;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it gets, for tests. */
public class CollectingSink implements JobSink {
  public final List<JobRecord> jobs = new ArrayList<>();
  public final List<Reject> rejects = new ArrayList<>();
  public final List<String> runs = new ArrayList<>();

  @Override
  public void job(String run, JobRecord job) {
    runs.add(run);
    jobs.add(job);
  }

  @Override
  public void reject(String run, Reject reject) {
    runs.add(run);
    rejects.add(reject);
  }
}
