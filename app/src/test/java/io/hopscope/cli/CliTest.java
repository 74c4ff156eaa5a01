package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage and input errors: one line naming what is wrong, and the contract's exit codes. */
class CliTest {
  @TempDir Path dir;

  private Path spec() throws IOException {
    Path spec = dir.resolve("run.yaml");
    Files.writeString(
        spec,
        "test_run:\n  scenario:\n    name: smoke\n    stages:\n      - rps: 5\n        duration_seconds: 10\n");
    return spec;
  }

  private static void oneLine(CliRunner.Result r) {
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .doesNotContain("Exception")
        .startsWith("hopscope: ");
  }

  @Test
  void helpListsTheCommands() {
    CliRunner.Result r = CliRunner.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("analyze", "ingest", "demo", "simulate");
  }

  @Test
  void analyzeHelpStatesTheExitCodes() {
    CliRunner.Result r = CliRunner.run("analyze", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--valkey", "--done-file", "--run-id", "--spec", "--out", "1 a gate failed");
  }

  @Test
  void unknownOptionIsExitCode2() {
    CliRunner.Result r = CliRunner.run("analyze", "--run-id", "r", "--frobnicate");
    assertThat(r.code()).isEqualTo(2);
    oneLine(r);
    assertThat(r.err()).contains("--frobnicate");
  }

  @Test
  void missingCommandIsExitCode2() {
    CliRunner.Result r = CliRunner.run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("a command is needed");
  }

  @Test
  void badRunIdIsExitCode2() throws IOException {
    CliRunner.Result r =
        CliRunner.run(
            "ingest", "--run-id", "../etc", "--spec", spec().toString(), "--done-file", "x");
    assertThat(r.code()).isEqualTo(2);
    oneLine(r);
    assertThat(r.err()).contains("run id '../etc' is not allowed");
  }

  @Test
  void ingestWithoutSourceIsExitCode2() throws IOException {
    CliRunner.Result r = CliRunner.run("ingest", "--run-id", "r", "--spec", spec().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ingest needs a source");
  }

  @Test
  void analyzeWithoutSpecStillNamesAMissingSource() {
    // No spec is needed (the stages are inferred), so the first problem is the missing file.
    CliRunner.Result r =
        CliRunner.run(
            "analyze",
            "--run-id",
            "r",
            "--done-file",
            dir.resolve("x.ndjson").toString(),
            "--warehouse",
            dir.resolve("wh").toString());
    assertThat(r.code()).isEqualTo(2);
    oneLine(r);
    assertThat(r.err()).contains("x.ndjson: not found");
  }

  @Test
  void missingDoneFileIsExitCode2NamingIt() throws IOException {
    CliRunner.Result r =
        CliRunner.run(
            "ingest",
            "--run-id",
            "r",
            "--spec",
            spec().toString(),
            "--done-file",
            dir.resolve("absent.ndjson").toString(),
            "--warehouse",
            dir.resolve("wh").toString());
    assertThat(r.code()).isEqualTo(2);
    oneLine(r);
    assertThat(r.err()).contains("absent.ndjson: not found");
  }

  @Test
  void ingestNeedsRunIdsOrAllRuns() throws IOException {
    CliRunner.Result r = CliRunner.run("ingest", "--done-file", "x.ndjson");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("either --run-id ID (repeatable) or --all-runs");
    CliRunner.Result both =
        CliRunner.run(
            "ingest",
            "--run-id",
            "a",
            "--run-id",
            "b",
            "--spec",
            spec().toString(),
            "--done-file",
            "x");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--spec belongs to one run");
  }

  @Test
  void badFieldOverrideIsExitCode2() throws IOException {
    CliRunner.Result r =
        CliRunner.run("ingest", "--run-id", "r", "--done-file", "x", "--field", "colour=blue");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ROLE is one of run, corr");
  }

  @Test
  void badValkeyUriIsExitCode2() throws IOException {
    CliRunner.Result r =
        CliRunner.run(
            "ingest", "--run-id", "r", "--spec", spec().toString(), "--valkey", "http://x:1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is not a redis:// or rediss:// URI");
  }

  @Test
  void unreachableValkeyIsExitCode3WithoutAStackTrace() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRunner.Result r =
        CliRunner.run(
            "ingest",
            "--run-id",
            "r",
            "--spec",
            spec().toString(),
            "--valkey",
            "redis://user:secret@127.0.0.1:" + port,
            "--warehouse",
            dir.resolve("wh").toString());
    assertThat(r.code()).isEqualTo(3);
    oneLine(r);
    assertThat(r.err())
        .contains("Valkey at redis://user:***@127.0.0.1:" + port)
        .doesNotContain("secret");
  }

  @Test
  void badSpecValueNamesFileLineAndField() throws IOException {
    Path spec = dir.resolve("bad.yaml");
    Files.writeString(
        spec,
        "test_run:\n  scenario:\n    name: smoke\n    stages:\n      - rps: fast\n        duration_seconds: 10\n");
    CliRunner.Result r =
        CliRunner.run("ingest", "--run-id", "r", "--spec", spec.toString(), "--done-file", "x");
    assertThat(r.code()).isEqualTo(2);
    oneLine(r);
    assertThat(r.err()).contains("bad.yaml:5").contains("test_run.scenario.stages[0].rps");
  }
}
