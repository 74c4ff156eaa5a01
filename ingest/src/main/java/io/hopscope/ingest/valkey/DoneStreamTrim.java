package io.hopscope.ingest.valkey;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.CommittedIds;
import io.hopscope.ingest.warehouse.Warehouse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a run's entries from the done stream after ingest ({@code --trim-after-ingest}): only the
 * ids read back from the committed, verified partitions, with {@code XDEL} in batches. Entries of
 * other runs, and entries added after the drain, are never touched.
 */
public final class DoneStreamTrim {
  private static final int BATCH = 1000;

  private DoneStreamTrim() {}

  /** Returns how many entries the server deleted. */
  public static long deleteCommitted(
      Warehouse wh, RunId run, ValkeyTarget target, String stream, String rejectSource) {
    RedisClient client = target.newClient();
    try (StatefulRedisConnection<String, String> conn = client.connect(target.uri())) {
      RedisCommands<String, String> cmd = conn.sync();
      List<String> batch = new ArrayList<>(BATCH);
      long[] deleted = {0};
      CommittedIds.forEach(
          wh,
          run,
          rejectSource,
          id -> {
            batch.add(id);
            if (batch.size() == BATCH) {
              deleted[0] += cmd.xdel(stream, batch.toArray(new String[0]));
              batch.clear();
            }
          });
      if (!batch.isEmpty()) {
        deleted[0] += cmd.xdel(stream, batch.toArray(new String[0]));
      }
      return deleted[0];
    } catch (io.lettuce.core.RedisException e) {
      throw Problems.valkey(target.display(), "trim after ingest failed: " + Valkey.describe(e), e);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
