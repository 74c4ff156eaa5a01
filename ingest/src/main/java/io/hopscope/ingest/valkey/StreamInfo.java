package io.hopscope.ingest.valkey;

import io.hopscope.error.Problems;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/** {@code XINFO STREAM} and {@code XINFO GROUPS}, read into records. */
final class StreamInfo {
  private StreamInfo() {}

  static StreamFacts facts(RedisClient client, ValkeyTarget target, String stream) {
    try (StatefulRedisConnection<String, String> conn = client.connect(target.uri())) {
      RedisCommands<String, String> cmd = conn.sync();
      if (cmd.exists(stream) == 0) {
        return StreamFacts.EMPTY;
      }
      String type = cmd.type(stream);
      if (!"stream".equals(type)) {
        throw Problems.usage(
            "key " + stream + " on " + target.display() + " is a " + type + ", not a stream",
            "pass the done stream's key with --stream");
      }
      List<Object> info = cmd.xinfoStream(stream);
      long length = -1;
      String last = null;
      long added = -1;
      String maxDeleted = null;
      for (int i = 0; i + 1 < info.size(); i += 2) {
        Object v = info.get(i + 1);
        switch (String.valueOf(info.get(i))) {
          case "length" -> length = ((Number) v).longValue();
          case "last-generated-id" -> last = String.valueOf(v);
          case "entries-added" -> added = ((Number) v).longValue();
          case "max-deleted-entry-id" -> maxDeleted = String.valueOf(v);
          default -> {}
        }
      }
      if (length < 0 || last == null) {
        throw Problems.valkey(
            target.display(), "XINFO STREAM " + stream + " gave no length or last id", null);
      }
      List<StreamMessage<String, String>> first =
          length == 0 ? List.of() : cmd.xrange(stream, Range.unbounded(), Limit.from(1));
      String firstId = first.isEmpty() ? null : first.get(0).getId();
      return new StreamFacts(length, firstId, last, added, maxDeleted);
    }
  }

  /** The consumer groups of a stream; empty when the stream does not exist. */
  static List<GroupFacts> groups(RedisClient client, ValkeyTarget target, String stream) {
    try (StatefulRedisConnection<String, String> conn = client.connect(target.uri())) {
      RedisCommands<String, String> cmd = conn.sync();
      if (cmd.exists(stream) == 0 || !"stream".equals(cmd.type(stream))) {
        return List.of();
      }
      List<GroupFacts> out = new ArrayList<>();
      for (Object g : cmd.xinfoGroups(stream)) {
        List<?> kv = (List<?>) g;
        String name = null;
        long consumers = 0;
        long pending = 0;
        String lastDelivered = null;
        Long entriesRead = null;
        Long lag = null;
        for (int i = 0; i + 1 < kv.size(); i += 2) {
          Object v = kv.get(i + 1);
          switch (String.valueOf(kv.get(i))) {
            case "name" -> name = String.valueOf(v);
            case "consumers" -> consumers = ((Number) v).longValue();
            case "pending" -> pending = ((Number) v).longValue();
            case "last-delivered-id" -> lastDelivered = String.valueOf(v);
            case "entries-read" -> entriesRead = v == null ? null : ((Number) v).longValue();
            case "lag" -> lag = v == null ? null : ((Number) v).longValue();
            default -> {}
          }
        }
        out.add(new GroupFacts(name, consumers, pending, lastDelivered, entriesRead, lag));
      }
      return out;
    }
  }
}
