package io.hopscope.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}. Run with {@code
 * HOPSCOPE_REGENERATE_GOLDEN=1} (or {@code -Dhopscope.regenerate.golden=true}) to rewrite them from
 * the current output.
 */
final class Golden {
  private Golden() {}

  static void check(String name, String actual) throws IOException {
    Path file =
        Path.of(System.getProperty("hopscope.project.dir", "."))
            .resolve("reports/src/test/resources/golden")
            .resolve(name);
    if (!Files.isDirectory(file.getParent())) {
      file = Path.of("src/test/resources/golden").resolve(name);
    }
    boolean regenerate =
        "1".equals(System.getenv("HOPSCOPE_REGENERATE_GOLDEN"))
            || Boolean.getBoolean("hopscope.regenerate.golden");
    if (regenerate || !Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      assertThat(regenerate)
          .as("golden file %s was missing and has been written; rerun", file)
          .isTrue();
      return;
    }
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
