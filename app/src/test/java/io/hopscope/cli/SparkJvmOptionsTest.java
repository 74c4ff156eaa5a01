package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The JVM options the build gives surefire, failsafe and scripts/hopscope must be the ones Spark's
 * own launcher asks for: this fails when a Spark upgrade changes them.
 */
class SparkJvmOptionsTest {
  @Test
  void buildOptionsMatchSparkLauncher() {
    Set<String> ours =
        new TreeSet<>(Arrays.asList(BuildInfo.sparkJvmOptions().trim().split("\\s+")));
    Set<String> spark =
        new TreeSet<>(Arrays.asList(JavaModuleOptions.defaultModuleOptions().trim().split("\\s+")));
    assertThat(ours).isEqualTo(spark);
  }
}
