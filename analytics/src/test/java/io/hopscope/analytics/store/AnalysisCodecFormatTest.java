package io.hopscope.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.error.HopscopeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Analyses stored by earlier builds stay readable, whole. The fixtures are {@code run_summary.
 * analysis} blobs as builds wrote them (format 0: before formats were recorded; format 1: the first
 * recorded), of the two sample runs; each later format has its own. A field of a fixture that does
 * not come back after reading and writing again was renamed or removed without a new format: add
 * one, with an upgrade from the previous format in {@code AnalysisCodec.UPGRADES}, and commit a
 * blob of the new format here.
 */
class AnalysisCodecFormatTest {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static String fixture(String name) throws IOException {
    try (InputStream in =
        AnalysisCodecFormatTest.class.getResourceAsStream("/stored-analysis/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "format0-capacity-ramp.json.gz",
        "format0-k6-only.json.gz",
        "format1-capacity-ramp.json.gz",
        "format1-k6-only.json.gz",
        "format2-capacity-ramp.json.gz",
        "format2-k6-only.json.gz",
        "format3-capacity-ramp.json.gz",
        "format3-k6-only.json.gz"
      })
  void anEarlierBuildsAnalysisReadsBackWithEveryField(String name) throws IOException {
    String stored = fixture(name);
    RunAnalysis read = AnalysisCodec.fromJson(stored);
    assertThat(read.plateaus()).isNotEmpty();

    JsonNode before = AnalysisCodec.upgraded(stored);
    JsonNode after = JSON.readTree(AnalysisCodec.toJson(read)).get("analysis");
    assertThat(lost(before, after, "analysis"))
        .as(
            "%s: a field of a stored analysis no longer comes back; renaming or removing a field"
                + " needs a new format with an upgrade (AnalysisCodec.UPGRADES)",
            name)
        .isEmpty();
    // Written again, it is the current format, and reads back to the same text.
    String again = AnalysisCodec.toJson(read);
    assertThat(JSON.readTree(again).get("format").intValue()).isEqualTo(AnalysisCodec.FORMAT);
    assertThat(AnalysisCodec.toJson(AnalysisCodec.fromJson(again))).isEqualTo(again);
  }

  @Test
  void theFixturesHoldWhatTheyAreMeantToCover() throws IOException {
    RunAnalysis capacity = AnalysisCodec.fromJson(fixture("format0-capacity-ramp.json.gz"));
    assertThat(capacity.knee()).isPresent();
    assertThat(capacity.sizing()).isPresent();
    assertThat(capacity.drain()).isPresent();
    assertThat(capacity.buckets()).isNotEmpty();
    assertThat(capacity.plateaus().get(0).telemetry()).isNotNull();
    assertThat(capacity.gates().notEvaluated()).isNotEmpty();
    RunAnalysis k6 = AnalysisCodec.fromJson(fixture("format0-k6-only.json.gz"));
    assertThat(k6.plateaus().stream().filter(p -> p.hasHttp())).isNotEmpty();
    assertThat(
            k6.plateaus().stream()
                .filter(p -> p.hasHttp())
                .flatMap(p -> p.http().routes().stream()))
        .anySatisfy(r -> assertThat(r.failures()).isNotEmpty());
  }

  @Test
  void warningsKeepTheirKindAndOlderOnesReadAsUnclassified() throws IOException {
    RunAnalysis now = AnalysisCodec.fromJson(fixture("format3-k6-only.json.gz"));
    assertThat(now.warnings())
        .isNotEmpty()
        .anyMatch(w -> w.kind() == io.hopscope.analytics.core.Warning.Kind.SCHEDULE)
        .noneMatch(w -> w.kind() == io.hopscope.analytics.core.Warning.Kind.UNCLASSIFIED);
    RunAnalysis before = AnalysisCodec.fromJson(fixture("format2-k6-only.json.gz"));
    assertThat(before.warnings())
        .isNotEmpty()
        .allMatch(w -> w.kind() == io.hopscope.analytics.core.Warning.Kind.UNCLASSIFIED);
    assertThat(before.warnings().stream().map(io.hopscope.analytics.core.Warning::text))
        .containsExactlyElementsOf(
            now.warnings().stream().map(io.hopscope.analytics.core.Warning::text).toList());
  }

  @Test
  void anAnalysisFromANewerBuildIsRefusedWithTheFix() {
    assertThatThrownBy(() -> AnalysisCodec.fromJson("{\"format\": 99, \"analysis\": {}}"))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("format 99")
        .hasMessageContaining("newer hopscope");
  }

  @Test
  void anUnreadableAnalysisSaysToAnalyseAgain() {
    for (String bad :
        new String[] {"{\"format\": 1", "[1, 2]", "{\"format\": \"x\", \"analysis\": 3}"}) {
      assertThatThrownBy(() -> AnalysisCodec.fromJson(bad))
          .as(bad)
          .isInstanceOf(HopscopeException.class)
          .hasMessageContaining("cannot be read");
    }
  }

  @Test
  void theCheckFindsARenamedField() {
    JsonNode before = JSON.valueToTree(Map.of("a", Map.of("b", 1, "c", 2)));
    JsonNode after = JSON.valueToTree(Map.of("a", Map.of("b", 1, "d", 2)));
    assertThat(lost(before, after, "x")).contains("x.a.c");
    assertThat(lost(after, after, "x")).isEmpty();
  }

  /**
   * The first path where {@code before} holds something {@code after} does not; fields only {@code
   * after} has (added since) are fine.
   */
  private static Optional<String> lost(JsonNode before, JsonNode after, String path) {
    if (before.isObject()) {
      if (!after.isObject()) {
        return Optional.of(path);
      }
      for (Map.Entry<String, JsonNode> e : before.properties()) {
        JsonNode other = after.get(e.getKey());
        if (other == null) {
          if (e.getValue().isNull()) {
            continue; // an absent value written as null
          }
          return Optional.of(path + "." + e.getKey());
        }
        Optional<String> l = lost(e.getValue(), other, path + "." + e.getKey());
        if (l.isPresent()) {
          return l;
        }
      }
      return Optional.empty();
    }
    if (before.isArray()) {
      if (!after.isArray() || after.size() != before.size()) {
        return Optional.of(path);
      }
      for (int i = 0; i < before.size(); i++) {
        Optional<String> l = lost(before.get(i), after.get(i), path + "[" + i + "]");
        if (l.isPresent()) {
          return l;
        }
      }
      return Optional.empty();
    }
    return before.equals(after) ? Optional.empty() : Optional.of(path);
  }
}
