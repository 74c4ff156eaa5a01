package io.hopscope.ingest.jobs;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which runs a drain takes: one, several, or every run found on the stream. */
public final class RunFilter {
  private final byte[][] wanted; // null = every run

  private RunFilter(byte[][] wanted) {
    this.wanted = wanted;
  }

  public static RunFilter only(String run) {
    return of(List.of(run));
  }

  public static RunFilter of(List<String> runs) {
    Set<String> unique = new LinkedHashSet<>(runs);
    byte[][] w = new byte[unique.size()][];
    int i = 0;
    for (String r : unique) {
      w[i++] = r.getBytes(StandardCharsets.UTF_8);
    }
    return new RunFilter(w);
  }

  public static RunFilter all() {
    return new RunFilter(null);
  }

  /** Where records that name no run go: the one wanted run, else {@value #UNATTRIBUTED}. */
  public static final String UNATTRIBUTED = "_unattributed";

  public String runForUnattributed() {
    return wanted != null && wanted.length == 1
        ? new String(wanted[0], StandardCharsets.UTF_8)
        : UNATTRIBUTED;
  }

  public boolean takesAll() {
    return wanted == null;
  }

  /** Whether the run named by {@code buf[from, to)} is taken; a missing run (from < 0) never is. */
  boolean takes(byte[] buf, int from, int to) {
    if (from < 0) {
      return false;
    }
    if (wanted == null) {
      return true;
    }
    for (byte[] w : wanted) {
      if (Bytes.equal(w, buf, from, to)) {
        return true;
      }
    }
    return false;
  }
}
