package io.hopscope.analytics.core;

/** How much evidence a run has, per table (summary.json {@code inputs}). */
public record InputCounts(long jobs, long k6Points, long promSamples, long rejected) {}
