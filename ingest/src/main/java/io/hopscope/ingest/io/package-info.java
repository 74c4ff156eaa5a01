/** Opening input files (gzip by content) and checksums. */
package io.hopscope.ingest.io;
