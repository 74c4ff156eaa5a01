package io.hopscope.ingest.jobs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one done-stream entry (id + field map, values as raw bytes) into a {@link JobRecord} or a
 * {@link Reject}. Entries of other runs are skipped. Numbers are parsed straight from the bytes.
 */
public final class DoneEntryParser {
  /** What happened to an entry. */
  public enum Outcome {
    JOB,
    REJECTED,
    OTHER_RUN
  }

  private final DoneFields fields;
  private final byte[] runId;
  private final String source;

  /**
   * @param runId only entries whose run field equals this are taken; null takes every entry
   * @param source names the input in rejects (the stream key or the file)
   */
  public DoneEntryParser(DoneFields fields, String runId, String source) {
    this.fields = Objects.requireNonNull(fields);
    this.runId = runId == null ? null : runId.getBytes(StandardCharsets.UTF_8);
    this.source = Objects.requireNonNull(source);
  }

  /** The run id an entry names, or null when it names none. */
  public String runOf(Map<String, byte[]> body) {
    return textOrNull(first(body, fields.run()));
  }

  public Outcome parse(String id, Map<String, byte[]> body, JobSink sink) {
    if (runId != null && !java.util.Arrays.equals(runId, first(body, fields.run()))) {
      return Outcome.OTHER_RUN;
    }
    String problem = null;
    long enq = 0;
    long claim = 0;
    long done = 0;
    try {
      enq = timestamp(body, fields.enqNs());
      claim = timestamp(body, fields.claimNs());
      done = timestamp(body, fields.doneNs());
      if (claim < enq) {
        problem =
            "clock skew: claim_ns is "
                + ms(enq - claim)
                + " ms before enq_ns (negative queue delay)";
      } else if (done < claim) {
        problem =
            "clock skew: done_ns is " + ms(claim - done) + " ms before claim_ns (negative service)";
      }
    } catch (BadField e) {
      problem = e.getMessage();
    }
    double workMs = Double.NaN;
    byte[] work = first(body, fields.workMs());
    if (problem == null && work != null && work.length > 0) {
      try {
        workMs = Double.parseDouble(new String(work, StandardCharsets.US_ASCII).trim());
      } catch (NumberFormatException e) {
        problem = "field " + fields.workMs().get(0) + " is not a number: '" + text(work) + "'";
      }
    }
    if (problem != null) {
      sink.reject(new Reject(source, id, problem, render(body)));
      return Outcome.REJECTED;
    }
    sink.job(
        new JobRecord(
            id,
            textOrNull(first(body, fields.corr())),
            textOrNull(first(body, fields.entry())),
            enq,
            claim,
            done,
            workMs));
    return Outcome.JOB;
  }

  private static String ms(long ns) {
    return String.format(java.util.Locale.ROOT, "%.3f", ns / 1e6);
  }

  private static long timestamp(Map<String, byte[]> body, List<String> names) throws BadField {
    byte[] v = first(body, names);
    if (v == null) {
      throw new BadField("missing field " + names.get(0));
    }
    long n = parseLong(v);
    if (n == Long.MIN_VALUE) {
      throw new BadField("field " + names.get(0) + " is not an integer: '" + text(v) + "'");
    }
    if (n <= 0) {
      throw new BadField("field " + names.get(0) + " is not a positive timestamp: " + n);
    }
    return n;
  }

  /** Parses a decimal integer from ASCII bytes; {@link Long#MIN_VALUE} when it is not one. */
  static long parseLong(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n && b[i] == ' ') {
      i++;
    }
    while (n > i && b[n - 1] == ' ') {
      n--;
    }
    boolean negative = false;
    if (i < n && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i >= n || n - i > 19) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; i < n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Long.MIN_VALUE;
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  private static byte[] first(Map<String, byte[]> body, List<String> names) {
    for (String name : names) {
      byte[] v = body.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String textOrNull(byte[] v) {
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  private static String text(byte[] v) {
    String s = new String(v, StandardCharsets.UTF_8);
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  private static String render(Map<String, byte[]> body) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, byte[]> e : body.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=').append(new String(e.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;

    BadField(String message) {
      super(message, null, false, false);
    }
  }
}
