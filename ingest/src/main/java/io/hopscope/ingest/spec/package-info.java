/** The run spec (the playbook's scenario template) and its reader. No Spark, no Hadoop. */
package io.hopscope.ingest.spec;
