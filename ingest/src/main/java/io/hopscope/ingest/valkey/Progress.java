package io.hopscope.ingest.valkey;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for long drains: entries done, rate, ETA. Quiet when stderr is not a
 * terminal (unless forced), and at most a few updates per second.
 */
public final class Progress {
  private final PrintStream out;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private final long startNs;
  private long lastPrintNs;
  private boolean printed;

  public Progress(PrintStream out, boolean enabled, LongSupplier nanoTime) {
    this.out = out;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
    this.startNs = nanoTime.getAsLong();
  }

  /** Shown only when the process has a console. */
  public static Progress onConsole(PrintStream err) {
    return new Progress(err, System.console() != null, System::nanoTime);
  }

  public static Progress quiet() {
    return new Progress(System.err, false, System::nanoTime);
  }

  /** Reports {@code done} of {@code total} (total ≤ 0 when unknown). */
  public void update(String what, long done, long total) {
    if (!enabled) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (printed && now - lastPrintNs < 250_000_000L && done < total) {
      return;
    }
    lastPrintNs = now;
    printed = true;
    out.print("\r" + line(what, done, total, (now - startNs) / 1e9));
    out.flush();
  }

  /** Ends the progress line. */
  public void finish() {
    if (enabled && printed) {
      out.println();
    }
  }

  /** The text of one progress line (public for the other progress lines: one format). */
  public static String line(String what, long done, long total, double seconds) {
    double rate = seconds > 0 ? done / seconds : 0;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %,d", what, done));
    if (total > 0) {
      sb.append(String.format(Locale.ROOT, " of %,d (%.0f%%)", total, 100.0 * done / total));
    }
    sb.append(String.format(Locale.ROOT, ", %,.0f/s", rate));
    if (total > 0 && rate > 0 && done < total) {
      sb.append(String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate));
    }
    return sb.toString();
  }
}
