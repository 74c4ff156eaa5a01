package io.hopscope.analytics.core;

/**
 * What the scan of the jobs table returns for one window: the jobs that arrived in it, the
 * completions inside it, and the statistics of the three segments.
 *
 * @param hop null when no job arrived in the window (then so are the others)
 */
public record WindowAggregate(
    int index,
    long jobs,
    long completions,
    LatencyStats hop,
    LatencyStats queueDelay,
    LatencyStats service) {}
