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
  private static final String SETTING = System.getenv(ENV);
  private static final String TARGET =
      SETTING == null || SETTING.indexOf('@') < 0
          ? SETTING
          : SETTING.substring(0, SETTING.indexOf('@'));
  private static final long SLEEP_MS =
      SETTING == null || SETTING.indexOf('@') < 0
          ? Long.MAX_VALUE
          : Long.parseLong(SETTING.substring(SETTING.indexOf('@') + 1));

  private FailPoints() {}

  /** Pauses here for good when {@value #ENV} names this point. */
  public static void pass(String point) {
    if (TARGET == null || !TARGET.equals(point)) {
      return;
    }
    System.err.printf(Locale.ROOT, "paused at %s%n", point);
    System.err.flush();
    long until =
        SLEEP_MS == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + SLEEP_MS;
    while (System.currentTimeMillis() < until) {
      try {
        Thread.sleep(Math.min(1000, Math.max(1, until - System.currentTimeMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
