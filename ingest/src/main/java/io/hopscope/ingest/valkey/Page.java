package io.hopscope.ingest.valkey;

import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.JobBatch;
import io.hopscope.ingest.jobs.JobSink;
import io.hopscope.ingest.jobs.Reject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One XRANGE page, parsed: its jobs (in columns) and rejects, by run, in stream order, and the last
 * id read (where the next page starts, exclusive). Filled on an I/O thread, replayed into the real
 * sink on the writer thread.
 */
final class Page implements JobSink {
  final JobBatch batch = new JobBatch();
  final List<String> rejectRuns = new ArrayList<>();
  final List<Reject> rejects = new ArrayList<>();
  final List<String> otherRuns = new ArrayList<>(2);
  int entries;
  int others;
  private byte[] lastId = new byte[32];
  private int lastIdLength;
  private String firstId;
  private long lastMs;
  private long lastSeq;
  private String outOfOrder;

  /** Empties the page for reuse by another fetch (once its rows have been handed over). */
  void clear() {
    batch.clear();
    rejectRuns.clear();
    rejects.clear();
    otherRuns.clear();
    entries = 0;
    others = 0;
    lastIdLength = 0;
    firstId = null;
    outOfOrder = null;
  }

  @Override
  public void jobs(JobBatch b) {
    throw new UnsupportedOperationException("pages receive jobs through their own batch");
  }

  @Override
  public void reject(String run, Reject reject) {
    rejectRuns.add(run);
    rejects.add(reject);
  }

  boolean wantsOtherRunName() {
    return otherRuns.size() < 2;
  }

  void counted(byte[] id, int idLength, DoneEntryParser.Outcome outcome, String run) {
    long ms = Ids.millis(id, idLength);
    long seq = Ids.seq(id, idLength);
    if (entries == 0) {
      firstId = new String(id, 0, idLength, StandardCharsets.ISO_8859_1);
    } else if (outOfOrder == null
        && (Long.compareUnsigned(ms, lastMs) < 0
            || (ms == lastMs && Long.compareUnsigned(seq, lastSeq) <= 0))) {
      outOfOrder = new String(id, 0, idLength, StandardCharsets.ISO_8859_1);
    }
    lastMs = ms;
    lastSeq = seq;
    entries++;
    if (idLength > lastId.length) {
      lastId = new byte[idLength * 2];
    }
    System.arraycopy(id, 0, lastId, 0, idLength);
    lastIdLength = idLength;
    if (outcome == DoneEntryParser.Outcome.OTHER_RUN) {
      others++;
      String name = run == null ? "(none)" : run;
      if (wantsOtherRunName() && !otherRuns.contains(name)) {
        otherRuns.add(name);
      }
    }
  }

  /** The id of the first entry read, null when none was. */
  String firstId() {
    return firstId;
  }

  /** The first entry whose id was not above the one before it in this page, or null. */
  String outOfOrder() {
    return outOfOrder;
  }

  /** The id of the last entry read. */
  String lastId() {
    return new String(lastId, 0, lastIdLength, StandardCharsets.ISO_8859_1);
  }

  int jobs() {
    return batch.size();
  }

  void replay(JobSink sink) {
    if (!batch.isEmpty()) {
      sink.jobs(batch);
    }
    for (int i = 0; i < rejects.size(); i++) {
      sink.reject(rejectRuns.get(i), rejects.get(i));
    }
  }
}
