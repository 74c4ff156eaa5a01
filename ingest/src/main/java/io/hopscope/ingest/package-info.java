/**
 * Ingest of one run into the warehouse: the request, the orchestration and the run id. No Spark.
 */
package io.hopscope.ingest;
