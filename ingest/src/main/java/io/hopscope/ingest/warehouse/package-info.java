/**
 * The Parquet warehouse: table schemas (declared once, here), streaming writers and the atomic
 * per-run commit. Uses parquet-java and the Hadoop FileSystem API; no Spark.
 */
package io.hopscope.ingest.warehouse;
