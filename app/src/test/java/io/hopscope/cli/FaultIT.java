package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into real processes ({@code scripts/hopscope}, each its own JVM) writing one
 * warehouse: SIGKILL at every point of a run's commit and of an analysis, SIGTERM to the launcher,
 * two ingests of one run at once, a full disk and a read-only one. After each, the warehouse holds
 * one whole version of the run (the previous one, or the new one when its head row was committed)
 * and the next write needs nothing cleaned by hand.
 */
class FaultIT {
  private static final String RUN = "fault-run";
  @TempDir static Path dir;
  static Path small;
  static Path large;
  static long smallJobs;
  static long largeJobs;

  @BeforeAll
  static void twoVersionsOfTheRun() throws IOException {
    small = simulate("small.ndjson.gz", 20, 1, 1);
    large = simulate("large.ndjson.gz", 45, 2, 3);
    Path scratch = dir.resolve("scratch");
    assertThat(ingest(scratch, small).code()).isZero();
    smallJobs = jobs(scratch);
    assertThat(ingest(scratch, large).code()).isZero();
    largeJobs = jobs(scratch);
    assertThat(largeJobs).isGreaterThan(smallJobs).isPositive();
  }

  static Path spec() throws IOException {
    return spec(1);
  }

  /** The spec, with rates scaled by {@code k} (for simulating a bigger version of the run). */
  static Path spec(int k) throws IOException {
    Path f = dir.resolve("run-" + k + ".yaml");
    Files.writeString(
        f,
        String.join(
            "\n",
            "test_run:",
            "  environment: {workers: 2}",
            "  scenario:",
            "    name: faults",
            "    warmup_seconds: 0",
            "    start_ns: 1767225600000000000",
            "    stages:",
            "      - {rps: " + 20 * k + ", duration_seconds: 30}",
            "      - {rps: " + 40 * k + ", duration_seconds: 30}",
            ""));
    return f;
  }

