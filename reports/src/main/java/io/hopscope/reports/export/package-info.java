/** Machine-readable exports: summary.json (contract), plateaus.csv, gates JUnit XML. No Spark. */
package io.hopscope.reports.export;
