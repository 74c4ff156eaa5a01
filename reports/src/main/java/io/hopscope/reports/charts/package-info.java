/** Chart data built from an analysis, and its drawing with JFreeChart. No Spark. */
package io.hopscope.reports.charts;
