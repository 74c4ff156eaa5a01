package io.hopscope.ingest.jobs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns done-stream entries into rows of a {@link JobBatch} or {@link Reject}s. Fields are fed one
 * by one into a reusable {@link Entry}, straight from the reply buffers: numbers are parsed from
 * the bytes and run ids compared as bytes, so a drain allocates little more than the rows it keeps.
 * Entries of runs the {@link RunFilter} does not take are skipped.
 *
 * <p>Its size is every field of a done-stream entry with its checks and reject reasons, in one
 * place so each field's rule is found by its name.
 */
public final class DoneEntryParser {
  /** What happened to an entry. */
  public enum Outcome {
    JOB,
    REJECTED,
    OTHER_RUN
  }

  static final int RUN = 0;
  static final int CORR = 1;
  static final int ENTRY = 2;
  static final int ENQ = 3;
  static final int CLAIM = 4;
  static final int DONE = 5;
  static final int WORK = 6;
  private static final int ROLES = 7;

  private final DoneFields fields;
  private final RunFilter runs;
  private final String source;
  private final byte[][] aliases;
  private final int[] aliasRole;
  private final int[] aliasRank;
  private final int[][] aliasesByLength; // name length -> indexes into aliases

  /**
   * @param source names the input in rejects (the stream key or the file)
   */
  public DoneEntryParser(DoneFields fields, RunFilter runs, String source) {
    this.fields = Objects.requireNonNull(fields);
    this.runs = Objects.requireNonNull(runs);
    this.source = Objects.requireNonNull(source);
    List<List<String>> byRole =
        List.of(
            fields.run(),
            fields.corr(),
            fields.entry(),
            fields.enqNs(),
            fields.claimNs(),
            fields.doneNs(),
            fields.workMs());
    int n = byRole.stream().mapToInt(List::size).sum();
    aliases = new byte[n][];
    aliasRole = new int[n];
    aliasRank = new int[n];
    int k = 0;
    for (int role = 0; role < ROLES; role++) {
      List<String> names = byRole.get(role);
      for (int rank = 0; rank < names.size(); rank++) {
        aliases[k] = names.get(rank).getBytes(StandardCharsets.UTF_8);
        aliasRole[k] = role;
        aliasRank[k] = rank;
        k++;
      }
    }
    int longest = 0;
    for (byte[] a : aliases) {
      longest = Math.max(longest, a.length);
    }
    aliasesByLength = new int[longest + 1][];
    for (int len = 0; len <= longest; len++) {
      int count = 0;
      for (byte[] a : aliases) {
        count += a.length == len ? 1 : 0;
      }
      aliasesByLength[len] = new int[count];
      int j = 0;
      for (int a = 0; a < aliases.length; a++) {
        if (aliases[a].length == len) {
          aliasesByLength[len][j++] = a;
        }
      }
    }
  }

  /** Convenience for one run. */
  public DoneEntryParser(DoneFields fields, String run, String source) {
    this(fields, run == null ? RunFilter.all() : RunFilter.only(run), source);
  }

  public String source() {
    return source;
  }

  /** The run that records naming no run (unparseable lines) are kept under. */
  public String runForUnattributed() {
    return runs.runForUnattributed();
  }

  /** A fresh reusable entry state; one per thread. */
  public Entry entry() {
    return new Entry();
  }

  /** Parses a whole entry given as a field map (tests, small paths) and hands it over at once. */
  public Outcome parse(String id, Map<String, byte[]> body, JobSink sink) {
    Entry e = entry();
    for (Map.Entry<String, byte[]> f : body.entrySet()) {
      e.field(f.getKey().getBytes(StandardCharsets.UTF_8), f.getValue());
    }
    JobBatch batch = new JobBatch();
    Outcome o = e.finish(id, batch, sink);
    if (!batch.isEmpty()) {
      sink.jobs(batch);
    }
    return o;
  }

  /**
   * The fields of one entry as they arrive. Not thread-safe; {@link #finish} resets it for the next
   * entry.
   */
  public final class Entry {
    private byte[] buf = new byte[512];
    private int len;
    private int[] offsets = new int[64]; // name start, name end, value start, value end per field
    private int count;
    private final int[] valueFrom = new int[ROLES];
    private final int[] valueTo = new int[ROLES];
    private final int[] rank = new int[ROLES];
    private final Map<String, String> runNames = new HashMap<>();
    private final int[] seenAtPosition = filled(16, -1);
    private byte[] lastRunBytes;
    private String lastRun;

    private Entry() {
      reset();
    }

