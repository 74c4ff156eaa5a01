/**
 * A seeded simulator of the pipeline (open-loop arrivals, FIFO queue, N workers) for sample data,
 * tests and benchmarks. Its output is labelled synthetic.
 */
package io.hopscope.sim;
