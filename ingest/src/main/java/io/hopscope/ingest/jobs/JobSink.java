package io.hopscope.ingest.jobs;

/**
 * Where readers of done-stream entries put what they read: jobs in batches (each row names its
 * run), rejects one by one. A batch may be reused by the caller once {@link #jobs} returns.
 */
public interface JobSink {
  void jobs(JobBatch batch);

  void reject(String run, Reject reject);
}
