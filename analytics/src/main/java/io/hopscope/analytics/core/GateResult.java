package io.hopscope.analytics.core;

/**
 * The verdict of one gate.
 *
 * @param name the gate's config key, e.g. {@code slo_ms_p95_hop}
 * @param observed the measured value, null when it could not be measured (which fails the gate)
 * @param limit the configured limit
 * @param detail what was compared, in words
 */
public record GateResult(
    String name, boolean passed, Double observed, double limit, String detail) {}
