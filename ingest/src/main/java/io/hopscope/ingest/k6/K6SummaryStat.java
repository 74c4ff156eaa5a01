package io.hopscope.ingest.k6;

import java.util.Objects;

/**
 * One statistic of one metric from a k6 end-of-test summary, e.g. {@code http_req_duration}, {@code
 * p(95)}, 512.3. Names are normalised across the summary formats: trend stats as {@code avg, min,
 * med, max, p(90), p(95), p(99), p(99.99), count}; counters {@code count, rate}; rates {@code rate,
 * passes, fails}; gauges {@code value, min, max}.
 */
public record K6SummaryStat(String metric, String stat, double value) {
  public K6SummaryStat {
    Objects.requireNonNull(metric);
    Objects.requireNonNull(stat);
  }
}
