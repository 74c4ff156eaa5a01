package io.hopscope.cli;

import io.hopscope.analytics.spark.ExactStats;
import io.hopscope.ingest.valkey.Progress;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The progress line of a long analysis on a terminal: the step (n of m), and while a table is
 * scanned the pass, rows read, rate and ETA. Rows are counted live where the scan runs in this JVM
 * (local mode) and at each finished task otherwise (a cluster). Quiet when stderr is not a
 * terminal, as ingest's line is.
 */
final class AnalyzeProgress implements ExactStats.PassListener, AutoCloseable {
  private final PrintStream out;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private final LongSupplier rowsHere;
  private final AtomicLong rowsOfTasks = new AtomicLong();
  private final int steps;
  private ScheduledExecutorService ticker;
  private SparkSession spark;
  private SparkListener listener;
  private int step;
  private String what = "";
  private long total;
  private long baseHere;
  private long baseTasks;
  private long startNs;
  private int width;

  AnalyzeProgress(
      PrintStream out, boolean enabled, int steps, LongSupplier nanoTime, LongSupplier rowsHere) {
    this.out = out;
    this.enabled = enabled;
    this.steps = steps;
    this.nanoTime = nanoTime;
    this.rowsHere = rowsHere;
  }

  /** A progress line on the console, if there is one. */
  static AnalyzeProgress onConsole(PrintStream err, int steps) {
    return new AnalyzeProgress(
        err, System.console() != null, steps, System::nanoTime, ExactStats::rowsReadHere);
  }

  /** Starts counting the rows of finished tasks and refreshing the line. */
  AnalyzeProgress watch(SparkSession session) {
    if (!enabled) {
      return this;
    }
    spark = session;
    listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
              rowsOfTasks.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
            }
          }
        };
    session.sparkContext().addSparkListener(listener);
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hopscope-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::render, 250, 250, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The next step begins. */
  synchronized void step(String name) {
    step++;
    what = name;
    total = 0;
    startNs = nanoTime.getAsLong();
    baseHere = rowsHere.getAsLong();
    baseTasks = rowsOfTasks.get();
    render();
  }

  @Override
  public synchronized void passStarted(String table, int pass, long rows) {
    what = "scanning " + table + ", pass " + pass;
    total = rows;
    startNs = nanoTime.getAsLong();
    baseHere = rowsHere.getAsLong();
    baseTasks = rowsOfTasks.get();
    render();
  }

  /** The current line's text. */
  synchronized String line() {
    String head = "analyze step " + step + " of " + steps + ": " + what;
    if (total <= 0) {
      return head;
    }
    long done = Math.max(rowsHere.getAsLong() - baseHere, rowsOfTasks.get() - baseTasks);
    return Progress.line(head + ", rows", Math.min(done, total), total, seconds());
  }

  private double seconds() {
    return (nanoTime.getAsLong() - startNs) / 1e9;
  }

  synchronized void render() {
    if (!enabled) {
      return;
    }
    String text = line();
    int pad = Math.max(0, width - text.length());
    out.print("\r" + text + " ".repeat(pad));
    out.flush();
    width = text.length();
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (spark != null && listener != null) {
      spark.sparkContext().removeSparkListener(listener);
    }
    if (enabled && width > 0) {
      out.print("\r" + " ".repeat(width) + "\r");
      out.flush();
    }
  }
}
