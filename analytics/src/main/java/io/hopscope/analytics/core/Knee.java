package io.hopscope.analytics.core;

import java.util.List;

/**
 * The capacity knee: the first plateau where queueing sets in.
 *
 * @param plateauIndex the {@link Window#index()} of that plateau
 * @param offeredRps the load offered in it
 * @param reason in words, with the numbers that made the call
 * @param signals the rules that fired there ({@code backlog_growth}, {@code queue_delay_step})
 */
public record Knee(int plateauIndex, double offeredRps, String reason, List<String> signals) {
  public Knee {
    signals = List.copyOf(signals);
  }
}
