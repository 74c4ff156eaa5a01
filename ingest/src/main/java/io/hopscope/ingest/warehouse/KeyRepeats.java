package io.hopscope.ingest.warehouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Counts the repeated values of one 64-bit key column (a hash of the jobs' corr ids) while a file
 * is written, so that the file's footer can say whether any key repeats ({@link #FOOTER_KEY}): an
 * analysis then needs no pass over the keys of its own. A repeated hash means a repeated key or,
 * about once in 2^64 / n² files, a collision; readers count the keys themselves exactly when it
 * says so.
 *
 * <p>Memory is bounded: the keys of every file being written in the process share a budget of an
 * eighth of the heap, 16 bytes a key (the key as gathered, and its place while the keys are ordered
 * at the end). A file whose keys do not fit gives its share back and records nothing, and its
 * readers look for repeats themselves, as for files written before this count existed.
 *
 * <p>At the end the keys are ordered by their leading bits (one counting pass, one scatter), each
 * small bucket is sorted, and equal neighbours are counted, buckets on all cores.
 */
public final class KeyRepeats {
  /** The footer key of the count, as {@link Found#format} writes it. */
  public static final String FOOTER_KEY = "hopscope.key-repeats";

  /** Bytes reserved per key: the gathered copy and the ordered one. */
  private static final long BYTES_PER_KEY = 2L * Long.BYTES;

  private static final int FIRST_CHUNK = 4096;
  private static final int MAX_CHUNK = 1 << 20;

  /** Bytes still free for keys, shared by every file being written in this JVM. */
  private static final AtomicLong AVAILABLE = new AtomicLong(defaultBudget());

  /** The most keys one file counts: they are ordered in one array. */
  private static final long MAX_KEYS = Integer.MAX_VALUE - 16;

  static long defaultBudget() {
    long heap = Runtime.getRuntime().maxMemory();
    return heap == Long.MAX_VALUE ? 256L << 20 : heap / 8;
  }

  private final AtomicLong pool;
  private final List<long[]> chunks = new ArrayList<>();
  private long[] current = new long[0];
  private int fill;
  private long count;
  private long reserved;
  private boolean overflowed;

  KeyRepeats() {
    this(AVAILABLE);
  }

  /** With a budget of its own (tests). */
  KeyRepeats(AtomicLong pool) {
    this.pool = pool;
  }

  /** Adds one key. */
  void add(long key) {
    if (fill == current.length && !grow()) {
      return;
    }
    current[fill++] = key;
    count++;
  }

  private boolean grow() {
    if (overflowed) {
      return false;
    }
    int size = (int) Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK, count));
    long bytes = size * BYTES_PER_KEY;
    if (count + size > MAX_KEYS) {
      overflowed = true;
      release();
      return false;
    }
    long left = pool.get();
    while (left >= bytes) {
      if (pool.compareAndSet(left, left - bytes)) {
        reserved += bytes;
        long[] next;
        try {
          next = new long[size];
        } catch (OutOfMemoryError e) {
          break; // the heap was fuller than the budget assumed: count nothing
        }
        if (fill > 0) {
          chunks.add(current);
        }
        current = next;
        fill = 0;
        return true;
      }
      left = pool.get();
    }
    overflowed = true;
    release();
    return false;
  }

  /** Gives the reserved memory back (the keys are dropped). */
  void release() {
    chunks.clear();
    current = new long[0];
    fill = 0;
    pool.addAndGet(reserved);
    reserved = 0;
  }

  /**
   * The repeats among the keys added, or empty when they did not fit the budget; the memory is
   * given back either way.
   */
  Optional<Found> finish() {
    try {
      if (overflowed) {
        return Optional.empty();
      }
      chunks.add(current);
      return Optional.of(count(chunks, fill, count));
    } catch (OutOfMemoryError e) {
      // The heap was fuller than the budget assumed: the file is written all the same, and its
      // readers look for repeats themselves.
      chunks.clear();
      current = new long[0];
      return Optional.empty();
    } finally {
      release();
    }
  }

  /**
   * Counts the repeats among the values of {@code parts}, all full but the last, of which the first
   * {@code lastLength} count ({@code n} values in all).
   */
  static Found count(List<long[]> parts, int lastLength, long n) {
    int size = Math.toIntExact(n);
    // About 16 keys a bucket: sorting a bucket is then a short insertion sort.
    int bits = Math.max(1, Math.min(22, 63 - Long.numberOfLeadingZeros(Math.max(1, n / 16))));
    int shift = 64 - bits;
    int buckets = 1 << bits;
    int[] start = new int[buckets + 1];
    int np = parts.size();
    for (int i = 0; i < np; i++) {
      long[] p = parts.get(i);
      int len = i == np - 1 ? lastLength : p.length;
      for (int j = 0; j < len; j++) {
        start[(int) (p[j] >>> shift) + 1]++;
      }
    }
    for (int b = 0; b < buckets; b++) {
      start[b + 1] += start[b];
    }
    long[] ordered = new long[size];
    int[] at = Arrays.copyOf(start, buckets);
    for (int i = 0; i < np; i++) {
      long[] p = parts.get(i);
      int len = i == np - 1 ? lastLength : p.length;
      for (int j = 0; j < len; j++) {
        long v = p[j];
        ordered[at[(int) (v >>> shift)]++] = v;
      }
    }
    int tasks = Math.min(buckets, 64);
    long[][] found =
        IntStream.range(0, tasks)
            .parallel()
            .mapToObj(
                t ->
                    countSorted(
                        ordered,
                        start,
                        (int) ((long) buckets * t / tasks),
                        (int) ((long) buckets * (t + 1) / tasks)))
            .toArray(long[][]::new);
    long repeated = 0;
    long extra = 0;
    long most = 0;
    for (long[] f : found) {
      repeated += f[0];
      extra += f[1];
      most = Math.max(most, f[2]);
    }
    return new Found(n, repeated, extra, most);
  }

  /** Sorts buckets [from, to) of {@code a} in place and counts runs of equal values. */
  private static long[] countSorted(long[] a, int[] start, int from, int to) {
    long[] f = new long[3];
    for (int b = from; b < to; b++) {
      int lo = start[b];
      int hi = start[b + 1];
      if (hi - lo < 2) {
        continue;
      }
      Arrays.sort(a, lo, hi);
      int run = 1;
      for (int i = lo + 1; i <= hi; i++) {
        if (i < hi && a[i] == a[i - 1]) {
          run++;
          continue;
        }
        if (run > 1) {
          f[0]++;
          f[1] += run - 1;
          f[2] = Math.max(f[2], run);
        }
        run = 1;
      }
    }
    return f;
  }

  /**
   * What the count found.
   *
   * @param keys the keys counted
   * @param repeated distinct keys seen more than once
   * @param extra occurrences beyond the first, summed over the repeated keys
   * @param most the most occurrences of one key, 0 when none repeats
   */
  public record Found(long keys, long repeated, long extra, long most) {
    /** As recorded in a file's footer ({@link #FOOTER_KEY}). */
    public String format(String column) {
      return String.format(
          Locale.ROOT,
          "%s:keys=%d,repeated=%d,extra=%d,most=%d",
          column,
          keys,
          repeated,
          extra,
          most);
    }

    /** Reads {@link #format}'s text for {@code column}; empty when it is another or malformed. */
    public static Optional<Found> parse(String text, String column) {
      if (text == null || !text.startsWith(column + ":")) {
        return Optional.empty();
      }
      String[] parts = text.substring(column.length() + 1).split(",", -1);
      String[] names = {"keys", "repeated", "extra", "most"};
      if (parts.length != names.length) {
        return Optional.empty();
      }
      long[] v = new long[names.length];
      for (int i = 0; i < names.length; i++) {
        String p = parts[i];
        if (!p.startsWith(names[i] + "=")) {
          return Optional.empty();
        }
        String digits = p.substring(names[i].length() + 1);
        if (digits.isEmpty()
            || digits.length() > 18
            || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
          return Optional.empty();
        }
        v[i] = Long.parseLong(digits);
      }
      Found f = new Found(v[0], v[1], v[2], v[3]);
      return f.consistent() ? Optional.of(f) : Optional.empty();
    }

    /**
     * Whether the figures can describe one set of keys: each repeated key adds at least one extra
     * occurrence and has at least two; none repeated means no extra and no most.
     */
    boolean consistent() {
      if (repeated == 0) {
        return extra == 0 && most == 0;
      }
      return most >= 2
          && extra >= (most - 1) + (repeated - 1)
          && extra <= repeated * (most - 1)
          && extra <= keys - repeated;
    }
  }
}
