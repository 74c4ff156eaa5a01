/**
 * What analyze derives and keeps in the warehouse, and reads back: {@code plateau_stats} and {@code
 * run_summary} (with the whole analysis, versioned by {@link
 * io.hopscope.analytics.store.AnalysisCodec}), baselines, gate history and the runs a trend is made
 * of. Iceberg through the warehouse's own API; no Spark (report, gate and trend run without it).
 */
package io.hopscope.analytics.store;
