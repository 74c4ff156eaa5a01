package io.hopscope.sim;

import io.hopscope.error.Problems;
import io.hopscope.ingest.valkey.ValkeyTarget;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends a simulated run to a live done stream the way the reference worker does ({@code XADD key
 * * run … corr … entry … enq_ns … claim_ns … done_ns … work_ms …}), pipelined in batches.
 */
public final class ValkeyLoader {
  private static final int BATCH = 2000;

  private ValkeyLoader() {}

  /** Returns the number of entries added. */
  public static long load(SimRun run, ValkeyTarget target, String stream) {
    RedisClient client = target.newClient();
    try (StatefulRedisConnection<String, String> conn = client.connect(target.uri())) {
      conn.setAutoFlushCommands(false);
      RedisAsyncCommands<String, String> cmd = conn.async();
      List<RedisFuture<String>> pending = new ArrayList<>(BATCH);
      String runId = run.config().runId();
      for (int i = 0; i < run.size(); i++) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("run", runId);
        body.put("corr", run.corrId(i));
        body.put("entry", run.jobEntryId(i));
        body.put("enq_ns", Long.toString(run.enqNs(i)));
        body.put("claim_ns", Long.toString(run.claimNs(i)));
        body.put("done_ns", Long.toString(run.doneNs(i)));
        body.put("work_ms", Double.toString(run.workMs(i)));
        pending.add(cmd.xadd(stream, body));
        if (pending.size() == BATCH) {
          flush(conn, pending);
        }
      }
      flush(conn, pending);
      return run.size();
    } catch (RedisException e) {
      throw Problems.valkey(
          target.display(), "cannot load the simulated run: " + e.getMessage(), e);
    } finally {
      client.shutdown();
    }
  }

  private static void flush(
      StatefulRedisConnection<String, String> conn, List<RedisFuture<String>> pending) {
    conn.flushCommands();
    if (!LettuceFutures.awaitAll(Duration.ofSeconds(60), pending.toArray(new RedisFuture<?>[0]))) {
      throw new RedisException("XADD batch timed out");
    }
    pending.clear();
  }
}
