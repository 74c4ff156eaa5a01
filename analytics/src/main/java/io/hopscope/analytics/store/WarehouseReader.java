package io.hopscope.analytics.store;

import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.Warehouse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A warehouse's analysed runs, read without Spark: what notebooks and other tools build on. The
 * commands read through the same classes ({@link StoredRun}, {@link TrendRuns}, {@link
 * TrendAnalysis}); this is their one entry point.
 *
 * <pre>{@code
 * WarehouseReader wh = WarehouseReader.open("/path/to/warehouse");
 * TrendAnalysis t = wh.trend("nightly", List.of(500.0));
 * RunAnalysis a = wh.run("nightly-08").analysis();
 * }</pre>
 */
public final class WarehouseReader {
  private final Warehouse wh;

  private WarehouseReader(Warehouse wh) {
    this.wh = wh;
  }

  /**
   * Opens a warehouse (a path or a Hadoop URI), with the storage settings of the JVM's {@code
   * spark.hadoop.*} system properties, as every command does.
   */
  public static WarehouseReader open(String uri) {
    return new WarehouseReader(new Warehouse(uri, Warehouse.systemHadoopConf()));
  }

  /** The warehouse, for the Spark scans ({@code WarehouseViews.register}). */
  public Warehouse warehouse() {
    return wh;
  }

  /** The scenarios with analysed runs, sorted. */
  public List<String> scenarios() {
    return TrendRuns.scenarios(wh);
  }

  /** A scenario's analysed runs, oldest first. */
  public List<TrendInput> runs(String scenario) {
    return runs(scenario, Optional.empty());
  }

  /** A scenario's analysed runs that started at or after {@code since}, oldest first. */
  public List<TrendInput> runs(String scenario, Optional<Instant> since) {
    return TrendRuns.read(wh, scenario, since.map(WarehouseReader::ns).orElse(Long.MIN_VALUE))
        .runs();
  }

  private static long ns(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  /** One analysed run: its analysis, spec and sources as stored. */
  public StoredRun run(String runId) {
    return StoredRun.read(wh, new RunId(runId));
  }

  /**
   * A scenario's trend with the default options (as {@code hopscope trend} computes it), sized for
   * the given target loads.
   *
   * @param targetRps loads to find worker counts for (e.g. next quarter's forecast); may be empty
   */
  public TrendAnalysis trend(String scenario, List<Double> targetRps) {
    return trend(scenario, Optional.empty(), targetRps);
  }

  /** As {@link #trend(String, List)}, over the runs that started at or after {@code since}. */
  public TrendAnalysis trend(String scenario, Optional<Instant> since, List<Double> targetRps) {
    List<TrendInput> runs = runs(scenario, since);
    if (runs.isEmpty()) {
      throw Problems.missingData(
          "no analysed run of scenario '"
              + scenario
              + "'"
              + since.map(t -> " since " + t).orElse("")
              + " in the warehouse "
              + wh.rootUri(),
          "scenarios with analysed runs: " + String.join(", ", scenarios()));
    }
    return TrendAnalysis.of(
        scenario, runs, TrendAnalysis.Options.defaults().withTargetRps(List.copyOf(targetRps)));
  }
}
