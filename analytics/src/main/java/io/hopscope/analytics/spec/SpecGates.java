package io.hopscope.analytics.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.error.Problems;
import io.hopscope.ingest.spec.RunSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the spec's {@code gates} block into a {@link GateConfig}, checking every value's type. */
public final class SpecGates {
  private SpecGates() {}

  public static GateConfig of(RunSpec spec) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : spec.gates().properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
        throw Problems.badValue(
            spec.source(),
            0,
            "test_run.gates." + e.getKey(),
            "must be a number >= 0, got '" + v.asText() + "'",
            "write the gate's limit as a plain number");
      }
      numbers.put(e.getKey(), v.asDouble());
    }
    return GateConfig.from(numbers);
  }
}
