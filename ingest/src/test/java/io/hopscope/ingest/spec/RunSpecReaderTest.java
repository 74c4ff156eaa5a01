package io.hopscope.ingest.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.ExitCode;
import io.hopscope.error.HopscopeException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunSpecReaderTest {
  static Path spec(String name) {
    try {
      return Path.of(RunSpecReaderTest.class.getResource("/specs/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsThePlaybookTemplateWithARamp() {
    RunSpec s = RunSpecReader.read(spec("capacity-ramp.yaml"));
    assertThat(s.scenarioName()).isEqualTo("capacity_ramp");
    assertThat(s.mode()).isEqualTo("open_loop");
    assertThat(s.warmupSeconds()).isEqualTo(60);
    assertThat(s.startNs()).isEmpty();
    assertThat(s.workers()).hasValue(4);
    assertThat(s.stages())
        .containsExactly(
            StageSpec.constant(50, 120), new StageSpec(50, 100, 30), StageSpec.constant(100, 120));
    assertThat(s.stages().get(1).isRamp()).isTrue();
    assertThat(s.loadSeconds()).isEqualTo(270);
    assertThat(s.gates().get("slo_ms_p95_hop").asDouble()).isEqualTo(500);
    assertThat(s.text("/system_under_test/gateway_sha")).isEqualTo("abc123");
  }

  @Test
  void aWrongTypeNamesFileLineAndField() {
    assertThatThrownBy(() -> RunSpecReader.read(spec("stage-duration-not-a-number.yaml")))
        .isInstanceOfSatisfying(
            HopscopeException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
              assertThat(e.oneLine())
                  .contains("stage-duration-not-a-number.yaml:9")
                  .contains("test_run.scenario.stages[1].duration_seconds")
                  .contains("two minutes");
            });
  }

  @Test
  void missingStagesIsABadInput() {
    assertThatThrownBy(() -> RunSpecReader.read(spec("no-stages.yaml")))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("test_run.scenario.stages")
        .hasMessageContaining("non-empty list");
  }

  @Test
  void negativeRateIsRejectedWithItsLine() {
    assertThatThrownBy(() -> RunSpecReader.read(spec("negative-rps.yaml")))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("negative-rps.yaml:5")
        .hasMessageContaining("stages[0].rps");
  }

  @Test
  void brokenYamlNamesTheLine() {
    assertThatThrownBy(() -> RunSpecReader.read(spec("broken-yaml.yaml")))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("broken-yaml.yaml:")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void missingFileIsABadInput() {
    assertThatThrownBy(() -> RunSpecReader.read(Path.of("/nonexistent/run.yaml")))
        .isInstanceOfSatisfying(
            HopscopeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT));
  }
}
