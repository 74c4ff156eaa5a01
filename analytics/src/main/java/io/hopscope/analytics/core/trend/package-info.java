/**
 * A scenario's history across runs, one class per algorithm: {@link
 * io.hopscope.analytics.core.trend.TrendAnalysis} (the result types, grouping by fingerprint and
 * the baseline), series extraction ({@code TrendSeries}), change-point filtering ({@code
 * ChangePointFilter}), verdicts against the baseline and the previous run ({@code Verdicts}) and
 * the worker-count scaling sweep with its USL fit ({@code ScalingSweep}). Pure Java, as the rest of
 * the core.
 */
package io.hopscope.analytics.core.trend;
