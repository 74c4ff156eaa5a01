package io.hopscope.ingest.jobs;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it gets, for tests. */
public class CollectingSink implements JobSink {
  public final List<JobRecord> jobs = new ArrayList<>();
  public final List<Reject> rejects = new ArrayList<>();
  public final List<String> runs = new ArrayList<>();

  @Override
  public void jobs(JobBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      runs.add(batch.run(i));
      jobs.add(batch.record(i));
      afterJob();
    }
  }

  /** Called after each job is recorded; tests override it to act mid-stream. */
  protected void afterJob() {}

  @Override
  public void reject(String run, Reject reject) {
    runs.add(run);
    rejects.add(reject);
  }
}
