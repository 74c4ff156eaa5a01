/**
 * Prometheus series read as samples: the text formats (exposition 0.0.4, OpenMetrics, {@code
 * promtool tsdb dump}), the HTTP API's JSON ({@code query_range} and {@code query} answers), and
 * folders of such files. A file that cannot be one of them stops with its name, line and field.
 */
package io.hopscope.ingest.prom;
