package io.hopscope.analytics.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.hopscope.analytics.core.ScheduleInference;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.spec.StageSpec;

/**
 * The run spec of a run analysed without one: its stages as {@link ScheduleInference} found them,
 * in the spec format, so that the user can pin them with {@code --spec} next time.
 */
public final class InferredSpec {
  /** The file the report folder holds it in. */
  public static final String FILE = "run.inferred.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private InferredSpec() {}

  /** A spec holding the inferred stages (no warm-up, default gates). */
  public static RunSpec of(RunId run, ScheduleInference.Inferred inferred, String scenarioName) {
    ObjectNode root = YAML.createObjectNode();
    ObjectNode scenario = root.putObject("test_run").putObject("scenario");
    scenario.put("name", scenarioName);
    scenario.put("warmup_seconds", 0);
    scenario.put("start_ns", inferred.t0Ns());
    ArrayNode stages = scenario.putArray("stages");
    for (StageSpec s : inferred.stages()) {
      ObjectNode o = stages.addObject();
      if (s.isRamp()) {
        o.put("start_rps", s.startRps());
        o.put("end_rps", s.endRps());
      } else {
        o.put("rps", s.startRps());
      }
      o.put("duration_seconds", s.durationSeconds());
    }
    return RunSpecReader.parse("the stages inferred for run '" + run + "'", root);
  }

  /**
   * The spec as YAML, with a header saying where it came from.
   *
   * @param basis how the stages were found
   */
  public static String yaml(RunSpec spec, String basis) {
    ObjectNode root = YAML.createObjectNode();
    root.set("test_run", spec.document());
    try {
      return "# Stages hopscope inferred from the data, as a run spec: pin them with --spec.\n"
          + "# "
          + basis.replace('\n', ' ')
          + "\n# Rates are the load generator's: k6 iterations (or requests) or job arrivals per"
          + " second.\n"
          + YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the inferred spec", e);
    }
  }
}
