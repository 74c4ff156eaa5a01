package io.hopscope.ingest.k6;

import java.util.Map;

/**
 * k6's built-in metrics and their types ({@code metrics/builtin.go}), for sources without types.
 */
public final class K6Metrics {
  private static final Map<String, String> BUILTIN =
      Map.ofEntries(
          Map.entry("vus", "gauge"),
          Map.entry("vus_max", "gauge"),
          Map.entry("iterations", "counter"),
          Map.entry("iteration_duration", "trend"),
          Map.entry("dropped_iterations", "counter"),
          Map.entry("checks", "rate"),
          Map.entry("checks_total", "counter"),
          Map.entry("checks_succeeded", "counter"),
          Map.entry("checks_failed", "counter"),
          Map.entry("group_duration", "trend"),
          Map.entry("http_reqs", "counter"),
          Map.entry("http_req_failed", "rate"),
          Map.entry("http_req_duration", "trend"),
          Map.entry("http_req_blocked", "trend"),
          Map.entry("http_req_connecting", "trend"),
          Map.entry("http_req_tls_handshaking", "trend"),
          Map.entry("http_req_sending", "trend"),
          Map.entry("http_req_waiting", "trend"),
          Map.entry("http_req_receiving", "trend"),
          Map.entry("data_sent", "counter"),
          Map.entry("data_received", "counter"),
          Map.entry("grpc_req_duration", "trend"),
          Map.entry("ws_sessions", "counter"),
          Map.entry("ws_msgs_sent", "counter"),
          Map.entry("ws_msgs_received", "counter"),
          Map.entry("ws_ping", "trend"),
          Map.entry("ws_session_duration", "trend"),
          Map.entry("ws_connecting", "trend"));

  private K6Metrics() {}

  /** The type of a built-in metric, or null for custom metrics. */
  public static String builtinType(String metric) {
    return BUILTIN.get(metric);
  }
}
