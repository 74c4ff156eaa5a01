package io.hopscope.ingest.prom;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@code --prom-url} asks of a Prometheus server for one run.
 *
 * @param target the server and its credentials
 * @param defaults the default queries ({@link PromQueries#defaults}), or none
 * @param extra queries from {@code --prom-queries}: added after the spec's, replacing by id
 * @param stepNs the resolution of query_range
 * @param beforeNs how long before the run's first timestamp the window opens
 * @param cooldownNs how long after the run's last timestamp it closes; empty: the spec's {@code
 *     backlog_must_drain_seconds}, else {@link #DEFAULT_COOLDOWN_NS}
 * @param timeout per request
 */
public record PromPull(
    PromTarget target,
    List<PromQuery> defaults,
    List<PromQuery> extra,
    long stepNs,
    long beforeNs,
    OptionalLong cooldownNs,
    Duration timeout) {
  /** The cool-down when neither the option nor the spec's drain gate says: 5 minutes. */
  public static final long DEFAULT_COOLDOWN_NS = 300_000_000_000L;

  /** The lead before the run: 1 minute, as FORMATS.md's export recipe takes. */
  public static final long DEFAULT_BEFORE_NS = 60_000_000_000L;

  public PromPull {
    Objects.requireNonNull(target);
    defaults = List.copyOf(defaults);
    extra = List.copyOf(extra);
    Objects.requireNonNull(cooldownNs);
    Objects.requireNonNull(timeout);
    if (stepNs < 1_000_000L) {
      throw new IllegalArgumentException("step below 1 ms");
    }
  }
}
