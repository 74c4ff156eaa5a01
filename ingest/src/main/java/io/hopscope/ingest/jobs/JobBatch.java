package io.hopscope.ingest.jobs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Completed jobs in columns: ids as bytes in one arena, timestamps in primitive arrays. This is
 * what the readers hand to the warehouse writer, so a drain creates no object per job. Not
 * thread-safe; a batch is filled by one thread and then handed over.
 */
public final class JobBatch {
  private byte[] arena = new byte[1 << 14];
  private int arenaLength;
  private int size;
  private int[] text =
      new int[6 * 256]; // per row: id off, id len, corr off, corr len, entry off, entry len
  private long[] enq = new long[256];
  private long[] claim = new long[256];
  private long[] done = new long[256];
  private double[] work = new double[256];
  private String[] runs = new String[256];

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Empties the batch for reuse (only once nothing refers to its rows any more). */
  public void clear() {
    size = 0;
    arenaLength = 0;
    Arrays.fill(runs, null);
  }

  /**
   * Appends a job; text values are copied from {@code src[off, off+len)} ({@code len < 0} for a
   * missing corr or entry). Timestamps must already be checked ({@code enq <= claim <= done}).
   */
  public void add(
      String run,
      byte[] src,
      int idOff,
      int idLen,
      int corrOff,
      int corrLen,
      int entryOff,
      int entryLen,
      long enqNs,
      long claimNs,
      long doneNs,
      double workMs) {
    if (!(0 < enqNs && enqNs <= claimNs && claimNs <= doneNs)) {
      throw new IllegalArgumentException("need 0 < enq <= claim <= done");
    }
    grow();
    int r = size;
    text[6 * r] = append(src, idOff, idLen);
    text[6 * r + 1] = idLen;
    text[6 * r + 2] = corrLen < 0 ? 0 : append(src, corrOff, corrLen);
    text[6 * r + 3] = corrLen;
    text[6 * r + 4] = entryLen < 0 ? 0 : append(src, entryOff, entryLen);
    text[6 * r + 5] = entryLen;
    enq[r] = enqNs;
    claim[r] = claimNs;
    done[r] = doneNs;
    work[r] = workMs;
    runs[r] = run;
    size++;
  }

  /** Appends a job given as a record. */
  public void add(String run, JobRecord j) {
    byte[] id = j.streamId().getBytes(StandardCharsets.UTF_8);
    byte[] corr = j.corrId() == null ? null : j.corrId().getBytes(StandardCharsets.UTF_8);
    byte[] entry = j.jobEntryId() == null ? null : j.jobEntryId().getBytes(StandardCharsets.UTF_8);
    byte[] all =
        new byte[id.length + (corr == null ? 0 : corr.length) + (entry == null ? 0 : entry.length)];
    System.arraycopy(id, 0, all, 0, id.length);
    if (corr != null) {
      System.arraycopy(corr, 0, all, id.length, corr.length);
    }
    if (entry != null) {
      System.arraycopy(entry, 0, all, id.length + (corr == null ? 0 : corr.length), entry.length);
    }
    add(
        run,
        all,
        0,
        id.length,
        id.length,
        corr == null ? -1 : corr.length,
        id.length + (corr == null ? 0 : corr.length),
        entry == null ? -1 : entry.length,
        j.enqNs(),
        j.claimNs(),
        j.doneNs(),
        j.workMs());
  }

  public String run(int row) {
    return runs[row];
  }

  public long enqNs(int row) {
    return enq[row];
  }

  public long claimNs(int row) {
    return claim[row];
  }

  public long doneNs(int row) {
    return done[row];
  }

  public double workMs(int row) {
    return work[row];
  }

  /** The arena holding the text values; see the offsets below. */
  public byte[] arena() {
    return arena;
  }

  public int idOffset(int row) {
    return text[6 * row];
  }

  public int idLength(int row) {
    return text[6 * row + 1];
  }

  public int corrOffset(int row) {
    return text[6 * row + 2];
  }

  /** -1 when the entry had no correlation id. */
  public int corrLength(int row) {
    return text[6 * row + 3];
  }

  public int entryOffset(int row) {
    return text[6 * row + 4];
  }

  /** -1 when the entry had no jobs-stream entry id. */
  public int entryLength(int row) {
    return text[6 * row + 5];
  }

  /** A movable view of one row, for writers that take one value at a time. */
  public Cursor cursor() {
    return new Cursor(this);
  }

  /** A view of row {@link #row()} of a batch; move it with {@link #at}. */
  public static final class Cursor {
    private final JobBatch batch;
    private int row;

    private Cursor(JobBatch batch) {
      this.batch = batch;
    }

    public Cursor at(int row) {
      this.row = row;
      return this;
    }

    public JobBatch batch() {
      return batch;
    }

    public int row() {
      return row;
    }
  }

  /** A row as a record (tests, small paths). */
  public JobRecord record(int row) {
    return new JobRecord(
        str(idOffset(row), idLength(row)),
        str(corrOffset(row), corrLength(row)),
        str(entryOffset(row), entryLength(row)),
        enq[row],
        claim[row],
        done[row],
        work[row]);
  }

  private String str(int off, int len) {
    return len < 0 ? null : new String(arena, off, len, StandardCharsets.UTF_8);
  }

  private int append(byte[] src, int off, int len) {
    if (arenaLength + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLength + len));
    }
    System.arraycopy(src, off, arena, arenaLength, len);
    int at = arenaLength;
    arenaLength += len;
    return at;
  }

  private void grow() {
    if (size < enq.length) {
      return;
    }
    int n = enq.length * 2;
    text = Arrays.copyOf(text, 6 * n);
    enq = Arrays.copyOf(enq, n);
    claim = Arrays.copyOf(claim, n);
    done = Arrays.copyOf(done, n);
    work = Arrays.copyOf(work, n);
    runs = Arrays.copyOf(runs, n);
  }
}
