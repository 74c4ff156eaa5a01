package io.hopscope.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a {@link SparkSession} is made. Settings given to spark-submit (or as {@code
 * spark.*} system properties) always win; the defaults here only fill gaps. Without a master, the
 * session runs in local mode on loopback.
 */
public final class SparkSessions {
  /** Defaults for every session. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          "spark.sql.session.timeZone", "UTC",
          "spark.sql.sources.partitionColumnTypeInference.enabled", "false",
          "spark.sql.adaptive.enabled", "true",
          // The warehouse's tables are wider than Spark's default of 25 fields it prints plans
          // with, which otherwise warns on every query.
          "spark.sql.debug.maxToStringFields", "200");

  /** Extra defaults when no master was given: a laptop run. */
  static final Map<String, String> LOCAL_DEFAULTS =
      Map.of(
          "spark.master", "local[*]",
          "spark.driver.host", "127.0.0.1",
          "spark.driver.bindAddress", "127.0.0.1",
          "spark.ui.enabled", "false",
          "spark.sql.shuffle.partitions", "8",
          "spark.sql.adaptive.coalescePartitions.enabled", "true",
          // Task results up to Spark's message limit (128 MiB) are handed to the driver directly.
          // Above 1 MiB (Spark's default) a result is stored in the block manager and fetched
          // back over loopback, even in local mode: the first pass of a 10M-job analyze whose
          // ingest did not count its repeated corr ids sends about 80 MB of their hashes, and
          // that fetch and its copies cost about 0.5 CPU-s (profiled). Clusters keep Spark's
          // default.
          "spark.task.maxDirectResultSize", "128m");

  private SparkSessions() {}

  /**
   * Janino's loggers (java.util.logging), held so their level stays set. Spark's code generation
   * fails when Janino logs at a debug level (formatting a debug message throws), and falls back to
   * slow interpreted code: a JVM whose java.util.logging is all on (a notebook kernel's) would
   * otherwise run every query that way.
   */
  private static final java.util.logging.Logger JANINO = quiet("org.codehaus.janino");

  private static final java.util.logging.Logger COMMONS_COMPILER = quiet("org.codehaus.commons");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  /** The session of this process, created on first use. */
  public static synchronized SparkSession get(String appName) {
    JANINO.setLevel(java.util.logging.Level.WARNING); // a LogManager reset since clears it
    COMMONS_COMPILER.setLevel(java.util.logging.Level.WARNING);
    // The same process analysing again (demo, trend history): the session it has, without the
    // builder's "Using an existing Spark session" warning on every reuse.
    scala.Option<org.apache.spark.sql.classic.SparkSession> running =
        org.apache.spark.sql.classic.SparkSession.getDefaultSession();
    if (running.isDefined() && !running.get().sparkContext().isStopped()) {
      return running.get();
    }
    SparkConf given = new SparkConf();
    Map<String, String> settings = new LinkedHashMap<>(DEFAULTS);
    if (!given.contains("spark.master")) {
      settings.putAll(LOCAL_DEFAULTS);
    }
    // The classic (in-process) session, asked for by name: hopscope runs its own code on the
    // session's RDDs, which a Spark Connect session has not. SparkSession.builder() would find
    // the classic one through Scala's runtime reflection, whose start-up took about 0.5 s of
    // every command's wall time here (measured: the session up 1.6-1.7 s after the JVM started,
    // instead of 2.2-2.8 s).
    org.apache.spark.sql.classic.SparkSession.Builder b =
        org.apache.spark.sql.classic.SparkSession.builder().appName(appName);
    settings.forEach(
        (k, v) -> {
          if (!given.contains(k)) {
            b.config(k, v);
          }
        });
    SparkSession session = b.getOrCreate();
    Logs.keepOurs(); // the new SparkContext put Spark's defaults back (under spark-submit)
    return session;
  }

  /** A session being started on a thread of its own, or null: stopping waits for it. */
  private static volatile java.util.concurrent.CompletableFuture<SparkSession> starting;

  /**
   * Starts the session, and makes its state (catalogs, analyzer), on a thread of its own while the
   * caller does what needs no Spark. The thread has the caller's context class loader (the one
   * spark-submit gave the jar's classes); {@link #stopIfStarted} waits for it, so a command that
   * fails meanwhile still stops the session on exit.
   */
  static synchronized java.util.concurrent.CompletableFuture<SparkSession> startInBackground(
      String appName) {
    java.util.concurrent.CompletableFuture<SparkSession> f =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              SparkSession s = get(appName);
              s.conf(); // the session's state is made on first use: here rather than later
              return s;
            },
            r -> {
              Thread t = new Thread(r, "hopscope-spark-start");
              t.setDaemon(true);
              t.start();
            });
    starting = f;
    return f;
  }

  /**
   * Makes a session the calling thread's active one (Spark reads its settings through the active
   * session of the thread that asks): for a session {@link #startInBackground} made on another.
   */
  static SparkSession activeHere(SparkSession s) {
    org.apache.spark.sql.classic.SparkSession.setActiveSession(s);
    return s;
  }

  /** Stops the session if one was started (or is starting). */
  public static void stopIfStarted() {
    java.util.concurrent.CompletableFuture<SparkSession> f = starting;
    if (f != null) {
      // Outside the lock: the starting thread takes it in get(). A failed start was the command's
      // error, or comes after it: nothing to stop then.
      f.handle((s, e) -> s).join();
    }
    synchronized (SparkSessions.class) {
      scala.Option<org.apache.spark.sql.classic.SparkSession> running =
          org.apache.spark.sql.classic.SparkSession.getDefaultSession();
      if (running.isDefined()) {
        running.get().stop();
      }
    }
  }
}
