package io.hopscope.analytics.core;

import java.util.List;
import java.util.Optional;

/**
 * Jobs the gateway accepted that never completed, from the counts: k6 requests answered 2xx in the
 * plateaus and ramps against the jobs that arrived in them. Needs both k6 data and jobs.
 *
 * @param accepted k6 requests answered 2xx within the windows
 * @param completed completed jobs that arrived within the windows
 */
public record LostJobs(long accepted, long completed) {
  /** Losses below this share of the accepted jobs are boundary effects, not losses. */
  static final double TOLERANCE = 0.001;

  public long lost() {
    return Math.max(0, accepted - completed);
  }

  /** True when more jobs went missing than window-boundary effects explain. */
  public boolean significant() {
    return lost() > Math.max(1, TOLERANCE * accepted);
  }

  public static Optional<LostJobs> of(List<PlateauResult> windows) {
    long accepted = 0;
    long completed = 0;
    boolean k6 = false;
    boolean jobs = false;
    for (PlateauResult p : windows) {
      if (p.http() != null && p.http().requests() > 0) {
        k6 = true;
        accepted += p.http().accepted();
      }
      if (p.hasJobs()) {
        jobs = true;
      }
      completed += p.jobs();
    }
    return k6 && jobs ? Optional.of(new LostJobs(accepted, completed)) : Optional.empty();
  }
}
