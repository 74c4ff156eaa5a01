package io.hopscope.ingest.jobs;

/** Where readers of done-stream entries put what they read, one record at a time, by run. */
public interface JobSink {
  void job(String run, JobRecord job);

  void reject(String run, Reject reject);
}
