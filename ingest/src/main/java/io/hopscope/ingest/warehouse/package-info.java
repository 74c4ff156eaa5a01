/**
 * The warehouse: Apache Iceberg tables partitioned by run, their schemas (declared once, here), the
 * streaming Parquet writer, and the per-run commit ({@link RunWrite}: one validated overwrite per
 * table, the family's head row last) with the reads that follow it ({@link RunSnapshots}). Uses
 * Iceberg's Java API, parquet-java and the Hadoop FileSystem API; no Spark.
 */
package io.hopscope.ingest.warehouse;
