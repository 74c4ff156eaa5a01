package io.hopscope.ingest.valkey;

import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;

/** Reads the consumer-group facts of the jobs stream at the end of a run, for the manifest. */
public final class ValkeyFacts {
  private ValkeyFacts() {}

  /** The groups of {@code jobsStream} (empty when it does not exist). */
  public static List<GroupFacts> groups(ValkeyTarget target, String jobsStream) {
    RedisClient client = target.newClient();
    try {
      return Valkey.call(target, () -> StreamInfo.groups(client, target, jobsStream));
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
