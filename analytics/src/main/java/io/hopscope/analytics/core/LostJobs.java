package io.hopscope.analytics.core;

import java.util.List;
import java.util.Optional;

/**
 * Jobs the gateway accepted that never completed, from the counts: k6 requests answered 202
 * Accepted (the gateway's answer to an enqueued job) in the plateaus and ramps against the jobs
 * that arrived in them. Other 2xx answers (status reads, health checks) create no job, so they do
 * not count. Needs k6 data with 202 answers and jobs.
 *
 * @param accepted k6 requests answered 202 within the windows
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
      if (p.http() != null) {
        long a = p.http().byStatus().getOrDefault("202", 0L);
        k6 |= a > 0;
        accepted += a;
      }
      if (p.hasJobs()) {
        jobs = true;
      }
      completed += p.jobs();
    }
    return k6 && jobs ? Optional.of(new LostJobs(accepted, completed)) : Optional.empty();
  }
}
