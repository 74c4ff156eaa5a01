/**
 * The statistics core: exact percentiles, schedule windows, queue depth, drain, knee, sizing,
 * gates. Pure Java: must not depend on Spark, Hadoop or any I/O (CorePurityTest checks).
 */
package io.hopscope.analytics.core;