  static Path simulate(String name, int serviceMs, int seed, int k) throws IOException {
    Path out = dir.resolve(name);
    CliRunner.Result r =
        CliRunner.run(
            "simulate",
            "--run-id",
            RUN,
            "--spec",
            spec(k).toString(),
            "--service-ms",
            Integer.toString(serviceMs),
            "--seed",
            Integer.toString(seed),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  static CliRunner.Result ingest(Path wh, Path doneFile) throws IOException {
    return CliRunner.run(
        "ingest",
        "--run-id",
        RUN,
        "--spec",
        spec().toString(),
        "--done-file",
        doneFile.toString(),
        "--warehouse",
        wh.toString());
  }

  static String query(Path wh, String sql) {
    CliRunner.Result q =
        CliRunner.run("query", sql, "--format", "csv", "--warehouse", wh.toString());
    assertThat(q.code()).as(q.err()).isZero();
    return q.out().lines().skip(1).findFirst().orElse("");
  }

  static long jobs(Path wh) {
    return Long.parseLong(query(wh, "select count(*) from jobs where run_id = '" + RUN + "'"));
  }

  /** The done file the committed manifest names: which version the warehouse holds. */
  static String version(Path wh) {
    String sources = query(wh, "select sources from runs where run_id = '" + RUN + "'");
    return sources.contains("large.ndjson.gz")
        ? "large"
        : sources.contains("small") ? "small" : sources;
  }

  /** A hopscope process of its own, through the launcher, stderr kept in a file. */
  static final class Proc {
    final Process process;
    final Path log;
    final List<ProcessHandle> tree = new ArrayList<>();

    Proc(Map<String, String> env, String... args) throws IOException {
      log = Files.createTempFile(dir, "proc", ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(TestPaths.project().resolve("scripts/hopscope").toString());
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(log.toFile());
      pb.environment().putAll(env);
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      pb.environment().put("HOPSCOPE_NO_CDS", "1");
      process = pb.start();
    }

    String output() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the process says it paused, and notes its process tree (launcher and JVM). */
    void awaitPaused() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!output().contains("paused at ")) {
        assertThat(process.isAlive()).as("exited before pausing: %s", output()).isTrue();
        assertThat(System.nanoTime()).as("never paused: %s", output()).isLessThan(deadline);
        Thread.sleep(100);
      }
      tree.add(process.toHandle());
      process.toHandle().descendants().forEach(tree::add);
    }

    /** SIGKILL to every process of the tree, as a crash or the OOM killer would. */
    void kill() throws InterruptedException {
      for (ProcessHandle h : tree) {
        h.destroyForcibly();
      }
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (ProcessHandle h : tree) {
        h.onExit().join();
      }
    }

    int exit() throws Exception {
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("still running").isTrue();
      return process.exitValue();
    }
  }

  static Proc ingestProcess(Path wh, Path doneFile, String pauseAt) throws IOException {
    return new Proc(
        pauseAt == null ? Map.of() : Map.of("HOPSCOPE_PAUSE_AT", pauseAt),
        "ingest",
        "--run-id",
        RUN,
        "--spec",
        spec().toString(),
        "--done-file",
        doneFile.toString(),
        "--warehouse",
        wh.toString());
  }

  @Test
  void aKillAtAnyPointOfACommitLeavesOneWholeVersionAndNothingToClean() throws Exception {
    String[][] points = {
      {"after-commit:jobs", "small"},
      {"after-commit:rejects", "small"},
      {"before-head:runs", "small"},
      {"after-head:runs", "large"},
    };
    for (String[] p : points) {
      Path wh = dir.resolve("kill-" + p[0].replace(':', '-'));
      assertThat(ingest(wh, small).code()).isZero();
      Proc proc = ingestProcess(wh, large, p[0]);
      proc.awaitPaused();
      proc.kill();
      assertThat(version(wh)).as(p[0]).isEqualTo(p[1]);
      assertThat(jobs(wh)).as(p[0]).isEqualTo(p[1].equals("large") ? largeJobs : smallJobs);
      // Analysis of the run as the warehouse holds it, then the next ingest: nothing to clean.
      CliRunner.Result a =
          CliRunner.run(
              "analyze",
              "--run-id",
              RUN,
              "--warehouse",
              wh.toString(),
              "--out",
              wh.resolveSibling(wh.getFileName() + "-out").toString());
      assertThat(a.code()).as(a.err()).isIn(0, 1);
      assertThat(ingest(wh, large).code()).isZero();
      assertThat(jobs(wh)).isEqualTo(largeJobs);
      assertThat(version(wh)).isEqualTo("large");
    }
  }

  @Test
  void aKillDuringAnAnalysisKeepsThePreviousAnalysis() throws Exception {
    Path wh = dir.resolve("analyze-kill");
    Path out = dir.resolve("analyze-kill-out");
    assertThat(ingest(wh, small).code()).isZero();
    CliRunner.Result first =
        CliRunner.run(
            "analyze", "--run-id", RUN, "--warehouse", wh.toString(), "--out", out.toString());
    assertThat(first.code()).as(first.err()).isIn(0, 1);
    String before = Files.readString(out.resolve("summary.json"));
    String stats = query(wh, "select count(*) from plateau_stats where run_id = '" + RUN + "'");

    Proc proc =
        new Proc(
            Map.of("HOPSCOPE_PAUSE_AT", "after-commit:plateau_stats"),
            "analyze",
            "--run-id",
            RUN,
            "--baseline",
            RUN,
            "--warehouse",
            wh.toString(),
            "--out",
            dir.resolve("analyze-kill-out2").toString());
    proc.awaitPaused();
    proc.kill();

    Path again = dir.resolve("analyze-kill-report");
    CliRunner.Result report =
        CliRunner.run(
            "report", "--run-id", RUN, "--warehouse", wh.toString(), "--out", again.toString());
    assertThat(report.code()).as(report.err()).isIn(0, 1);
    assertThat(Files.readString(again.resolve("summary.json"))).isEqualTo(before);
    assertThat(query(wh, "select count(*) from plateau_stats where run_id = '" + RUN + "'"))
        .isEqualTo(stats);
  }

  @Test
  void twoIngestsOfOneRunAtOnceEndWithOneWholeVersion() throws Exception {
    // The first pauses after its first table's commit; the second overtakes it and commits;
    // the first then meets the second's commit, fails cleanly and undoes its own.
    Path wh = dir.resolve("concurrent");
    Proc first = ingestProcess(wh, small, "after-commit:jobs@8000");
    first.awaitPaused();
    CliRunner.Result second = ingest(wh, large);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(first.exit()).as(first.output()).isEqualTo(3);
    assertThat(first.output()).contains("was written by another hopscope process");
    assertThat(version(wh)).isEqualTo("large");
    assertThat(jobs(wh)).isEqualTo(largeJobs);

    // Unsynchronised: both start together; each exits 0 or 3, and the result is whole.
    Proc a = ingestProcess(wh, small, null);
    Proc b = ingestProcess(wh, large, null);
    int ea = a.exit();
    int eb = b.exit();
    assertThat(List.of(ea, eb))
        .as(a.output() + b.output())
        .containsAnyOf(0)
        .allMatch(e -> e == 0 || e == 3);
    assertThat(jobs(wh)).isEqualTo(version(wh).equals("large") ? largeJobs : smallJobs);
  }

  @Test
  void sigtermToTheLauncherStopsTheJvmBeforeItCommits() throws Exception {
    Path wh = dir.resolve("sigterm");
    assertThat(ingest(wh, small).code()).isZero();
    Proc proc = ingestProcess(wh, large, "after-commit:jobs");
    proc.awaitPaused();
    assertThat(proc.tree).hasSizeGreaterThan(1); // the launcher and its JVM
    proc.process.destroy(); // SIGTERM to the launcher only, as a CI runner's timeout sends
    assertThat(proc.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    for (ProcessHandle h : proc.tree) {
      assertThat(h.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    }
    assertThat(version(wh)).isEqualTo("small");
    assertThat(jobs(wh)).isEqualTo(smallJobs);
  }

  @Test
  void queryIsReadOnly() throws IOException {
    Path wh = dir.resolve("readonly-query");
    assertThat(ingest(wh, small).code()).isZero();
    String[] writes = {
      "INSERT OVERWRITE DIRECTORY '" + wh.resolve("jobs/data/run_id=" + RUN) + "' SELECT 1",
      "CREATE TABLE t AS SELECT * FROM jobs",
      "INSERT INTO jobs SELECT * FROM jobs",
      "DROP VIEW jobs",
      "CACHE TABLE jobs",
      "SET spark.sql.shuffle.partitions=1",
    };
    for (String sql : writes) {
      CliRunner.Result r = CliRunner.run("query", sql, "--warehouse", wh.toString());
      assertThat(r.code()).as(sql + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(sql).contains("read-only");
    }
    assertThat(jobs(wh)).isEqualTo(smallJobs);
    CliRunner.Result bad = CliRunner.run("query", "SELEKT 1", "--warehouse", wh.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("not valid SQL");
  }

  /** Mounts a small tmpfs at {@code at}; false where this machine does not allow mounts. */
  static boolean mount(Path at, String options) throws Exception {
    Files.createDirectories(at);
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
            .redirectErrorStream(true)
            .start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  static void sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
  }

  @Test
  void aFullDiskFailsTheWriteAndKeepsThePreviousVersion() throws Exception {
    Path disk = dir.resolve("full");
    assumeTrue(mount(disk, "size=1200k"), "cannot mount a tmpfs here (needs root): skipped");
    try {
      Path wh = disk.resolve("wh");
      CliRunner.Result first = ingest(wh, small);
      assumeTrue(first.code() == 0, "the small version does not fit the disk: " + first.err());
      CliRunner.Result r = ingest(wh, large);
      if (r.code() == 0) {
        assertThat(version(wh)).isEqualTo("large"); // it fit after all: still whole
        return;
      }
      assertThat(r.code()).as(r.err()).isEqualTo(3);
      assertThat(r.err()).containsIgnoringCase("space");
      assertThat(version(wh)).isEqualTo("small");
      assertThat(jobs(wh)).isEqualTo(smallJobs);
    } finally {
      sh("umount", disk.toString());
    }
  }

  @Test
  void aReadOnlyDiskFailsTheWriteAndStillAnswersQueries() throws Exception {
    Path disk = dir.resolve("ro");
    assumeTrue(mount(disk, "size=64m"), "cannot mount a tmpfs here (needs root): skipped");
    try {
      Path wh = disk.resolve("wh");
      assertThat(ingest(wh, small).code()).isZero();
      sh("mount", "-o", "remount,ro", disk.toString());
      CliRunner.Result r = ingest(wh, large);
      assertThat(r.code()).as(r.err()).isEqualTo(3);
      assertThat(r.err()).containsIgnoringCase("read-only");
      assertThat(version(wh)).isEqualTo("small");
      assertThat(jobs(wh)).isEqualTo(smallJobs);
      Path out = dir.resolve("ro-out");
      CliRunner.Result a =
          CliRunner.run(
              "analyze", "--run-id", RUN, "--warehouse", wh.toString(), "--out", out.toString());
      assertThat(a.code()).as(a.err()).isEqualTo(3); // the analysis cannot be stored
      assertThat(a.err()).contains("hopscope: storage");
      assertThat(version(wh)).isEqualTo("small"); // and reads still work
    } finally {
      sh("umount", disk.toString());
    }
  }
}
