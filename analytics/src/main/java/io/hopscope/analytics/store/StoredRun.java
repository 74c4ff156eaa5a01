package io.hopscope.analytics.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableFamily;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;

/**
 * An analysed run as the warehouse keeps it: the stored analysis, the spec it was made with and the
 * manifest's sources. Read without Spark and without touching raw rows.
 */
public record StoredRun(RunAnalysis analysis, RunSpec spec, String sourcesJson) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static StoredRun read(Warehouse wh, RunId run) {
    List<String[]> summary = new ArrayList<>();
    TableReader.forEach(
        wh,
        DerivedTables.FAMILY,
        RunSummaryTable.TABLE,
        run,
        g ->
            summary.add(
                new String[] {
                  g.getField(RunSummaryTable.ANALYSIS).toString(),
                  g.getField(RunSummaryTable.SPEC).toString(),
                  g.getField(RunSummaryTable.INGEST_WRITE_ID) == null
                      ? null
                      : g.getField(RunSummaryTable.INGEST_WRITE_ID).toString()
                }),
        RunSummaryTable.ANALYSIS,
        RunSummaryTable.SPEC,
        RunSummaryTable.INGEST_WRITE_ID);
    if (summary.size() != 1) {
      throw Problems.missingData(
          "run '"
              + run
              + "' has not been analysed in the warehouse "
              + wh.rootUri()
              + "; "
              + io.hopscope.ingest.warehouse.RunSnapshots.holding(wh, DerivedTables.FAMILY)
                  .replace("it holds run", "it holds analyses of run")
                  .replace("it holds no run", "it holds no analysis"),
          "run hopscope analyze --run-id " + run + " first");
    }
    String[] sources = {"[]"};
    String[] ingested = {null};
    TableReader.forEach(
        wh,
        RunsTable.FAMILY,
        RunsTable.TABLE,
        run,
        g -> {
          sources[0] = g.getField(RunsTable.SOURCES).toString();
          Object w = g.getField(TableFamily.WRITE_ID);
          ingested[0] = w == null ? null : w.toString();
        },
        RunsTable.SOURCES,
        TableFamily.WRITE_ID);
    // Unknown (analysed before versions were recorded, or converted): nothing to compare.
    String analysedVersion = summary.get(0)[2];
    if (ingested[0] != null && analysedVersion != null && !ingested[0].equals(analysedVersion)) {
      throw Problems.missingData(
          "run '"
              + run
              + "' was ingested again after its last analysis: the stored analysis is of evidence"
              + " the warehouse no longer holds",
          "run hopscope analyze --run-id " + run + " to analyse what was ingested");
    }
    try {
      JsonNode spec = JSON.readTree(summary.get(0)[1]);
      RunSpec parsed =
          RunSpecReader.parse(
              wh.rootUri() + " run_summary[run_id=" + run + "]",
              JSON.createObjectNode().set("test_run", spec));
      return new StoredRun(AnalysisCodec.fromJson(summary.get(0)[0]), parsed, sources[0]);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Problems.missingData(
          "run '" + run + "' has an unreadable stored spec", "analyze the run again");
    }
  }

  /** True when the manifest's sources say any input was simulated. */
  public boolean synthetic() {
    return synthetic(sourcesJson);
  }

  /** True when sources (the manifest's JSON array) say any input was simulated. */
  public static boolean synthetic(String sourcesJson) {
    return io.hopscope.ingest.SourceRecord.anySynthetic(
        io.hopscope.ingest.SourceRecord.parse(sourcesJson));
  }

  /** The run's inputs, as recorded at ingest. */
  public java.util.List<io.hopscope.ingest.SourceRecord> sources() {
    return io.hopscope.ingest.SourceRecord.parse(sourcesJson);
  }
}
