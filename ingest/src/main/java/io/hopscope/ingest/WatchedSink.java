package io.hopscope.ingest;

import io.hopscope.error.Problems;
import io.hopscope.ingest.jobs.Reject;
import java.nio.file.Path;

/** Passes rows and rejects on to a sink, keeping the counts and the first reject of one file. */
class WatchedSink<T> implements RowSink<T> {
  private final RowSink<T> target;
  private long rows;
  private long rejected;
  private Reject first;

  WatchedSink(RowSink<T> target) {
    this.target = target;
  }

  @Override
  public void row(T value) {
    rows++;
    target.row(value);
  }

  @Override
  public void reject(Reject r) {
    if (first == null) {
      first = r;
    }
    rejected++;
    target.reject(r);
  }

  /**
   * A file that yielded no row at all cannot be analysed: analysing it would give a verdict on
   * nothing. Stops the ingest (exit 2) naming the file and why: empty, or every record rejected.
   *
   * @param what what the rows are, e.g. "k6 samples"
   * @param fix what to pass instead
   */
  void requireRows(Path file, String what, String fix) {
    if (rows > 0) {
      return;
    }
    if (rejected > 0) {
      throw Problems.badFile(
          file,
          "every one of its "
              + rejected
              + " records was rejected (the first, at "
              + first.location()
              + ": "
              + first.reason()
              + ")",
          fix);
    }
    throw Problems.badFile(file, "holds no " + what + " (it is empty, or has no data points)", fix);
  }
}
