package io.hopscope.ingest.prom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hopscope.error.Problems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PromQL queries {@code --prom-url} runs: the playbook's metric set by default, plus (or, by
 * id, instead of) queries from the spec's {@code test_run.prometheus.queries} and from a {@code
 * --prom-queries} file.
 *
 * <p>The defaults select raw series by name, so {@code prom_samples} holds what the exporters
 * exposed, as a {@code --prom} export of the same selectors would: counters stay counters,
 * histogram buckets keep {@code le}, and the analysis takes rates and quantiles itself. Each name
 * list covers the playbook's reference system and the common exporters (prometheus-net,
 * OpenTelemetry, redis_exporter, cAdvisor).
 */
public final class PromQueries {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The default set: id, then the metric names (a RE2 alternation) it selects. */
  static final Map<String, String> DEFAULTS = defaults();

  private PromQueries() {}

  private static Map<String, String> defaults() {
    String units = "(seconds|milliseconds|ms|ns)_(bucket|sum|count)";
    Map<String, String> d = new LinkedHashMap<>();
    d.put("worker_service", "worker_service_" + units);
    d.put("queue_delay", "queue_delay_" + units);
    d.put("hop_latency", "hop_latency_" + units);
    d.put("enqueue", "(gateway_enqueue|valkey_enqueue|valkey_enqueue_rtt)_" + units);
    d.put(
        "queue_depth",
        "queue_depth|valkey_claim_block_ms|redis_stream_length"
            + "|redis_stream_group_messages_pending|redis_stream_group_lag");
    d.put(
        "job_rates",
        "(enqueue_rate|dequeue_rate|worker_jobs|hop_requests|worker_xread_errors)(_total)?");
    d.put("cpu", "process_cpu_seconds_total|container_cpu_usage_seconds_total|worker_busy_ratio");
    d.put(
        "memory",
        "process_resident_memory_bytes|process_private_memory_bytes"
            + "|container_memory_working_set_bytes|dotnet_total_memory_bytes"
            + "|go_memstats_heap_inuse_bytes|jvm_memory_used_bytes");
    d.put(
        "valkey",
        "redis_commands_processed_total|redis_connected_clients|redis_blocked_clients"
            + "|redis_memory_used_bytes|redis_evicted_keys_total|redis_slowlog_length");
    d.put(
        "gateway_http",
        "http_requests_received_total|http_requests_total"
            + "|http_request_duration_seconds_(bucket|sum|count)"
            + "|http_server_request_duration_seconds_(bucket|sum|count)"
            + "|http_server_requests_seconds_(bucket|sum|count)");
    return java.util.Collections.unmodifiableMap(d);
  }

  /**
   * The default queries.
   *
   * @param match extra label matchers added to each selector, e.g. {@code job=~"gateway|worker"} (a
   *     shared Prometheus holds every team's {@code process_cpu_seconds_total}); null for none
   */
  public static List<PromQuery> defaults(String match) {
    String extra = "";
    if (match != null && !match.isBlank()) {
      String m = match.strip();
      if (m.startsWith("{") && m.endsWith("}")) {
        m = m.substring(1, m.length() - 1).strip();
      }
      if (m.contains("__name__")) {
        throw Problems.usage(
            "--prom-match '" + match + "' matches on __name__",
            "give label matchers only, e.g. job=~\"gateway|worker\"; name queries with"
                + " --prom-queries");
      }
      extra = m.isEmpty() ? "" : "," + m;
    }
    List<PromQuery> out = new ArrayList<>();
    for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
      out.add(new PromQuery(e.getKey(), "{__name__=~\"" + e.getValue() + "\"" + extra + "}"));
    }
    return out;
  }

  /**
   * Queries from a file: JSON or YAML, {@code {"queries": [{"id", "query"}]}} (the {@code --prom}
   * directory's manifest.json) or the bare list.
   */
  public static List<PromQuery> fromFile(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw Problems.badFile(
          file,
          "is not JSON or YAML: " + e.getMessage().lines().findFirst().orElse(""),
          "write {\"queries\": [{\"id\": \"…\", \"query\": \"…\"}]}",
          e);
    }
    JsonNode list = root != null && root.isObject() ? root.path("queries") : root;
    if (list == null || !list.isArray()) {
      throw Problems.badValue(
          file, 0, "queries", "is missing or not a list", "write queries: [{id: …, query: …}]");
    }
    return list(list, file.toString());
  }

  /** The spec's {@code test_run.prometheus.queries}, or none. */
  public static List<PromQuery> fromSpec(JsonNode testRun) {
    if (testRun == null) {
      return List.of();
    }
    JsonNode list = testRun.path("prometheus").path("queries");
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw Problems.usage(
          "spec: test_run.prometheus.queries is not a list", "write queries: [{id: …, query: …}]");
    }
    return list(list, "spec test_run.prometheus.queries");
  }

  private static List<PromQuery> list(JsonNode list, String where) {
    List<PromQuery> out = new ArrayList<>();
    int i = 0;
    for (JsonNode q : list) {
      if (!q.isObject()) {
        throw Problems.usage(
            where + ": entry " + i + " is not {id, query}", "write each as id: …, query: …");
      }
      out.add(
          PromQuery.checked(
              q.path("id").isTextual() ? q.get("id").asText() : null,
              q.path("query").isTextual() ? q.get("query").asText() : null,
              where + " entry " + i));
      i++;
    }
    return merge(List.of(), out, where);
  }

  /**
   * {@code base} with {@code more} added; a query of {@code more} whose id {@code base} has takes
   * its place. Two queries with one id in {@code more} are an error.
   */
  public static List<PromQuery> merge(List<PromQuery> base, List<PromQuery> more, String where) {
    Map<String, PromQuery> out = new LinkedHashMap<>();
    base.forEach(q -> out.put(q.id(), q));
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PromQuery q : more) {
      if (!seen.add(q.id())) {
        throw Problems.usage(where + ": query id '" + q.id() + "' is given twice", "rename one");
      }
      out.put(q.id(), q);
    }
    return List.copyOf(out.values());
  }
}
