package io.hopscope.ingest.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The run spec: the playbook's scenario template ({@code test_run:} with system_under_test,
 * environment, workload, scenario, gates, outputs) plus the optional {@code scenario.start_ns}.
 *
 * @param source where the spec was read from (for messages)
 * @param scenarioName {@code scenario.name}
 * @param mode {@code scenario.mode}, e.g. {@code open_loop}
 * @param warmupSeconds {@code scenario.warmup_seconds}, 0 when absent
 * @param startNs {@code scenario.start_ns}: t0 of the schedule, when the spec knows it
 * @param stages the load schedule after the warm-up
 * @param workers {@code environment.workers}, when given
 * @param gates the raw {@code gates} block (an empty object when absent)
 * @param document the whole spec as a JSON tree, kept verbatim for the {@code runs} table
 */
public record RunSpec(
    String source,
    String scenarioName,
    String mode,
    double warmupSeconds,
    OptionalLong startNs,
    List<StageSpec> stages,
    OptionalInt workers,
    JsonNode gates,
    JsonNode document) {

  public RunSpec {
    Objects.requireNonNull(source);
    Objects.requireNonNull(scenarioName);
    Objects.requireNonNull(mode);
    Objects.requireNonNull(startNs);
    stages = List.copyOf(stages);
    Objects.requireNonNull(workers);
    Objects.requireNonNull(gates);
    Objects.requireNonNull(document);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a run spec needs at least one stage");
    }
    if (!(warmupSeconds >= 0)) {
      throw new IllegalArgumentException("warmup must be >= 0");
    }
  }

  /** Total scheduled seconds after the warm-up. */
  public double loadSeconds() {
    return stages.stream().mapToDouble(StageSpec::durationSeconds).sum();
  }

  /** A text field of {@code test_run}, by JSON pointer (e.g. {@code /environment/cluster}). */
  public String text(String pointer) {
    JsonNode n = document.at(pointer);
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /**
   * This spec with more gates: each key of {@code overrides} replaces the spec's (a gates file
   * beside the spec). The document is updated too, so the stored spec says what was gated.
   */
  public RunSpec withGates(JsonNode overrides) {
    com.fasterxml.jackson.databind.node.ObjectNode merged =
        gates.isObject()
            ? ((com.fasterxml.jackson.databind.node.ObjectNode) gates).deepCopy()
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    overrides.properties().forEach(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
    JsonNode doc = document.deepCopy();
    if (doc instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      o.set("gates", merged); // the document is the test_run mapping
    }
    return new RunSpec(
        source, scenarioName, mode, warmupSeconds, startNs, stages, workers, merged, doc);
  }
}
