package io.hopscope.ingest.k6;

import java.util.Objects;

/**
 * A k6 threshold and its verdict as the summary reported it, with the legacy export's inverted
 * booleans already turned the right way round ({@code passed == true} means the threshold held).
 *
 * @param metric the metric (or submetric, e.g. {@code http_req_duration{expected_response:true}})
 * @param expression the threshold source, e.g. {@code p(95)<500}
 */
public record K6Threshold(String metric, String expression, boolean passed) {
  public K6Threshold {
    Objects.requireNonNull(metric);
    Objects.requireNonNull(expression);
  }
}
