/**
 * The one command line (picocli) and the one SparkSession factory. Commands parse options, call the
 * pipeline and return an exit code; only Main calls System.exit.
 */
package io.hopscope.cli;
