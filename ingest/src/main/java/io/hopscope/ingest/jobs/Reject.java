package io.hopscope.ingest.jobs;

import java.util.Objects;

/**
 * A record that could not be used, kept aside with the reason (the {@code rejects} table).
 *
 * @param source the input it came from (a stream key, a file)
 * @param location where in the source (a stream id, a line number)
 * @param reason why it was rejected, in words
 * @param raw the record as read, truncated to a sane length
 */
public record Reject(String source, String location, String reason, String raw) {
  /** Longest raw text kept per reject. */
  public static final int MAX_RAW = 4096;

  public Reject {
    Objects.requireNonNull(source);
    Objects.requireNonNull(location);
    Objects.requireNonNull(reason);
    raw = raw == null ? "" : raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw;
  }
}
