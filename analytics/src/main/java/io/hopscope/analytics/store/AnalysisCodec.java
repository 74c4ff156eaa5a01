package io.hopscope.analytics.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Window;
import io.hopscope.error.HopscopeException;
import io.hopscope.error.Problems;
import java.util.List;

/**
 * A run's whole analysis as JSON text, stored in {@code run_summary} so reports and gates can be
 * made again from the warehouse without scanning raw rows. The core types stay free of Jackson:
 * what they need is declared here in mix-ins.
 *
 * <p>The text carries a format version: {@code {"format": N, "analysis": {...}}}. A stored analysis
 * outlives the build that wrote it, so renaming or removing a field of the core records is a new
 * format with an upgrade from the previous one in {@link #UPGRADES}; {@code
 * AnalysisCodecFormatTest} reads blobs written by earlier builds and fails when a field they hold
 * would be lost. Adding a field needs no new format: older analyses read it as absent (null,
 * empty), and an older build reading a newer analysis ignores it. Blobs from before versions were
 * recorded (the bare analysis object) are format 0.
 */
public final class AnalysisCodec {
  /** The format this build writes. */
  public static final int FORMAT = 3;

  /**
   * Upgrades of the analysis object, from format i to format i + 1 (index i):
   *
   * <ol start="0">
   *   <li>0 → 1: none (format 0 is the bare object, with the fields of format 1);
   *   <li>1 → 2: a gate not evaluated was the text "gate: reason", and is {@code {gate, reason}}.
   *   <li>2 → 3: a warning was its text, and is {@code {kind, text}}; older ones are {@code
   *       UNCLASSIFIED}.
   * </ol>
   */
  private static final List<java.util.function.UnaryOperator<ObjectNode>> UPGRADES =
      List.of(
          analysis -> analysis,
          AnalysisCodec::skippedGatesAsRecords,
          AnalysisCodec::warningsAsRecords);

  private static ObjectNode warningsAsRecords(ObjectNode analysis) {
    if (analysis.path("warnings") instanceof com.fasterxml.jackson.databind.node.ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).isTextual()) {
          ObjectNode w = JSON.createObjectNode();
          w.put("kind", io.hopscope.analytics.core.Warning.Kind.UNCLASSIFIED.name());
          w.put("text", list.get(i).textValue());
          list.set(i, w);
        }
      }
    }
    return analysis;
  }

  private static ObjectNode skippedGatesAsRecords(ObjectNode analysis) {
    JsonNode skipped = analysis.path("gates").path("notEvaluated");
    if (skipped instanceof com.fasterxml.jackson.databind.node.ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).isTextual()) {
          // Route gate names have colons of their own (route:p95_ms:POST /x), not ": ".
          String text = list.get(i).textValue();
          int at = text.indexOf(": ");
          ObjectNode g = JSON.createObjectNode();
          g.put("gate", at < 0 ? text : text.substring(0, at));
          g.put("reason", at < 0 ? "" : text.substring(at + 2));
          list.set(i, g);
        }
      }
    }
    return analysis;
  }

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addMixIn(Schedule.class, ScheduleMixIn.class)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private AnalysisCodec() {}

  /** The analysis as stored: the format, then the analysis object. */
  public static String toJson(RunAnalysis a) {
    ObjectNode stored = JSON.createObjectNode();
    stored.put("format", FORMAT);
    stored.set("analysis", JSON.valueToTree(a));
    try {
      return JSON.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the analysis", e);
    }
  }

  /**
   * Reads a stored analysis of any format up to {@link #FORMAT}, upgrading it first.
   *
   * @throws HopscopeException (exit 2) when it was written by a newer build or cannot be read
   */
  public static RunAnalysis fromJson(String json) {
    ObjectNode analysis = upgraded(json);
    try {
      return JSON.treeToValue(analysis, RunAnalysis.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw unreadable(e.getMessage());
    }
  }

  /** The analysis object of a stored text, upgraded to {@link #FORMAT}. */
  static ObjectNode upgraded(String json) {
    JsonNode stored;
    try {
      stored = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw unreadable(e.getOriginalMessage());
    }
    if (!(stored instanceof ObjectNode o)) {
      throw unreadable("not a JSON object");
    }
    int format;
    ObjectNode analysis;
    if (o.has("format") && o.has("analysis")) {
      if (!o.get("format").canConvertToInt() || !(o.get("analysis") instanceof ObjectNode a)) {
        throw unreadable("its format is not a number or its analysis not an object");
      }
      format = o.get("format").intValue();
      analysis = a;
    } else {
      format = 0; // written before formats were recorded
      analysis = o;
    }
    if (format > FORMAT || format < 0) {
      throw Problems.missingData(
          "the stored analysis is in format "
              + format
              + ", and this build of hopscope reads formats 0 to "
              + FORMAT
              + " (it was written by a newer hopscope)",
          "use a hopscope at least as new as the one that analysed the run, or analyse the run"
              + " again with this one");
    }
    for (int f = format; f < FORMAT; f++) {
      analysis = UPGRADES.get(f).apply(analysis);
    }
    return analysis;
  }

  private static HopscopeException unreadable(String why) {
    return Problems.missingData(
        "the stored analysis cannot be read: " + why, "analyse the run again to store it anew");
  }

  /** How a {@link Schedule} is written and read back. */
  abstract static class ScheduleMixIn {
    @JsonCreator
    static Schedule restore(
        @JsonProperty("t0Ns") long t0Ns,
        @JsonProperty("warmupNs") long warmupNs,
        @JsonProperty("windows") List<Window> windows,
        @JsonProperty("inferredFrom") String inferredFrom) {
      return Schedule.restore(t0Ns, warmupNs, windows, inferredFrom);
    }

    @JsonProperty("t0Ns")
    abstract long t0Ns();

    @JsonProperty("warmupNs")
    abstract long warmupNs();

    @JsonProperty("windows")
    abstract List<Window> windows();

    @JsonProperty("inferredFrom")
    abstract java.util.Optional<String> inferredFrom();

    @com.fasterxml.jackson.annotation.JsonIgnore
    abstract boolean isInferred();
  }
}
