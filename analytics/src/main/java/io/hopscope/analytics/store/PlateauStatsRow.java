package io.hopscope.analytics.store;

import io.hopscope.analytics.core.LatencyStats;
import java.util.Objects;

/**
 * One row of {@code plateau_stats}: one window × one segment ({@code hop}, {@code queue_delay},
 * {@code service}, {@code http}) of one run, flat for SQL.
 */
public record PlateauStatsRow(
    int plateauIndex,
    String kind,
    long startNs,
    long endNs,
    double targetRps,
    double offeredRps,
    double achievedRps,
    double errorRate,
    String segment,
    LatencyStats stats) {
  public PlateauStatsRow {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(segment);
    Objects.requireNonNull(stats);
  }
}
