/** The cross-run pages: trend tables and charts, baseline | current | change, scaling curves. */
package io.hopscope.reports.trend;
