package io.hopscope.ingest.k6;

import java.util.Map;
import java.util.Objects;

/**
 * One k6 sample (a {@code Point} line of {@code --out json}, a row of {@code --out csv}).
 *
 * @param metricType {@code counter}, {@code gauge}, {@code rate}, {@code trend}, or null when the
 *     source does not say (CSV) and the metric is not a k6 built-in
 * @param tsNs the time k6 wrote for the sample, Unix epoch ns (for HTTP metrics: the request end)
 * @param tags every tag of the sample (the promoted ones included); empty, never null
 * @param metadata k6's non-indexed metadata ({@code vu}, {@code iter}, {@code trace_id}); empty
 *     when absent
 */
public record K6Point(
    String metric,
    String metricType,
    long tsNs,
    double value,
    Map<String, String> tags,
    Map<String, String> metadata) {

  public K6Point {
    Objects.requireNonNull(metric);
    tags = tags == null ? Map.of() : tags;
    metadata = metadata == null ? Map.of() : metadata;
  }

  public String tag(String key) {
    String v = tags.get(key);
    return v == null || v.isEmpty() ? null : v;
  }
}
