package io.hopscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts fixed at build time (version, Spark version), from {@code build.properties}. */
public final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  public static String version() {
    return PROPS.getProperty("version", "unknown");
  }

  public static String sparkVersion() {
    return PROPS.getProperty("spark.version", "unknown");
  }

  /** The JVM options Spark needs on Java 17, as the build recorded them. */
  public static String sparkJvmOptions() {
    return PROPS.getProperty("spark.jvm.options", "");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
