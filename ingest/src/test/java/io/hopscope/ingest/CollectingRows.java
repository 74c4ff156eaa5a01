package io.hopscope.ingest;

import io.hopscope.ingest.jobs.Reject;
import java.util.ArrayList;
import java.util.List;

/** A row sink that keeps everything, for tests. */
public final class CollectingRows<T> implements RowSink<T> {
  public final List<T> rows = new ArrayList<>();
  public final List<Reject> rejects = new ArrayList<>();

  @Override
  public void row(T value) {
    rows.add(value);
  }

  @Override
  public void reject(Reject reject) {
    rejects.add(reject);
  }
}
