package io.hopscope.error;

import java.util.Locale;

/**
 * Named points where a process can be made to stop, so that fault tests can kill it there (SIGKILL
 * between two commits, say) instead of hoping to hit the moment. Off unless the environment
 * variable {@value #ENV} names the point; then the process prints {@code paused at <point>} to
 * stderr and sleeps until killed. Costs one map lookup per point passed.
 */
public final class FailPoints {
  public static final String ENV = "HOPSCOPE_PAUSE_AT";
  private static final String TARGET = System.getenv(ENV);

  private FailPoints() {}

  /** Pauses here for good when {@value #ENV} names this point. */
  public static void pass(String point) {
    if (TARGET == null || !TARGET.equals(point)) {
      return;
    }
    System.err.printf(Locale.ROOT, "paused at %s%n", point);
    System.err.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
