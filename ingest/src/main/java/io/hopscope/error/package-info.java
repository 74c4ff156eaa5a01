/**
 * User-facing errors: one factory ({@link io.hopscope.error.Problems}) and the exit codes of the
 * command line. Depends on nothing but the JDK.
 */
package io.hopscope.error;
