package io.hopscope.analytics.core;

import java.util.List;

/**
 * The capacity knee: the first plateau where queueing sets in.
 *
 * @param plateauIndex the {@link Window#index()} of that plateau
 * @param offeredRps the load offered in it
 * @param reason in words, with the numbers that made the call
 * @param signals the rules that fired there ({@code backlog_growth}, {@code queue_delay_step},
 *     {@code kneedle})
 * @param kneedlePlateau where Kneedle on the p95 latency envelope puts the knee (a second opinion),
 *     null when it finds none
 */
public record Knee(
    int plateauIndex,
    double offeredRps,
    String reason,
    List<String> signals,
    Integer kneedlePlateau) {
  public Knee {
    signals = List.copyOf(signals);
  }

  public Knee(int plateauIndex, double offeredRps, String reason, List<String> signals) {
    this(plateauIndex, offeredRps, reason, signals, null);
  }
}
