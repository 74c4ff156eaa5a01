package io.hopscope.ingest.warehouse;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.TableProperties;

/**
 * The Iceberg table properties hopscope creates its tables with. They are Iceberg's own keys, so
 * Spark's and other engines' maintenance honours the same policy.
 *
 * <ul>
 *   <li>Snapshots are kept one day ({@code history.expire.max-snapshot-age-ms}), then expired by
 *       the next write (see {@link Maintenance}): long enough for any reader that started on an
 *       older snapshot to finish, short enough that replaced runs do not pile up.
 *   <li>Only the last 20 metadata files are kept ({@code write.metadata.*}).
 *   <li>Commits retry up to 20 times: concurrent ingests of different runs each commit every table,
 *       and a retry is cheap (the commit is re-applied to the new state and re-validated).
 * </ul>
 */
public final class TableSettings {
  /** How long replaced snapshots are kept for readers that are still on them. */
  public static final long SNAPSHOT_MAX_AGE_MS = TimeUnit.DAYS.toMillis(1);

  static final Map<String, String> NEW =
      Map.of(
          TableProperties.FORMAT_VERSION, "2",
          TableProperties.PARQUET_COMPRESSION, "snappy",
          TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
          TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "20",
          TableProperties.MAX_SNAPSHOT_AGE_MS, Long.toString(SNAPSHOT_MAX_AGE_MS),
          TableProperties.MIN_SNAPSHOTS_TO_KEEP, "1",
          TableProperties.COMMIT_NUM_RETRIES, "20",
          TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "20");

  private TableSettings() {}
}
