package io.hopscope.analytics.core;

/**
 * Per-second counts over the run: second {@code k} covers {@code [origin + k s, origin + (k+1) s)};
 * index {@code i} of each array is second {@code firstSec + i}.
 */
public record Timeline(
    long originNs, long firstSec, long[] arrivals, long[] claims, long[] completions) {
  public Timeline {
    if (arrivals.length != claims.length || claims.length != completions.length) {
      throw new IllegalArgumentException("the counts must cover the same seconds");
    }
    arrivals = arrivals.clone();
    claims = claims.clone();
    completions = completions.clone();
  }

  public int seconds() {
    return arrivals.length;
  }

  @Override
  public long[] arrivals() {
    return arrivals.clone();
  }

  @Override
  public long[] claims() {
    return claims.clone();
  }

  @Override
  public long[] completions() {
    return completions.clone();
  }

  public QueueDepth queueDepth() {
    return new QueueDepth(originNs, firstSec, arrivals, claims);
  }
}
