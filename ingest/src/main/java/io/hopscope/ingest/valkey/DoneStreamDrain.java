package io.hopscope.ingest.valkey;

import io.hopscope.error.Problems;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.JobSink;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drains a done stream page by page with exclusive ranges ({@code XRANGE key (last end COUNT n}),
 * up to the last id that existed when the drain began. Rows go to a {@link JobSink} as they are
 * read, so memory does not grow with the stream. Never deletes anything.
 */
public final class DoneStreamDrain {
  /** Entries per XRANGE page. */
  public static final int DEFAULT_PAGE = 10_000;

  private static final int MAX_RUNS_NOTED = 20;

  /**
   * What the drain saw.
   *
   * @param scanned entries read from the stream
   * @param jobs entries of the run turned into jobs
   * @param rejected entries of the run kept aside as rejects
   * @param otherRuns a few run ids seen on the stream that were not asked for
   */
  public record Result(
      StreamFacts facts, long scanned, long jobs, long rejected, Set<String> otherRuns) {}

  private final ValkeyTarget target;
  private final String stream;
  private final int pageSize;

  public DoneStreamDrain(ValkeyTarget target, String stream, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be >= 1");
    }
    this.target = target;
    this.stream = stream;
    this.pageSize = pageSize;
  }

  public Result drain(DoneEntryParser parser, JobSink sink) {
    RedisClient client = RedisClient.create();
    try (StatefulRedisConnection<String, byte[]> conn =
        client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), target.uri())) {
      StreamFacts facts = facts(client);
      RedisCommands<String, byte[]> cmd = conn.sync();
      long scanned = 0;
      long jobs = 0;
      long rejected = 0;
      Set<String> others = new TreeSet<>();
      if (facts.length() == 0) {
        return new Result(facts, 0, 0, 0, others);
      }
      Range.Boundary<String> end = Range.Boundary.including(facts.lastGeneratedId());
      Range.Boundary<String> start = Range.Boundary.unbounded();
      while (true) {
        List<StreamMessage<String, byte[]>> page =
            cmd.xrange(stream, Range.from(start, end), Limit.from(pageSize));
        if (page.isEmpty()) {
          break;
        }
        for (StreamMessage<String, byte[]> m : page) {
          scanned++;
          switch (parser.parse(m.getId(), m.getBody(), sink)) {
            case JOB -> jobs++;
            case REJECTED -> rejected++;
            case OTHER_RUN -> {
              if (others.size() < MAX_RUNS_NOTED) {
                String run = parser.runOf(m.getBody());
                others.add(run == null ? "(none)" : run);
              }
            }
          }
        }
        start = Range.Boundary.excluding(page.get(page.size() - 1).getId());
        if (page.size() < pageSize) {
          break;
        }
      }
      return new Result(facts, scanned, jobs, rejected, others);
    } catch (RedisConnectionException e) {
      throw Problems.valkey(target.display(), "cannot connect (" + rootMessage(e) + ")", e);
    } catch (RedisCommandExecutionException e) {
      throw Problems.valkey(target.display(), "command failed: " + e.getMessage(), e);
    } catch (RedisException e) {
      throw Problems.valkey(target.display(), rootMessage(e), e);
    } finally {
      client.shutdown();
    }
  }

  private StreamFacts facts(RedisClient client) {
    try (StatefulRedisConnection<String, String> conn = client.connect(target.uri())) {
      RedisCommands<String, String> cmd = conn.sync();
      if (cmd.exists(stream) == 0) {
        return new StreamFacts(0, "0-0", 0, "0-0");
      }
      List<Object> info = cmd.xinfoStream(stream);
      long length = -1;
      String last = null;
      long added = -1;
      String maxDeleted = null;
      for (int i = 0; i + 1 < info.size(); i += 2) {
        String key = String.valueOf(info.get(i));
        Object v = info.get(i + 1);
        switch (key) {
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
      return new StreamFacts(length, last, added, maxDeleted);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