    /** Forgets the fields given since the last {@link #finish} (a reply cut off mid-entry). */
    public void discard() {
      reset();
    }

    private void reset() {
      len = 0;
      count = 0;
      for (int r = 0; r < ROLES; r++) {
        valueFrom[r] = -1;
        rank[r] = Integer.MAX_VALUE;
      }
    }

    /** Adds a field from reply buffers (the buffers' positions are left unchanged). */
    public void field(ByteBuffer name, ByteBuffer value) {
      int ns = append(name);
      int ne = len;
      int vs = append(value);
      note(ns, ne, vs, len);
    }

    /** Adds a field whose name is {@code name[0, nameLength)} and value comes from a buffer. */
    public void field(byte[] name, int nameLength, ByteBuffer value) {
      ensure(nameLength);
      int ns = len;
      System.arraycopy(name, 0, buf, len, nameLength);
      len += nameLength;
      int ne = len;
      int vs = value == null ? len : append(value);
      note(ns, ne, vs, len);
    }

    public void field(byte[] name, byte[] value) {
      int ns = append(name);
      int ne = len;
      int vs = append(value);
      note(ns, ne, vs, len);
    }

    private void note(int ns, int ne, int vs, int ve) {
      if (count * 4 + 4 > offsets.length) {
        offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[count * 4] = ns;
      offsets[count * 4 + 1] = ne;
      offsets[count * 4 + 2] = vs;
      offsets[count * 4 + 3] = ve;
      int position = count++;
      // Workers write their fields in the same order every time: try what matched here last.
      if (position < seenAtPosition.length) {
        int a = seenAtPosition[position];
        if (a >= 0 && Bytes.equal(aliases[a], buf, ns, ne)) {
          assign(a, vs, ve);
          return;
        }
      }
      int nameLength = ne - ns;
      if (nameLength >= aliasesByLength.length) {
        return;
      }
      for (int a : aliasesByLength[nameLength]) {
        if (Bytes.equal(aliases[a], buf, ns, ne)) {
          if (position < seenAtPosition.length) {
            seenAtPosition[position] = a;
          }
          assign(a, vs, ve);
          return;
        }
      }
    }

    private void assign(int alias, int vs, int ve) {
      int role = aliasRole[alias];
      // First alias in the configured order wins; a repeated field keeps its first value.
      if (aliasRank[alias] < rank[role]) {
        rank[role] = aliasRank[alias];
        valueFrom[role] = vs;
        valueTo[role] = ve;
      }
    }

    private int append(ByteBuffer b) {
      int n = b.remaining();
      ensure(n);
      int start = len;
      b.get(b.position(), buf, len, n);
      len += n;
      return start;
    }

    private int append(byte[] b) {
      ensure(b.length);
      int start = len;
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
      return start;
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }

    /** The run this entry names, or null. Repeated names come back as the same string. */
    public String run() {
      if (valueFrom[RUN] < 0) {
        return null;
      }
      if (lastRunBytes != null && Bytes.equal(lastRunBytes, buf, valueFrom[RUN], valueTo[RUN])) {
        return lastRun;
      }
      String raw =
          new String(buf, valueFrom[RUN], valueTo[RUN] - valueFrom[RUN], StandardCharsets.UTF_8);
      lastRun = runNames.computeIfAbsent(raw, k -> k);
      lastRunBytes = java.util.Arrays.copyOfRange(buf, valueFrom[RUN], valueTo[RUN]);
      return lastRun;
    }

    /** Whether the run filter takes this entry. */
    public boolean taken() {
      return runs.takes(buf, valueFrom[RUN], valueTo[RUN]);
    }

    /**
     * Turns the fields into a job (appended to {@code batch}) or a reject (handed to {@code
     * rejects}), and resets for the next entry.
     */
    public Outcome finish(String id, JobBatch batch, JobSink rejects) {
      byte[] b = id.getBytes(StandardCharsets.UTF_8);
      return finish(b, b.length, batch, rejects);
    }

    /** As {@link #finish(String, JobBatch, JobSink)}, with the id as {@code id[0, idLength)}. */
    public Outcome finish(byte[] id, int idLength, JobBatch batch, JobSink rejects) {
      try {
        if (!taken()) {
          return Outcome.OTHER_RUN;
        }
        String run = run();
        long enq = timestamp(ENQ);
        long claim = timestamp(CLAIM);
        long done = timestamp(DONE);
        String problem = timestampProblem(ENQ, enq);
        if (problem == null) {
          problem = timestampProblem(CLAIM, claim);
        }
        if (problem == null) {
          problem = timestampProblem(DONE, done);
        }
        if (problem == null && claim < enq) {
          problem =
              "clock skew: claim_ns is "
                  + ms(enq - claim)
                  + " ms before enq_ns (negative queue delay)";
        } else if (problem == null && done < claim) {
          problem =
              "clock skew: done_ns is "
                  + ms(claim - done)
                  + " ms before claim_ns (negative service)";
        }
        double workMs = Double.NaN;
        if (problem == null && valueFrom[WORK] >= 0 && valueTo[WORK] > valueFrom[WORK]) {
          workMs = Bytes.parseSimpleDecimal(buf, valueFrom[WORK], valueTo[WORK]);
          if (Double.isNaN(workMs)) {
            String w = text(WORK);
            try {
              workMs = Double.parseDouble(w.trim());
            } catch (NumberFormatException ex) {
              problem = "field " + fields.workMs().get(0) + " is not a number: '" + clip(w) + "'";
            }
          }
        }
        if (problem == null) {
          problem = utf8Problem(CORR);
        }
        if (problem == null) {
          problem = utf8Problem(ENTRY);
        }
        if (problem != null) {
          String idText = new String(id, 0, idLength, StandardCharsets.UTF_8);
          rejects.reject(run, new Reject(source, idText, problem, render()));
          return Outcome.REJECTED;
        }
        int at = len;
        ensure(idLength);
        System.arraycopy(id, 0, buf, len, idLength);
        batch.add(
            run,
            buf,
            at,
            idLength,
            valueFrom[CORR],
            valueFrom[CORR] < 0 ? -1 : valueTo[CORR] - valueFrom[CORR],
            valueFrom[ENTRY],
            valueFrom[ENTRY] < 0 ? -1 : valueTo[ENTRY] - valueFrom[ENTRY],
            enq,
            claim,
            done,
            workMs);
        return Outcome.JOB;
      } finally {
        reset();
      }
    }

    /**
     * Text fields are stored as they arrive, so bytes that are not UTF-8 would make a Parquet
     * string column unreadable to readers that check (DuckDB fails on the whole file): such an
     * entry is rejected instead, its bytes shown with replacement characters in the reject.
     */
    private String utf8Problem(int role) {
      int from = valueFrom[role];
      if (from < 0 || Bytes.validUtf8(buf, from, valueTo[role])) {
        return null;
      }
      String name = role == CORR ? fields.corr().get(0) : fields.entry().get(0);
      return "field " + name + " is not valid UTF-8";
    }

    private long timestamp(int role) {
      return valueFrom[role] < 0 ? 0 : Bytes.parseLong(buf, valueFrom[role], valueTo[role]);
    }

    private String timestampProblem(int role, long v) {
      if (v > 0) {
        return null;
      }
      String name = nameOf(role);
      if (valueFrom[role] < 0) {
        return "missing field " + name;
      }
      if (v == Long.MIN_VALUE) {
        return "field " + name + " is not an integer: '" + clip(text(role)) + "'";
      }
      if (v <= 0) {
        return "field " + name + " is not a positive timestamp: " + v;
      }
      return null;
    }

    private String nameOf(int role) {
      return switch (role) {
        case ENQ -> fields.enqNs().get(0);
        case CLAIM -> fields.claimNs().get(0);
        default -> fields.doneNs().get(0);
      };
    }

    private String text(int role) {
      int from = valueFrom[role];
      int n = valueTo[role] - from;
      for (int i = from; i < from + n; i++) {
        if (buf[i] < 0) {
          return new String(buf, from, n, StandardCharsets.UTF_8);
        }
      }
      // Plain ASCII (ids, UUIDs): the Latin-1 constructor copies the bytes as they are.
      return new String(buf, from, n, StandardCharsets.ISO_8859_1);
    }

    private String render() {
      StringBuilder sb = new StringBuilder();
      for (int f = 0; f < count; f++) {
        if (f > 0) {
          sb.append(' ');
        }
        int[] o = {offsets[f * 4], offsets[f * 4 + 1], offsets[f * 4 + 2], offsets[f * 4 + 3]};
        sb.append(new String(buf, o[0], o[1] - o[0], StandardCharsets.UTF_8))
            .append('=')
            .append(new String(buf, o[2], o[3] - o[2], StandardCharsets.UTF_8));
      }
      return sb.toString();
    }
  }

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static String ms(long ns) {
    return String.format(Locale.ROOT, "%.3f", ns / 1e6);
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  /** Parses a decimal integer from ASCII bytes; {@link Long#MIN_VALUE} when it is not one. */
  static long parseLong(byte[] b) {
    return Bytes.parseLong(b, 0, b.length);
  }
}
