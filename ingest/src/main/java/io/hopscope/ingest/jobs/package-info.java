/** Done-stream entries: field names, the entry parser, the job and reject records. Pure: no I/O. */
package io.hopscope.ingest.jobs;
