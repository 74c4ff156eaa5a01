/**
 * k6's outputs read as streams of typed records: NDJSON ({@code --out json}), CSV ({@code --out
 * csv}) and the end-of-test summary export, with their thresholds. Bad records are counted and kept
 * with a reason; a file that cannot be a k6 output stops with its name, line and field.
 */
package io.hopscope.ingest.k6;
