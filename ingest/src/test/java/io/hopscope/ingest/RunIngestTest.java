package io.hopscope.ingest;

import static io.hopscope.ingest.warehouse.ParquetRows.getLong;
import static io.hopscope.ingest.warehouse.ParquetRows.getString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.spec.StageSpec;
import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.ParquetRows;
import io.hopscope.ingest.warehouse.RejectsTable;
import io.hopscope.ingest.warehouse.RunWrite;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableDef;
import io.hopscope.ingest.warehouse.TableFamily;
import io.hopscope.ingest.warehouse.Warehouse;
import io.hopscope.sim.DoneFileWriter;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIngestTest {
  @TempDir Path dir;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

  private SimRun simulate(String run) {
    return Simulator.run(
        new SimConfig(
            run,
            7,
            1_767_225_600_000_000_000L,
            5,
            List.of(StageSpec.constant(40, 10)),
            2,
            ServiceTimes.lognormal(20, 0.5),
            0.3));
  }

  private RunSpec spec() {
    return RunSpecReader.parse(
        "test",
        new com.fasterxml.jackson.databind.ObjectMapper()
            .valueToTree(
                java.util.Map.of(
                    "test_run",
                    java.util.Map.of(
                        "scenario",
                        java.util.Map.of(
                            "name",
                            "smoke",
                            "warmup_seconds",
                            5,
                            "stages",
                            List.of(java.util.Map.of("rps", 40, "duration_seconds", 10)))))));
  }

  @Test
  void writesJobsRejectsAndManifestAndReplacesOnReingest() throws IOException {
    SimRun sim = simulate("r1");
    Path file = dir.resolve("done.ndjson");
    DoneFileWriter.write(sim, file);
    // A broken line and a clock-skewed entry, to be kept aside.
    Files.writeString(
        file,
        "{\"id\":\"9-0\",\"fields\":{\"run\":\"r1\",\"enq_ns\":\"50\",\"claim_ns\":\"40\",\"done_ns\":\"60\"}}\nnot json\n",
        java.nio.file.StandardOpenOption.APPEND);
    Warehouse wh = new Warehouse(dir.resolve("wh").toString(), new Configuration());
    IngestRequest req =
        IngestRequest.single(
            new RunId("r1"), spec(), Optional.empty(), IngestRequest.DEFAULT_STREAM, List.of(file));

    IngestResult first = new RunIngest(wh, CLOCK, "test").ingest(req);
    assertThat(first.jobs()).isEqualTo(sim.size());
    assertThat(first.rejected()).isEqualTo(2);
    assertThat(first.warnings()).anyMatch(w -> w.contains("2 records of run r1 were rejected"));

    RunId r1 = new RunId("r1");
    List<Record> jobs = ParquetRows.read(wh, JobsTable.TABLE, r1);
    assertThat(jobs).hasSize(sim.size());
    Record j = jobs.get(0);
    assertThat(getLong(j, JobsTable.HOP_NS))
        .isEqualTo(getLong(j, JobsTable.DONE_NS) - getLong(j, JobsTable.ENQ_NS));
    assertThat(getLong(j, JobsTable.QUEUE_DELAY_NS))
        .isEqualTo(getLong(j, JobsTable.CLAIM_NS) - getLong(j, JobsTable.ENQ_NS));
    assertThat(getString(j, TableDef.RUN_ID)).isEqualTo("r1");
    List<Record> rejects = ParquetRows.read(wh, RejectsTable.TABLE, r1);
    assertThat(rejects)
        .extracting(g -> getString(g, RejectsTable.REASON))
        .anyMatch(r -> r.startsWith("clock skew"))
        .anyMatch(r -> r.startsWith("not valid JSON"));
    List<Record> runs = ParquetRows.read(wh, RunsTable.TABLE, r1);
    assertThat(runs)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(getString(m, RunsTable.SCENARIO)).isEqualTo("smoke");
              assertThat(getLong(m, RunsTable.INGESTED_AT_NS))
                  .isEqualTo(CLOCK.instant().getEpochSecond() * 1_000_000_000L);
              assertThat(getString(m, RunsTable.SOURCES))
                  .contains("\"sha256\"")
                  .contains("\"synthetic\":true");
              assertThat(getString(m, TableFamily.WRITE_ID)).isEqualTo(first.manifest().writeId());
            });

    IngestResult second = new RunIngest(wh, CLOCK, "test").ingest(req);
    assertThat(second.jobs()).isEqualTo(first.jobs());
    assertThat(second.manifest().writeId()).isNotEqualTo(first.manifest().writeId());
    assertThat(ParquetRows.read(wh, JobsTable.TABLE, r1)).hasSize(sim.size());
    // Nothing beside the tables: no staging or trash folders, and each table's current snapshot
    // holds exactly one file of the run (the replaced one is kept only by older snapshots).
    try (Stream<Path> s = Files.list(dir.resolve("wh"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("jobs", "rejects", "runs");
    }
    assertThat(wh.find(JobsTable.NAME).orElseThrow().currentSnapshot().summary())
        .containsEntry("total-data-files", "1")
        .containsEntry(RunWrite.SUMMARY_WRITE_ID, second.manifest().writeId());
  }

  @Test
  void aRunWithNoEntriesIsABadInputAndLeavesNothingBehind() throws IOException {
    Path file = dir.resolve("done.ndjson");
    DoneFileWriter.write(simulate("other"), file);
    Warehouse wh = new Warehouse(dir.resolve("wh").toString(), new Configuration());
    IngestRequest req =
        IngestRequest.single(
            new RunId("r1"), spec(), Optional.empty(), IngestRequest.DEFAULT_STREAM, List.of(file));
    assertThatThrownBy(() -> new RunIngest(wh, CLOCK, "test").ingest(req))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("no done-stream entries or k6 samples for run 'r1'")
        .hasMessageContaining("e.g.")
        .hasMessageNotContaining("null");
    assertThat(ParquetRows.read(wh, JobsTable.TABLE, new RunId("r1"))).isEmpty();
    assertThat(wh.find(RunsTable.NAME)).isEmpty();
  }

  @Test
  void runIdsThatCannotBePathsAreRefused() {
    for (String bad : List.of("", "a/b", "../x", "a b", "x".repeat(129), "ü")) {
      assertThatThrownBy(() -> new RunId(bad)).isInstanceOf(HopscopeException.class);
    }
    assertThat(new RunId("capacity-ramp_2026.11.22").value()).isEqualTo("capacity-ramp_2026.11.22");
  }
}
