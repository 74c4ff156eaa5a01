package io.hopscope.analytics.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.RouteGate;
import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import org.junit.jupiter.api.Test;

class SpecGatesTest {
  private static RunSpec spec(String gates) throws Exception {
    String yaml =
        "test_run:\n"
            + "  scenario:\n"
            + "    name: s\n"
            + "    stages: [{rps: 10, duration_seconds: 60}]\n"
            + "  gates:\n"
            + gates;
    return RunSpecReader.parse("spec.yaml", new ObjectMapper(new YAMLFactory()).readTree(yaml));
  }

  @Test
  void readsPlainLimitsAndTieredRouteGates() throws Exception {
    GateConfig c =
        SpecGates.of(
            spec(
                "    max_5xx_rate: 0.001\n"
                    + "    max_throughput_drop: 0.2\n"
                    + "    routes:\n"
                    + "      - name: POST /orders\n"
                    + "        scenario: checkout\n"
                    + "        p95_ms: 200\n"
                    + "        p99_ms: {target: 300, acceptable: 500, critical: 1000}\n"));
    assertThat(c.max5xxRate()).hasValue(0.001);
    assertThat(c.max429503Rate()).isEmpty();
    assertThat(c.maxThroughputDrop()).isEqualTo(0.2);
    assertThat(c.routes())
        .containsExactly(
            new RouteGate("checkout", "POST /orders", "p95_ms", RouteGate.Tiers.plain(200)),
            new RouteGate(
                "checkout", "POST /orders", "p99_ms", new RouteGate.Tiers(300.0, 500, 1000.0)));
  }

  @Test
  void badRouteGatesNameTheField() {
    assertThatThrownBy(() -> SpecGates.of(spec("    routes:\n      - p95_ms: 200\n")))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("test_run.gates.routes[0].name");
    assertThatThrownBy(() -> SpecGates.of(spec("    routes:\n      - {name: a, p50_ms: 2}\n")))
        .hasMessageContaining("test_run.gates.routes[0].p50_ms");
    assertThatThrownBy(
            () ->
                SpecGates.of(
                    spec(
                        "    routes:\n      - {name: a, p95_ms: {target: 300, acceptable: 200}}\n")))
        .hasMessageContaining("target <= acceptable <= critical");
    assertThatThrownBy(() -> SpecGates.of(spec("    routes: nope\n")))
        .hasMessageContaining("must be a list of routes");
  }
}
