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

  private static HopscopeException refused(java.nio.file.Path dir, String yaml) throws Exception {
    Path f = dir.resolve("spec.yaml");
    java.nio.file.Files.writeString(f, yaml);
    try {
      RunSpecReader.read(f);
    } catch (HopscopeException e) {
      assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
      return e;
    }
    throw new AssertionError("accepted: " + yaml);
  }

  /** Values that would overflow the schedule's arithmetic are refused up front, with file:line. */
  @Test
  void specExtremesAreRefusedUpFrontNamingLineAndField(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String head = "test_run:\n  scenario:\n    name: x\n";
    assertThat(
            refused(dir, head + "    stages:\n      - {rps: 10, duration_seconds: 1e15}\n")
                .oneLine())
        .contains("spec.yaml:5")
        .contains("stages[0].duration_seconds")
        .contains("above the largest value");
    assertThat(
            refused(dir, head + "    stages:\n      - {rps: 1e300, duration_seconds: 10}\n")
                .oneLine())
        .contains("stages[0].rps");
    assertThat(
            refused(
                    dir,
                    head
                        + "    start_ns: 9223372036854775000\n"
                        + "    stages:\n      - {rps: 10, duration_seconds: 10}\n")
                .oneLine())
        .contains("spec.yaml:4")
        .contains("start_ns")
        .contains("outside 2000-01-01 .. 2200-01-01");
    assertThat(
            refused(
                    dir,
                    head
                        + "    start_ns: 1767225600\n"
                        + "    stages:\n      - {rps: 10, duration_seconds: 10}\n")
                .oneLine())
        .contains("seconds or milliseconds given by mistake");
    StringBuilder many = new StringBuilder(head + "    stages:\n");
    for (int i = 0; i < 20_000; i++) {
      many.append("      - {rps: 1, duration_seconds: 1}\n");
    }
    assertThat(refused(dir, many.toString()).oneLine()).contains("20000 stages");
    StringBuilder long90 = new StringBuilder(head + "    stages:\n");
    for (int i = 0; i < 4; i++) {
      long90.append("      - {rps: 1, duration_seconds: 2592000}\n");
    }
    assertThat(refused(dir, long90.toString()).oneLine())
        .contains("stages[3].duration_seconds")
        .contains("more than 90 days");
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
