package io.hopscope.ingest;

import java.util.Map;
import java.util.Objects;

/**
 * One input of a run as recorded in the manifest's {@code sources}: what kind, where, how big, its
 * checksum and what was taken from it.
 *
 * @param kind {@code valkey-stream}, {@code done-file}, …
 * @param location the file path or the redacted URI + stream key
 * @param bytes file size, -1 for streams
 * @param sha256 file checksum, null for streams
 * @param counts rows taken, rejected, skipped …
 * @param facts anything else worth keeping (stream length, header of a synthetic export …)
 */
public record SourceRecord(
    String kind,
    String location,
    long bytes,
    String sha256,
    Map<String, Long> counts,
    Map<String, Object> facts) {
  public SourceRecord {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(location);
    counts = Map.copyOf(counts);
    facts =
        facts == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
  }
}
