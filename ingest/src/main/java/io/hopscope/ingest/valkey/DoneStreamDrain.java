package io.hopscope.ingest.valkey;

import io.hopscope.error.HopscopeException;
import io.hopscope.error.Problems;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.JobSink;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drains a done stream up to the last id that existed when the drain began. The id range is cut
 * into slices that a few connections fetch in parallel, page by page with exclusive ranges ({@code
 * XRANGE key (last end COUNT n}), parsing each reply straight from the buffers; the calling thread
 * hands the pages to the sink in stream order, so the output is the same however the fetchers
 * interleave. Memory is bounded by a few pages per connection.
 *
 * <p>A dropped connection or a server restart is survived: the fetcher reconnects and repeats the
 * page from the last id it completed, so the rows are exactly the stream's, no gaps, no duplicates.
 * At the end the count read is checked against the stream's length. Never deletes.
 *
 * <p>Its size is one protocol: slicing the id range, fetching pages on a few connections that
 * resume after a drop, and handing the pages over in stream order; split, the ordering and resume
 * state would be spread over classes.
 */
public final class DoneStreamDrain {
  private static final Object END = new Object();

  /** The smallest page a fetcher falls back to while its connection keeps dropping. */
  private static final int MIN_PAGE = 50;

  /** Pages a fetcher may buffer ahead of the consumer, by default. */
  static final int PAGES_IN_FLIGHT = 16;

  /**
   * @param pageSize entries per XRANGE
   * @param connections parallel fetchers
   * @param retryFor how long a fetcher keeps reconnecting before giving up
   * @param pagesInFlight pages a fetcher may buffer ahead of the consumer (memory: connections ×
   *     pagesInFlight × pageSize entries at most)
   */
  public record Options(int pageSize, int connections, Duration retryFor, int pagesInFlight) {
    public Options {
      if (pageSize < 1 || connections < 1 || retryFor.isNegative() || pagesInFlight < 1) {
        throw new IllegalArgumentException("bad drain options");
      }
    }

    public Options(int pageSize, int connections, Duration retryFor) {
      this(pageSize, connections, retryFor, PAGES_IN_FLIGHT);
    }

    public static Options defaults() {
      return new Options(2000, 6, Duration.ofSeconds(120));
    }
  }

  /**
   * What the drain saw.
   *
   * @param scanned entries read from the stream
   * @param otherRuns a few run ids seen on the stream that were not asked for
   * @param reconnects how often a fetcher had to reconnect
   * @param warning set when the stream changed under the drain (entries deleted meanwhile)
   */
  public record Result(
      StreamFacts facts,
      long scanned,
      long jobs,
      long rejected,
      Set<String> otherRuns,
      int reconnects,
      String warning) {}

  private final ValkeyTarget target;
  private final String stream;
  private final Options options;
  private final Progress progress;

  public DoneStreamDrain(ValkeyTarget target, String stream, Options options, Progress progress) {
    this.target = target;
    this.stream = stream;
    this.options = options;
    this.progress = progress;
  }

  public Result drain(DoneEntryParser parser, JobSink sink) {
    // One I/O thread per connection: replies are decoded (and parsed) on the I/O threads, so the
    // default of one per core would leave fetchers sharing a thread.
    ClientResources resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(options.connections() + 1)
            .computationThreadPoolSize(1)
            .build();
    RedisClient client = target.newClient(resources);
    // No automatic reconnect: Lettuce would send the commands in flight again on the new
    // connection, into the same, half-filled reply output, splicing two replies into one page
    // (seen: duplicates and rejects made of two entries). A dropped connection fails the page
    // instead; the fetcher discards it whole, reconnects itself and fetches it again.
    client.setOptions(
        target
            .clientOptions()
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    try {
      // Fail fast when the server cannot be reached at all (a wrong URI).
      StreamFacts facts = Valkey.call(target, () -> StreamInfo.facts(client, target, stream));
      if (facts.length() == 0 || facts.firstId() == null) {
        return new Result(facts, 0, 0, 0, Set.of(), 0, null);
      }
      // Pages are handed over in stream order, so a fetcher ahead of the current chunk can only
      // buffer pagesInFlight pages before it waits: chunks no longer than that keep every
      // connection busy (measured: 48 chunks of ~30 pages left the box 40% idle at 3M entries).
      long perChunk = (long) options.pageSize() * options.pagesInFlight();
      int n =
          (int)
              Math.min(
                  100_000,
                  Math.max(options.connections() * 8L, facts.length() / Math.max(1, perChunk)));
      List<Chunk> chunks = Chunk.split(facts.firstId(), facts.lastGeneratedId(), n);
      Run run = new Run(client, parser, chunks);
      Result r = run.execute(facts, sink);
      return verified(client, r);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      progress.finish();
    }
  }

  /**
   * The stream's facts after the drain, asked again on a fresh connection when one drops (as the
   * fetchers do), for as long as the drain keeps reconnecting; server errors are not retried.
   */
  private StreamFacts factsAgain(RedisClient client) {
    long deadline = System.nanoTime() + options.retryFor().toNanos();
    long backoffMs = 50;
    while (true) {
      try {
        return StreamInfo.facts(client, target, stream);
      } catch (io.lettuce.core.RedisCommandExecutionException e) {
        return Valkey.call(
            target,
            () -> {
              throw e;
            });
      } catch (io.lettuce.core.RedisException e) {
        if (System.nanoTime() > deadline) {
          return Valkey.call(
              target,
              () -> {
                throw e;
              });
        }
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw Problems.valkey(target.display(), "interrupted", ie);
        }
        backoffMs = Math.min(2000, backoffMs * 2);
      }
    }
  }

  /**
   * Checks that the drain read exactly the entries the stream held in its range. Ids were read in
   * strictly increasing order (checked page by page), so nothing was read twice; ids are only ever
   * added after the range's end, so the range can only lose entries while it is drained. Hence:
   * with nothing deleted meanwhile, the count read must equal the length at the start; with
   * deletions (of this run's entries or any other's), it must lie between the entries that
   * certainly stayed in the range throughout and the length at the start.
   */
  private Result verified(RedisClient client, Result r) {
    StreamFacts start = r.facts();
    if (r.scanned() == start.length()) {
      return r;
    }
    StreamFacts now = factsAgain(client);
    long addedSince = Math.max(0, now.entriesAdded() - start.entriesAdded());
    long stayed = now.length() - addedSince;
    boolean deletedMeanwhile =
        !java.util.Objects.equals(now.maxDeletedEntryId(), start.maxDeletedEntryId())
            || now.length() - start.length() != addedSince;
    if (!deletedMeanwhile || r.scanned() > start.length() || r.scanned() < stayed) {
      throw Problems.valkey(
          target.display(),
          "the drain read "
              + r.scanned()
              + " entries but "
              + stream
              + " held "
              + start.length()
              + " up to "
              + start.lastGeneratedId()
              + (deletedMeanwhile
                  ? " at the start and at least " + stayed + " of them to the end"
                  : "")
              + "; nothing was written",
          null);
    }
    return new Result(
        start,
        r.scanned(),
        r.jobs(),
        r.rejected(),
        r.otherRuns(),
        r.reconnects(),
        "entries were deleted from "
            + stream
            + " while it was drained: read "
            + r.scanned()
            + " of the "
            + start.length()
            + " it held at the start");
  }

  /** One drain's fetchers and their hand-over queues. */
  private final class Run {
    private final RedisClient client;
    private final DoneEntryParser parser;
    private final List<Chunk> chunks;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final ConcurrentHashMap<Integer, BlockingQueue<Object>> queues =
        new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * Pages whose rows were handed over, for the fetchers to fill again: a page's columns grow to a
     * page of entries once and are reused, instead of being allocated and grown for every XRANGE
     * (profiled: a quarter of a 5M-entry drain's 5.7 GB of allocation).
     */
    private final ConcurrentLinkedQueue<Page> free = new ConcurrentLinkedQueue<>();

    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile boolean stop;

    Run(RedisClient client, DoneEntryParser parser, List<Chunk> chunks) {
      this.client = client;
      this.parser = parser;
      this.chunks = chunks;
    }

    Result execute(StreamFacts facts, JobSink sink) {
      int n = Math.min(options.connections(), chunks.size());
      Thread[] fetchers = new Thread[n];
      for (int i = 0; i < n; i++) {
        fetchers[i] = new Thread(this::fetchLoop, "hopscope-drain-" + i);
        fetchers[i].setDaemon(true);
        fetchers[i].start();
      }
      long scanned = 0;
      long jobs = 0;
      long rejected = 0;
      Set<String> others = new TreeSet<>();
      String last = null;
      try {
        for (int c = 0; c < chunks.size(); c++) {
          BlockingQueue<Object> q = queue(c);
          while (true) {
            Object o = take(q);
            if (o == END) {
              break;
            }
            Page p = (Page) o;
            if (p.outOfOrder() != null) {
              throw Problems.valkey(
                  target.display(),
                  "the drain read entry "
                      + p.outOfOrder()
                      + " out of stream order (repeated or reordered); nothing was written",
                  null);
            }
            if (last != null && Ids.compare(p.firstId(), last) <= 0) {
              throw Problems.valkey(
                  target.display(),
                  "the drain read entry "
                      + p.firstId()
                      + " after "
                      + last
                      + " (repeated or out of stream order); nothing was written",
                  null);
            }
            last = p.lastId();
            p.replay(sink);
            scanned += p.entries;
            jobs += p.jobs();
            rejected += p.rejects.size();
            if (others.size() < 20) {
              others.addAll(p.otherRuns);
            }
            p.clear();
            free.offer(p);
            progress.update("drained " + stream, scanned, facts.length());
          }
        }
      } finally {
        stop = true;
        for (Thread t : fetchers) {
          t.interrupt();
        }
        for (Thread t : fetchers) {
          try {
            t.join(5000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      return new Result(facts, scanned, jobs, rejected, others, reconnects.get(), null);
    }

    private BlockingQueue<Object> queue(int chunk) {
      return queues.computeIfAbsent(chunk, k -> new ArrayBlockingQueue<>(options.pagesInFlight()));
    }

    private Object take(BlockingQueue<Object> q) {
      try {
        while (true) {
          Object o = q.poll(200, TimeUnit.MILLISECONDS);
          if (o != null) {
            return o;
          }
          Throwable t = failure.get();
          if (t != null) {
            throw t instanceof RuntimeException re ? re : new IllegalStateException(t);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Problems.valkey(target.display(), "drain interrupted", e);
      }
    }

    private void put(BlockingQueue<Object> q, Object o) throws InterruptedException {
      while (!stop) {
        if (q.offer(o, 200, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
      throw new InterruptedException("drain stopped");
    }

    private void fetchLoop() {
      DoneEntryParser.Entry entry = parser.entry();
      StatefulRedisConnection<byte[], byte[]> conn = null;
      int count = options.pageSize();
      try {
        int c;
        while (!stop && (c = nextChunk.getAndIncrement()) < chunks.size()) {
          Chunk chunk = chunks.get(c);
          BlockingQueue<Object> q = queue(c);
          String start = chunk.start();
          while (!stop) {
            Page page = null;
            int asked = count;
            long deadline = System.nanoTime() + options.retryFor().toNanos();
            long backoffMs = 50;
            while (page == null) {
              try {
                if (conn == null) {
                  conn = client.connect(ByteArrayCodec.INSTANCE, target.uri());
                }
                asked = count;
                page = fetch(conn.sync(), entry, start, chunk.end(), asked);
              } catch (RedisCommandExecutionException e) {
                // A restarted server answers LOADING until its data is back: wait for it.
                // Any other server error (wrong type, no permission) will not go away.
                if (!(e instanceof RedisLoadingException) || stop || System.nanoTime() > deadline) {
                  throw e;
                }
                reconnects.incrementAndGet();
                Thread.sleep(backoffMs);
                backoffMs = Math.min(2000, backoffMs * 2);
              } catch (RedisException e) {
                if (stop || System.nanoTime() > deadline) {
                  throw e;
                }
                closeQuietly(conn);
                conn = null;
                reconnects.incrementAndGet();
                // Smaller pages get through a connection that keeps dropping.
                count = Math.max(MIN_PAGE, count / 2);
                Thread.sleep(backoffMs);
                backoffMs = Math.min(2000, backoffMs * 2);
              }
            }
            // Read before the hand-over: once queued, the page belongs to the consumer, which
            // recycles it.
            int entries = page.entries;
            String next = entries > 0 ? "(" + page.lastId() : null;
            if (entries > 0) {
              put(q, page);
            }
            if (entries < asked) {
              break;
            }
            count = Math.min(options.pageSize(), count * 2);
            start = next;
          }
          put(q, END);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        failure.compareAndSet(null, wrap(e));
      } finally {
        closeQuietly(conn);
      }
    }

    private Page fetch(
        RedisCommands<byte[], byte[]> cmd,
        DoneEntryParser.Entry entry,
        String start,
        String end,
        int count) {
      CommandArgs<byte[], byte[]> args =
          new CommandArgs<>(ByteArrayCodec.INSTANCE)
              .addKey(stream.getBytes(StandardCharsets.UTF_8))
              .add(start)
              .add(end)
              .add(CommandKeyword.COUNT)
              .add(count);
      Page page = free.poll();
      if (page == null) {
        page = new Page();
      }
      // A failed fetch's page is dropped, not reused: an I/O thread may still be writing to it.
      return cmd.dispatch(CommandType.XRANGE, new XRangeOutput(entry, page), args);
    }

    private RuntimeException wrap(RuntimeException e) {
      if (e instanceof HopscopeException) {
        return e;
      }
      return Problems.valkey(target.display(), Valkey.describe(e), e);
    }
  }

  private static void closeQuietly(StatefulRedisConnection<?, ?> conn) {
    if (conn != null) {
      try {
        conn.close();
      } catch (RuntimeException e) {
        // The connection is already broken; nothing more to release.
      }
    }
  }
}
