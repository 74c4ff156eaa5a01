/** The self-contained HTML run report and HTML escaping. No Spark. */
package io.hopscope.reports.html;
