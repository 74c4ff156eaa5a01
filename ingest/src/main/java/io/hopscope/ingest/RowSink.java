package io.hopscope.ingest;

import io.hopscope.ingest.jobs.Reject;

/** Where a reader puts what it reads, one row at a time: good rows, and rejects with a reason. */
public interface RowSink<T> {
  void row(T value);

  void reject(Reject reject);
}
