package io.hopscope.reports.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.RunAnalysis;

/** gates.json: the verdict of every gate of a run, for CI systems and scripts. */
public final class GatesJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GatesJson() {}

  /**
   * @param baselineRunId the run compared with, or null when there was none
   */
  /** The file, {@code gates.json}. */
  public static io.hopscope.reports.OutputFile file(RunAnalysis a, String baselineRunId) {
    return io.hopscope.reports.OutputFile.of("gates.json", w -> w.write(render(a, baselineRunId)));
  }

  public static String render(RunAnalysis a, String baselineRunId) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", a.runId());
    if (baselineRunId == null) {
      root.putNull("baseline_run_id");
    } else {
      root.put("baseline_run_id", baselineRunId);
    }
    root.put("passed", a.gates().allPassed());
    ArrayNode gates = root.putArray("gates");
    for (GateResult g : a.gates().results()) {
      ObjectNode o = gates.addObject();
      o.put("name", g.name());
      o.put("passed", g.passed());
      num(o, "observed", g.observed());
      num(o, "limit", g.limit());
      o.put("detail", g.detail());
    }
    ArrayNode skipped = root.putArray("not_evaluated");
    a.gates().notEvaluated().forEach(s -> skipped.add(s.text()));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void num(ObjectNode o, String name, Double v) {
    if (v == null || !Double.isFinite(v)) {
      o.putNull(name);
    } else {
      o.put(name, v);
    }
  }
}
