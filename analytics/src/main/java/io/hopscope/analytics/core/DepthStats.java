package io.hopscope.analytics.core;

/**
 * Queue depth over one window, sampled each second: at the window's start and end, the largest
 * sample, and the least-squares slope in jobs per second.
 */
public record DepthStats(long start, long end, long max, double slopePerS) {}
