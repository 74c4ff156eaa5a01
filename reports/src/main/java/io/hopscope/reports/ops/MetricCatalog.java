package io.hopscope.reports.ops;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Prometheus metrics a run had (the distinct names in its {@code prom_samples}, each with its
 * label keys), and which of them plays each role of the playbook's dashboard and rules. A role is
 * filled by the first candidate name the run had, or by an explicit {@code --metric ROLE=NAME}; a
 * role no metric fills leaves its panels and rules out, said so in the bundle's README.
 */
public final class MetricCatalog {
  /** What a metric is, for the PromQL around it. */
  public enum Kind {
    /** A classic histogram: the role's name is the {@code _bucket} series. */
    HISTOGRAM,
    COUNTER,
    GAUGE
  }

  /** The roles the playbook's panels and rules need, with the names that fill them, in order. */
  public enum Role {
    SERVICE_TIME(
        Kind.HISTOGRAM,
        "worker service time",
        "worker_service_(seconds|milliseconds|ms|ns)_bucket"),
    QUEUE_DELAY(Kind.HISTOGRAM, "queue delay", "queue_delay_(seconds|milliseconds|ms|ns)_bucket"),
    HOP_LATENCY(Kind.HISTOGRAM, "hop latency", "hop_latency_(seconds|milliseconds|ms|ns)_bucket"),
    QUEUE_DEPTH(
        Kind.GAUGE, "queue depth", "queue_depth|redis_stream_group_lag|redis_stream_length"),
    ARRIVALS(
        Kind.COUNTER,
        "jobs offered (gateway requests)",
        "hop_requests_total|enqueue_rate_total|enqueue_rate"),
    COMPLETIONS(
        Kind.COUNTER, "jobs completed", "worker_jobs_total|dequeue_rate_total|dequeue_rate"),
    WORKER_CPU(
        Kind.COUNTER, "worker CPU", "process_cpu_seconds_total|container_cpu_usage_seconds_total"),
    WORKER_BUSY(Kind.GAUGE, "worker busy ratio", "worker_busy_ratio"),
    MEMORY(
        Kind.GAUGE,
        "memory",
        "container_memory_working_set_bytes|process_resident_memory_bytes"
            + "|process_private_memory_bytes|jvm_memory_used_bytes|go_memstats_heap_inuse_bytes"),
    VALKEY_OPS(Kind.COUNTER, "Valkey commands", "redis_commands_processed_total"),
    VALKEY_CLIENTS(Kind.GAUGE, "Valkey clients", "redis_connected_clients"),
    VALKEY_BLOCKED(Kind.GAUGE, "Valkey blocked clients", "redis_blocked_clients"),
    VALKEY_MEMORY(Kind.GAUGE, "Valkey memory", "redis_memory_used_bytes"),
    VALKEY_EVICTIONS(Kind.COUNTER, "Valkey evictions", "redis_evicted_keys_total"),
    HTTP_REQUESTS(
        Kind.COUNTER,
        "gateway requests by status",
        "http_requests_received_total|http_requests_total|http_server_requests_seconds_count"
            + "|http_server_request_duration_seconds_count"),
    HTTP_DURATION(
        Kind.HISTOGRAM,
        "gateway request duration",
        "http_request_duration_seconds_bucket|http_server_request_duration_seconds_bucket"
            + "|http_server_requests_seconds_bucket");

    private final Kind kind;
    private final String what;
    private final List<Pattern> candidates;

    Role(Kind kind, String what, String candidates) {
      this.kind = kind;
      this.what = what;
      this.candidates =
          java.util.Arrays.stream(candidates.split("\\|(?![^(]*\\))"))
              .map(Pattern::compile)
              .toList();
    }

    public Kind kind() {
      return kind;
    }

    /** What the role measures, in words. */
    public String what() {
      return what;
    }

    /** The option key, e.g. {@code service_time}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The names that fill it, as written (for messages). */
    public String candidates() {
      return String.join(", ", candidates.stream().map(Pattern::pattern).toList());
    }
  }

  private final SortedMap<String, SortedSet<String>> labels;
  private final Map<Role, String> overrides;

  /**
   * @param labels each metric name the run had, with its label keys
   * @param overrides roles named explicitly ({@code --metric ROLE=NAME})
   */
  public MetricCatalog(
      Map<String, ? extends java.util.Set<String>> labels, Map<Role, String> overrides) {
    TreeMap<String, SortedSet<String>> l = new TreeMap<>();
    labels.forEach((k, v) -> l.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
    this.labels = Collections.unmodifiableSortedMap(l);
    this.overrides = Map.copyOf(overrides);
  }

  /** Every metric the run had. */
  public SortedMap<String, SortedSet<String>> metrics() {
    return labels;
  }

  /** The metric filling a role: the override, else the first candidate the run had. */
  public Optional<String> resolve(Role role) {
    if (overrides.containsKey(role)) {
      return Optional.of(overrides.get(role));
    }
    for (Pattern p : role.candidates) {
      for (String name : labels.keySet()) {
        if (p.matcher(name).matches()) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the role was named by an option rather than found. */
  public boolean overridden(Role role) {
    return overrides.containsKey(role);
  }

  /** The label keys a metric had (none for an overridden name the run did not have). */
  public SortedSet<String> labelsOf(String metric) {
    return labels.getOrDefault(metric, Collections.emptySortedSet());
  }

  /** The first of {@code keys} the metric has, e.g. its status-code label. */
  public Optional<String> firstLabel(String metric, String... keys) {
    SortedSet<String> have = labelsOf(metric);
    for (String k : keys) {
      if (have.contains(k)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * The factor from a histogram's unit to seconds, from its name: {@code _ns} 1e-9, {@code _ms} or
   * {@code _milliseconds} 1e-3, else 1.
   */
  public static double toSeconds(String metric) {
    if (metric.matches(".*_ns(_bucket|_sum|_count)?")) {
      return 1e-9;
    }
    if (metric.matches(".*_(ms|milliseconds)(_bucket|_sum|_count)?")) {
      return 1e-3;
    }
    return 1;
  }
}
