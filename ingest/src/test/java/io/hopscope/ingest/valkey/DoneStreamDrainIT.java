package io.hopscope.ingest.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.IngestResult;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.RunIngest;
import io.hopscope.ingest.jobs.CollectingSink;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.DoneFields;
import io.hopscope.ingest.jobs.JobRecord;
import io.hopscope.ingest.jobs.Reject;
import io.hopscope.ingest.jobs.RunFilter;
import io.hopscope.ingest.spec.StageSpec;
import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.ParquetRows;
import io.hopscope.ingest.warehouse.Warehouse;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import io.hopscope.sim.ValkeyLoader;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drain against real servers that this test starts itself: parallel slices give exactly the
 * stream's rows in stream order; a dropped connection and a server restart mid-drain are survived
 * with no gap and no duplicate; trim deletes only committed entries of the run.
 */
class DoneStreamDrainIT {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final String STREAM = "it:done";

  @TempDir Path dir;
  private ValkeyServer server;
  private RedisClient client;
  private RedisCommands<String, String> cmd;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(
        ValkeyServer.binary() != null,
        "no valkey-server or redis-server on PATH: scripts/test installs one");
    server = ValkeyServer.start(dir);
    client = RedisClient.create(server.uri());
    cmd = client.connect().sync();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
    if (server != null) {
      server.close();
    }
  }

  private static SimRun sim(String run, int seed, double rps) {
    return Simulator.run(
        new SimConfig(
            run,
            seed,
            T0,
            5,
            List.of(StageSpec.constant(rps, 60)),
            4,
            ServiceTimes.lognormal(20, 0.5),
            0.2));
  }

  /** The server's count of connections accepted so far (INFO stats). */
  private long connectionsReceived() {
    for (String line : cmd.info("stats").split("\r?\n")) {
      if (line.startsWith("total_connections_received:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new AssertionError("no total_connections_received in INFO stats");
  }

  private DoneStreamDrain drain(int connections, int page) {
    return drain(connections, page, DoneStreamDrain.PAGES_IN_FLIGHT);
  }

  /**
   * A drain whose fetchers buffer at most {@code inFlight} pages ahead: with 1, they are still
   * fetching (connections open) when the consumer is part-way through, so a kill lands mid-drain.
   */
  private DoneStreamDrain drain(int connections, int page, int inFlight) {
    return new DoneStreamDrain(
        ValkeyTarget.parse(server.uri()),
        STREAM,
        new DoneStreamDrain.Options(page, connections, Duration.ofSeconds(30), inFlight),
        Progress.quiet());
  }

  private static final java.util.Comparator<String> BY_ID =
      java.util.Comparator.<String>comparingLong(
              id -> Long.parseLong(id.substring(0, id.indexOf('-'))))
          .thenComparingLong(id -> Long.parseLong(id.substring(id.indexOf('-') + 1)));

  private List<String> ids(CollectingSink sink) {
    return sink.jobs.stream().map(JobRecord::streamId).toList();
  }

  @Test
  void parallelSlicesReadExactlyTheStreamInOrder() {
    SimRun a = sim("run-a", 1, 200);
    SimRun b = sim("run-b", 2, 150);
    ValkeyLoader.load(a, ValkeyTarget.parse(server.uri()), STREAM);
    ValkeyLoader.load(b, ValkeyTarget.parse(server.uri()), STREAM);
    cmd.xadd(STREAM, Map.of("run", "run-a", "enq_ns", "oops", "claim_ns", "1", "done_ns", "2"));

    CollectingSink one = new CollectingSink();
    DoneStreamDrain.Result r1 =
        drain(1, 5000).drain(new DoneEntryParser(DoneFields.DEFAULT, "run-a", "s"), one);
    CollectingSink many = new CollectingSink();
    DoneStreamDrain.Result r4 =
        drain(4, 97).drain(new DoneEntryParser(DoneFields.DEFAULT, "run-a", "s"), many);

    long total = a.size() + b.size() + 1;
    assertThat(r1.scanned()).isEqualTo(total);
    assertThat(r4.scanned()).isEqualTo(total);
    assertThat(many.jobs).hasSize(a.size());
    assertThat(many.rejects)
        .singleElement()
        .extracting(Reject::reason)
        .asString()
        .contains("enq_ns is not an integer");
    assertThat(ids(many)).isEqualTo(ids(one)).doesNotHaveDuplicates();
    assertThat(r4.otherRuns()).contains("run-b");
    // The server's XRANGE order is the order rows come out.
    List<String> fromServer = new ArrayList<>();
    cmd.xrange(STREAM, io.lettuce.core.Range.unbounded())
        .forEach(
            m -> {
              if ("run-a".equals(m.getBody().get("run"))
                  && !"oops".equals(m.getBody().get("enq_ns"))) {
                fromServer.add(m.getId());
              }
            });
    assertThat(ids(many)).isEqualTo(fromServer);
  }

  @Test
  void aDroppedConnectionMidDrainIsSurvived() {
    SimRun a = sim("run-a", 3, 300);
    ValkeyLoader.load(a, ValkeyTarget.parse(server.uri()), STREAM);
    long[] killed = {0};
    CollectingSink sink =
        new CollectingSink() {
          int seen;

          @Override
          protected void afterJob() {
            if (++seen % 3000 == 0) {
              killed[0] += cmd.clientKill(io.lettuce.core.KillArgs.Builder.typeNormal().skipme());
            }
          }
        };
    // The same drain without kills, for the number of connections it opens.
    long before = connectionsReceived();
    drain(2, 500, 1)
        .drain(new DoneEntryParser(DoneFields.DEFAULT, "run-a", "s"), new CollectingSink());
    long calm = connectionsReceived() - before;
    before = connectionsReceived();
    drain(2, 500, 1).drain(new DoneEntryParser(DoneFields.DEFAULT, "run-a", "s"), sink);
    // The drain's connections were killed mid-drain and came back: by our retry or by Lettuce's
    // own reconnect; either way the server saw more connections than a calm drain opens.
    assertThat(killed[0]).isPositive();
    assertThat(connectionsReceived() - before).isGreaterThan(calm);
    assertThat(sink.jobs).hasSize(a.size());
    assertThat(ids(sink)).doesNotHaveDuplicates().isSortedAccordingTo(BY_ID);
  }

  @Test
  void connectionsKilledOverAndOverWithAnUnrelatedDeleteGiveExactlyTheRunsEntries()
      throws Exception {
    SimRun a = sim("run-a", 7, 2500);
    SimRun b = sim("run-b", 8, 100);
    ValkeyLoader.load(a, ValkeyTarget.parse(server.uri()), STREAM);
    ValkeyLoader.load(b, ValkeyTarget.parse(server.uri()), STREAM);
    List<String> expected = new ArrayList<>();
    String victim = null;
    for (io.lettuce.core.StreamMessage<String, String> m :
        cmd.xrange(STREAM, io.lettuce.core.Range.unbounded())) {
      if ("run-a".equals(m.getBody().get("run"))) {
        expected.add(m.getId());
      } else if (victim == null && expected.size() > a.size() / 2) {
        victim = m.getId(); // an entry of the other run, deleted mid-drain
      }
    }
    assertThat(victim).isNotNull();
    String toDelete = victim;
    java.util.concurrent.atomic.AtomicLong killed = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    RedisCommands<String, String> killer = client.connect().sync();
    Thread chaos =
        new Thread(
            () -> {
              int round = 0;
              while (!done.get()) {
                try {
                  killed.addAndGet(
                      killer.clientKill(io.lettuce.core.KillArgs.Builder.typeNormal().skipme()));
                  if (++round == 5) {
                    killer.xdel(STREAM, toDelete);
                  }
                  Thread.sleep(40);
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  // the killer's own connection is never killed (skipme); keep going
                }
              }
            });
    CollectingSink sink =
        new CollectingSink() {
          boolean started;

          @Override
          protected void afterJob() {
            if (!started) {
              started = true;
              chaos.start();
            }
          }
        };
    DoneStreamDrain.Result r;
    try {
      r = drain(3, 2000, 1).drain(new DoneEntryParser(DoneFields.DEFAULT, "run-a", "s"), sink);
    } finally {
      done.set(true);
      chaos.join();
    }
    assertThat(killed.get()).as("connections killed").isGreaterThan(3);
    assertThat(r.reconnects()).isPositive();
    assertThat(ids(sink)).isEqualTo(expected);
    // A fresh connection: the chaos killed every other one, the test's own too, and a command on
    // a connection killed mid-reconnect can still fail with "Connection reset".
    try (var check = client.connect()) {
      assertThat(check.sync().xrange(STREAM, io.lettuce.core.Range.create(toDelete, toDelete)))
          .isEmpty();
    }
  }

  @Test
  void aServerPausedMidDrainIsWaitedFor() {
    SimRun a = sim("run-a", 9, 300);
    ValkeyLoader.load(a, ValkeyTarget.parse(server.uri()), STREAM);
    RedisCommands<String, String> admin = client.connect().sync();
    long[] pausedAt = {0};
    CollectingSink sink =
        new CollectingSink() {
          int seen;

          @Override
          protected void afterJob() {
            if (++seen == 3000) {
              admin.clientPause(1500);
              pausedAt[0] = System.nanoTime();
            }
          }
        };
    drain(2, 300, 1).drain(new DoneEntryParser(DoneFields.DEFAULT, "run-a", "s"), sink);
    assertThat(pausedAt[0]).isPositive();
    assertThat(System.nanoTime() - pausedAt[0]).isGreaterThan(1_000_000_000L);
    assertThat(ids(sink)).hasSize(a.size()).doesNotHaveDuplicates().isSortedAccordingTo(BY_ID);
  }

  @Test
  void aServerRestartMidDrainIsSurvived() {
    SimRun a = sim("run-a", 4, 250);
    ValkeyLoader.load(a, ValkeyTarget.parse(server.uri()), STREAM);
    CollectingSink sink =
        new CollectingSink() {
          int seen;

          @Override
          protected void afterJob() {
            if (++seen == 5000) {
              try {
                server.kill();
                server.startProcess();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
          }
        };
    // Lettuce may replay the interrupted command itself, or fail it and let the drain reconnect:
    // either way the rows must be exactly the stream's.
    drain(2, 400, 1).drain(new DoneEntryParser(DoneFields.DEFAULT, "run-a", "s"), sink);
    assertThat(sink.jobs).hasSize(a.size());
    assertThat(ids(sink)).doesNotHaveDuplicates().isSortedAccordingTo(BY_ID);
  }

  @Test
  @SuppressWarnings("unchecked")
  void ingestOfAllRunsAndTrimDeletesOnlyCommittedEntriesOfTheRun() throws java.io.IOException {
    ValkeyTarget target = ValkeyTarget.parse(server.uri());
    SimRun a = sim("run-a", 5, 50);
    SimRun b = sim("run-b", 6, 40);
    ValkeyLoader.load(a, target, STREAM);
    ValkeyLoader.load(b, target, STREAM);
    // A jobs stream with a consumer group that left work pending.
    cmd.xadd("it:jobs", Map.of("corr", "x"));
    cmd.xadd("it:jobs", Map.of("corr", "y"));
    cmd.xgroupCreate(XReadArgs.StreamOffset.from("it:jobs", "0"), "workers");
    cmd.xreadgroup(
        Consumer.from("workers", "w1"),
        XReadArgs.Builder.count(1),
        XReadArgs.StreamOffset.lastConsumed("it:jobs"));

    Warehouse wh = new Warehouse(dir.resolve("wh").toString(), new Configuration());
    List<IngestResult> all =
        new RunIngest(wh, Clock.systemUTC(), "test")
            .ingestAll(
                new IngestRequest(
                    List.of(),
                    Optional.empty(),
                    Optional.of(target),
                    STREAM,
                    "it:jobs",
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    DoneFields.DEFAULT,
                    DoneStreamDrain.Options.defaults(),
                    false));
    assertThat(all).extracting(r -> r.run().value()).containsExactly("run-a", "run-b");
    assertThat(all)
        .extracting(IngestResult::jobs)
        .containsExactly((long) a.size(), (long) b.size());
    assertThat(all.get(0).warnings())
        .anyMatch(
            w -> w.contains("consumer group workers") && w.contains("1 pending and 1 undelivered"));
    assertThat(cmd.xlen(STREAM)).isEqualTo(a.size() + b.size());

    IngestResult trimmed =
        new RunIngest(wh, Clock.systemUTC(), "test")
            .ingest(
                new IngestRequest(
                    List.of(new RunId("run-a")),
                    Optional.empty(),
                    Optional.of(target),
                    STREAM,
                    "it:jobs",
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    DoneFields.DEFAULT,
                    DoneStreamDrain.Options.defaults(),
                    true));
    assertThat(trimmed.trimmed()).isEqualTo(a.size());
    assertThat(cmd.xlen(STREAM)).isEqualTo(b.size());
    assertThat(ParquetRows.read(wh, JobsTable.TABLE, new RunId("run-a"))).hasSize(a.size());
    CollectingSink left = new CollectingSink();
    drain(1, 1000).drain(new DoneEntryParser(DoneFields.DEFAULT, RunFilter.all(), "s"), left);
    assertThat(left.runs).containsOnly("run-b");
  }

  @Test
  void aKeyThatIsNotAStreamIsABadInput() {
    cmd.set(STREAM, "hello");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                drain(1, 10)
                    .drain(new DoneEntryParser(DoneFields.DEFAULT, "r", "s"), new CollectingSink()))
        .isInstanceOfSatisfying(
            io.hopscope.error.HopscopeException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(io.hopscope.error.ExitCode.BAD_INPUT);
              assertThat(e.oneLine()).contains("is a string, not a stream");
            });
  }
}
