/** Report output: writes a run's report directory from an analysis. No Spark. */
package io.hopscope.reports;
