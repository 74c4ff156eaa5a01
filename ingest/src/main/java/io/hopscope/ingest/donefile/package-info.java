/** Reading done-stream exports (NDJSON, optionally gzip). No Spark. */
package io.hopscope.ingest.donefile;
