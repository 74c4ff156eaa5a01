/**
 * Draining a Valkey/Redis done stream with Lettuce: paged, exclusive-range XRANGE; never deletes.
 * No Spark.
 */
package io.hopscope.ingest.valkey;
