package io.hopscope.analytics.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.ingest.spec.RunSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two runs comparable (gates contract): the scenario name, the workers, the environment
 * and the workload, as canonical JSON (sorted keys) and its short hash.
 */
public record Fingerprint(String hash, String json) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public static Fingerprint of(RunSpec spec) {
    return of(spec, true);
  }

  /**
   * The fingerprint without the worker count: runs that share it and differ in workers form a
   * worker sweep (the scaling curve).
   */
  public static Fingerprint sweep(RunSpec spec) {
    return of(spec, false);
  }

  private static Fingerprint of(RunSpec spec, boolean withWorkers) {
    ObjectNode n = JSON.createObjectNode();
    n.put("scenario", spec.scenarioName());
    if (withWorkers && spec.workers().isPresent()) {
      n.put("workers", spec.workers().getAsInt());
    } else if (withWorkers) {
      n.putNull("workers");
    }
    JsonNode env = sorted(spec.document().path("environment"));
    if (!withWorkers && env.isObject()) {
      ((ObjectNode) env).remove("workers"); // the spec keeps the worker count in environment
    }
    n.set("environment", env);
    n.set("workload", sorted(spec.document().path("workload")));
    try {
      String json = JSON.writeValueAsString(JSON.treeToValue(n, TreeMap.class));
      byte[] d = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return new Fingerprint(HexFormat.of().formatHex(d, 0, 8), json);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot compute a fingerprint", e);
    }
  }

  private static JsonNode sorted(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return JSON.nullNode();
    }
    if (n.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      Map<String, JsonNode> m = new TreeMap<>();
      n.properties().forEach(e -> m.put(e.getKey(), sorted(e.getValue())));
      m.forEach(o::set);
      return o;
    }
    return n;
  }
}
