/**
 * Spark jobs that scan warehouse tables and hand small typed results to the core. Never decides
 * anything itself.
 */
package io.hopscope.analytics.spark;
