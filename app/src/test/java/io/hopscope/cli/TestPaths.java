package io.hopscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project and its sample data are, from the build. */
final class TestPaths {
  private TestPaths() {}

  static Path project() {
    String p = System.getProperty("hopscope.project.dir");
    Path dir = p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve("sample-data"))) {
      dir = Path.of("").toAbsolutePath().getParent();
    }
    return dir;
  }

  static Path sampleData() {
    return project().resolve("sample-data");
  }
}
