package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hopscope ci}: the pipelines parse as YAML, have the shape their CI wants, and every
 * hopscope command line in them names a command and options that exist (checked against that
 * command's own {@code --help}); the specs they name exist and read as specs.
 */
class CiCommandTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path repo;

  private void specs() throws IOException {
    String sample =
        Files.readString(TestPaths.sampleData().resolve("capacity-ramp-sim/run.yaml"))
            .replaceAll("(?m)^\\s*start_ns:.*\\n", "");
    Files.createDirectories(repo.resolve("perf/specs"));
    Files.createDirectories(repo.resolve("perf/k6"));
    for (String n : List.of("smoke", "baseline", "capacity")) {
      Files.writeString(
          repo.resolve("perf/specs/" + n + ".yaml"), sample.replace("capacity_ramp", n));
      Files.writeString(repo.resolve("perf/k6/" + n + ".js"), "export default function () {}\n");
    }
  }

  private CliRunner.Result ci(String... more) {
    List<String> args = new ArrayList<>(List.of("ci", "--out", repo.toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  void githubWorkflowsRunCommandsThatExist() throws IOException {
    specs();
    CliRunner.Result r =
        ci("--provider", "github", "--target-rps", "120", "--prom-url", "http://prom:9090");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = new ArrayList<>();
    Map<String, String> matrixSpecs = new HashMap<>();
    for (String wf :
        List.of("hopscope-pr-smoke.yml", "hopscope-nightly.yml", "hopscope-weekly-sweep.yml")) {
      JsonNode w = YAML.readTree(repo.resolve(".github/workflows/" + wf).toFile());
      assertThat(w.path("name").asText()).as(wf).startsWith("hopscope");
      assertThat(w.has("on")).as(wf).isTrue();
      assertThat(w.path("jobs").size()).as(wf).isPositive();
      for (JsonNode job : w.path("jobs")) {
        assertThat(job.path("runs-on").asText()).isEqualTo("ubuntu-latest");
        for (JsonNode inc : job.at("/strategy/matrix/include")) {
          matrixSpecs.put(inc.path("workers").asText(), inc.path("spec").asText());
        }
        for (JsonNode step : job.path("steps")) {
          assertThat(step.has("uses") != step.has("run")).as(step.toString()).isTrue();
          if (step.has("uses")) {
            assertThat(step.get("uses").asText())
                .matches(
                    "(actions/checkout|actions/setup-java|grafana/setup-k6-action|actions/cache/restore"
                        + "|actions/cache/save|actions/upload-artifact)@v\\d+");
          } else {
            lines.addAll(step.get("run").asText().lines().toList());
          }
        }
      }
    }
    assertThat(matrixSpecs).containsOnlyKeys("1", "2", "4");
    matrixSpecs.forEach(
        (workers, spec) -> {
          RunSpec s = RunSpecReader.read(repo.resolve(spec));
          assertThat(s.workers().getAsInt()).isEqualTo(Integer.parseInt(workers));
          assertThat(s.scenarioName()).isEqualTo("capacity");
        });
    checkCommands(lines, Map.of("\"$SPEC\"", matrixSpecs.get("2")));
    assertThat(String.join("\n", lines))
        .contains("analyze --run-id")
        .contains("trend --scenario capacity --target-rps 120")
        .contains("up -d --wait ${WORKERS:+--scale worker=$WORKERS}")
        .contains("--prom-url http://prom:9090");
  }

  @Test
  void gitlabPipelineRunsCommandsThatExist() throws IOException {
    specs();
    CliRunner.Result r = ci("--provider", "gitlab", "--warehouse", "s3a://perf-bucket/warehouse");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode p = YAML.readTree(repo.resolve(".gitlab/hopscope.gitlab-ci.yml").toFile());
    assertThat(p.path("stages")).hasSize(2);
    JsonNode base = p.path(".hopscope");
    assertThat(base.at("/artifacts/reports/junit").asText()).isEqualTo("report/*/gates.junit.xml");
    assertThat(base.at("/artifacts/when").asText()).isEqualTo("always");
    assertThat(base.has("cache")).as("an object store needs no cache").isFalse();
    List<String> lines = new ArrayList<>();
    base.path("before_script").forEach(l -> lines.add(l.asText()));
    String spec = null;
    for (String job :
        List.of(
            "hopscope-pr-smoke", "hopscope-nightly", "hopscope-weekly-sweep", "hopscope-scaling")) {
      JsonNode j = p.path(job);
      assertThat(j.path("extends").asText()).as(job).isEqualTo(".hopscope");
      assertThat(j.path("rules").size()).as(job).isPositive();
      j.path("script").forEach(l -> lines.add(l.asText()));
      for (JsonNode m : j.at("/parallel/matrix")) {
        spec = m.path("SPEC").asText();
        assertThat(RunSpecReader.read(repo.resolve(spec)).workers().getAsInt())
            .isEqualTo(m.path("WORKERS").asInt());
      }
    }
    checkCommands(lines, Map.of("\"$SPEC\"", spec));
  }

  @Test
  void textFromSpecsAndOptionsCannotBreakTheFilesOrTheShellLines() throws IOException {
    specs();
    String hostile = "Checkout: peak #2 'x' \"y\" $z `w`";
    Files.writeString(
        repo.resolve("perf/specs/baseline.yaml"),
        Files.readString(repo.resolve("perf/specs/baseline.yaml"))
            .replace("name: \"baseline\"", "name: \"" + hostile.replace("\"", "\\\"") + "\""));
    for (String provider : List.of("github", "gitlab")) {
      CliRunner.Result r =
          ci("--provider", provider, "--up", "make up # with: a colon", "--warehouse", "wh dir");
      assertThat(r.code()).as(r.err()).isZero();
    }
    List<String> lines = new ArrayList<>();
    JsonNode nightly =
        YAML.readTree(repo.resolve(".github/workflows/hopscope-nightly.yml").toFile());
    nightly.findValues("run").forEach(v -> lines.addAll(v.asText().lines().toList()));
    JsonNode gitlab = YAML.readTree(repo.resolve(".gitlab/hopscope.gitlab-ci.yml").toFile());
    gitlab.path("hopscope-nightly").path("script").forEach(v -> lines.add(v.asText()));
    assertThat(lines).contains("make up # with: a colon");
    List<String> trends = lines.stream().filter(l -> l.contains("hopscope trend")).toList();
    assertThat(trends).hasSize(2);
    for (String t : trends) {
      List<String> w = words(t.substring(t.indexOf(" trend ") + 1));
      assertThat(w.get(w.indexOf("--scenario") + 1)).isEqualTo(hostile);
      assertThat(w.get(w.indexOf("--warehouse") + 1)).isEqualTo("wh dir");
    }
    CliRunner.Result secret =
        ci("--provider", "github", "--prom-url", "https://ops:s3cret@prom.example");
    assertThat(secret.code()).isEqualTo(2);
    assertThat(secret.err()).contains("holds credentials").doesNotContain("s3cret");
  }

  @Test
  void aSpecPinnedToOneTimeIsRefusedForCi() throws IOException {
    specs();
    Files.writeString(
        repo.resolve("perf/specs/smoke.yaml"),
        Files.readString(TestPaths.sampleData().resolve("capacity-ramp-sim/run.yaml")));
    CliRunner.Result r = ci("--provider", "github");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("sets test_run.scenario.start_ns");
  }

  /**
   * Every hopscope command line: its command exists, each option appears in that command's own
   * --help, and every --spec it names reads as a spec.
   */
  private void checkCommands(List<String> lines, Map<String, String> substitutions) {
    int commands = 0;
    for (String line : lines) {
      if (!line.contains("hopscope/scripts/hopscope ")) {
        continue;
      }
      String text = line;
      for (Map.Entry<String, String> e : substitutions.entrySet()) {
        text = text.replace(e.getKey(), e.getValue());
      }
      List<String> words = words(text.substring(text.indexOf("hopscope/scripts/hopscope ") + 26));
      String command = words.get(0);
      CliRunner.Result help = CliRunner.run(command, "--help");
      assertThat(help.code()).as(command + " --help: " + help.err()).isZero();
      for (int i = 1; i < words.size(); i++) {
        String w = words.get(i);
        if (w.startsWith("--")) {
          assertThat(help.out())
              .as(line)
              .containsPattern(java.util.regex.Pattern.quote(w) + "[= \\],\\n]");
        }
        if (w.equals("--spec")) {
          assertThat(RunSpecReader.read(repo.resolve(words.get(i + 1))).scenarioName())
              .isNotBlank();
        }
      }
      commands++;
    }
    assertThat(commands).isGreaterThanOrEqualTo(4);
  }

  /** Shell words, quotes removed ('\\'' inside single quotes included). */
  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    String text = line.strip().replace("'\\''", "\u0000");
    for (char c : text.toCharArray()) {
      if (c == 0) {
        w.append('\'');
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (c == ' ' && quote == 0) {
        if (w.length() > 0) {
          out.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    if (w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }
}
