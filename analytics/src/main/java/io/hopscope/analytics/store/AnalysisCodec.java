package io.hopscope.analytics.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Window;
import java.util.List;

/**
 * A run's whole analysis as JSON text, stored in {@code run_summary} so reports and gates can be
 * made again from the warehouse without scanning raw rows. The core types stay free of Jackson:
 * what they need is declared here in mix-ins.
 */
public final class AnalysisCodec {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addMixIn(Schedule.class, ScheduleMixIn.class)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private AnalysisCodec() {}

  public static String toJson(RunAnalysis a) {
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the analysis", e);
    }
  }

  public static RunAnalysis fromJson(String json) {
    try {
      return JSON.readValue(json, RunAnalysis.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot read a stored analysis: " + e.getOriginalMessage(), e);
    }
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
