package io.hopscope.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
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

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /**
   * A run's sources as its manifest stores them (a JSON array), read back once; a list that cannot
   * be read (a manifest from before sources were recorded) reads as none.
   */
  public static List<SourceRecord> parse(String json) {
    try {
      List<SourceRecord> l = JSON.readValue(json, new TypeReference<List<SourceRecord>>() {});
      return l == null ? List.of() : List.copyOf(l);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      return List.of();
    }
  }

  /** Whether this input was simulated (its facts, or a synthetic export's header, say so). */
  public boolean synthetic() {
    return Boolean.TRUE.equals(facts.get("synthetic"))
        || (facts.get("header") instanceof Map<?, ?> h && Boolean.TRUE.equals(h.get("synthetic")));
  }

  /** Whether any of a run's inputs was simulated. */
  public static boolean anySynthetic(List<SourceRecord> sources) {
    return sources.stream().anyMatch(SourceRecord::synthetic);
  }

  /** The counts as JSON, keys in order (as the manifest stores them). */
  public String countsJson() {
    try {
      return JSON.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render counts", e);
    }
  }
}
