package io.hopscope.ingest.jobs;

/** Where readers of done-stream entries put what they read, one record at a time. */
public interface JobSink {
  void job(JobRecord job);

  void reject(Reject reject);
}
