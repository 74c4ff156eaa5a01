package io.hopscope.analytics.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.RouteGate;
import io.hopscope.error.Problems;
import io.hopscope.ingest.spec.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the spec's {@code gates} block into a {@link GateConfig}, checking every value's type:
 * plain limits (numbers), and {@code routes}, a list of per-route gates:
 *
 * <pre>
 * routes:
 *   - name: "POST /orders"          # the k6 name tag
 *     scenario: checkout            # optional
 *     p95_ms: 200                   # a plain limit ...
 *     p99_ms: {target: 300, acceptable: 500, critical: 1000}   # ... or tiered
 *     error_rate: 0.01
 * </pre>
 */
public final class SpecGates {
  private SpecGates() {}

  public static GateConfig of(RunSpec spec) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    List<RouteGate> routes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : spec.gates().properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (e.getKey().equals(GateConfig.ROUTES)) {
        routes(spec, v, routes);
        continue;
      }
      numbers.put(e.getKey(), number(spec, "test_run.gates." + e.getKey(), v));
    }
    return GateConfig.from(numbers, routes);
  }

  private static double number(RunSpec spec, String field, JsonNode v) {
    if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
      throw Problems.badValue(
          spec.source(),
          0,
          field,
          "must be a number >= 0, got '" + v.asText() + "'",
          "write the gate's limit as a plain number");
    }
    return v.asDouble();
  }

  private static void routes(RunSpec spec, JsonNode list, List<RouteGate> out) {
    String field = "test_run.gates." + GateConfig.ROUTES;
    if (!list.isArray()) {
      throw Problems.badValue(
          spec.source(),
          0,
          field,
          "must be a list of routes",
          "write '- name: \"POST /orders\"' entries with p95_ms, p99_ms or error_rate limits");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String at = field + "[" + i + "]";
      if (!r.isObject() || !r.path("name").isTextual() || r.path("name").asText().isEmpty()) {
        throw Problems.badValue(
            spec.source(),
            0,
            at + ".name",
            "a route needs its k6 request name",
            "write name: \"POST /orders\" (the k6 name tag, or the URL when untagged)");
      }
      String scenario = r.path("scenario").isTextual() ? r.path("scenario").asText() : null;
      boolean any = false;
      for (Map.Entry<String, JsonNode> e : r.properties()) {
        String key = e.getKey();
        if (key.equals("name") || key.equals("scenario")) {
          continue;
        }
        if (!List.of(RouteGate.P95_MS, RouteGate.P99_MS, RouteGate.ERROR_RATE).contains(key)) {
          throw Problems.badValue(
              spec.source(),
              0,
              at + "." + key,
              "is not a route gate",
              "use p95_ms, p99_ms or error_rate");
        }
        out.add(
            new RouteGate(
                scenario, r.path("name").asText(), key, tiers(spec, at + "." + key, e.getValue())));
        any = true;
      }
      if (!any) {
        throw Problems.badValue(
            spec.source(),
            0,
            at,
            "has no limit",
            "give p95_ms, p99_ms or error_rate, a number or {target, acceptable, critical}");
      }
    }
  }

  private static RouteGate.Tiers tiers(RunSpec spec, String field, JsonNode v) {
    if (!v.isObject()) {
      return RouteGate.Tiers.plain(number(spec, field, v));
    }
    JsonNode acceptable = v.get("acceptable");
    if (acceptable == null) {
      throw Problems.badValue(
          spec.source(),
          0,
          field + ".acceptable",
          "a tiered target needs its acceptable limit (the gate fails above it)",
          "write {target: 100, acceptable: 200, critical: 400}");
    }
    Double target = v.has("target") ? number(spec, field + ".target", v.get("target")) : null;
    Double critical =
        v.has("critical") ? number(spec, field + ".critical", v.get("critical")) : null;
    double a = number(spec, field + ".acceptable", acceptable);
    if ((target != null && target > a) || (critical != null && critical < a)) {
      throw Problems.badValue(
          spec.source(),
          0,
          field,
          "tiers must satisfy target <= acceptable <= critical",
          "lower is better: target is the goal, critical the incident line");
    }
    return new RouteGate.Tiers(target, a, critical);
  }
}
