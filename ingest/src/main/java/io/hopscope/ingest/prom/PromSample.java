package io.hopscope.ingest.prom;

import java.util.Map;
import java.util.Objects;

/**
 * One Prometheus sample.
 *
 * @param metric the metric name ({@code __name__}); for a query result without one (after {@code
 *     rate()}, an aggregation), the query's id
 * @param labels every label except {@code __name__}; classic histogram buckets keep {@code le}
 * @param tsNs Unix epoch ns
 * @param value may be NaN or ±Infinity, as Prometheus allows
 * @param query the id of the query the sample came from (file stem or manifest id), null for
 *     exposition and dump files
 */
public record PromSample(
    String metric, Map<String, String> labels, long tsNs, double value, String query) {
  public PromSample {
    Objects.requireNonNull(metric);
    labels = labels == null ? Map.of() : labels;
  }
}
