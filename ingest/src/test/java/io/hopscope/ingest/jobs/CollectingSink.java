package io.hopscope.ingest.jobs;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it gets, for tests. */
public final class CollectingSink implements JobSink {
  public final List<JobRecord> jobs = new ArrayList<>();
  public final List<Reject> rejects = new ArrayList<>();

  @Override
  public void job(JobRecord job) {
    jobs.add(job);
  }

  @Override
  public void reject(Reject reject) {
    rejects.add(reject);
  }
}
