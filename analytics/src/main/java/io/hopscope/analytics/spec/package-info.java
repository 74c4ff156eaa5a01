/** Reading analysis settings (gates) from the run spec. */
package io.hopscope.analytics.spec;
