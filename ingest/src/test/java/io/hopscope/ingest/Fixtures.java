package io.hopscope.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test inputs: the third-party fixtures in {@code ../shared/fixtures} (never copied into the
 * project; tests that need them skip, visibly, where that directory is absent) and the project's
 * own small fixtures under {@code src/test/resources}.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A shared fixture; skips the calling test when ../shared/fixtures is absent. */
  public static Path shared(String name) {
    String dir = System.getProperty("hopscope.shared.dir", "../../shared");
    Path p = Path.of(dir, "fixtures", name);
    assumeTrue(Files.isRegularFile(p), "shared fixture not found (skipped): " + p);
    return p;
  }

  /** One of this project's own fixtures. */
  public static Path own(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }
}
