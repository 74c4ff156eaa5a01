package io.hopscope.cli;

import java.net.URL;
import org.apache.logging.log4j.LogManager;

/**
 * Keeps hopscope's logging configuration (warnings and errors, {@code log4j2.properties} in the
 * jar) in force under {@code spark-submit}: there Spark sets up logging before the jar is on the
 * class path, finds no configuration and loads its own defaults (INFO, about 200 lines an
 * analysis), and loads them again when the SparkContext starts (it resets logging for its
 * structured-logging setting): so this runs at start-up and again once the session is up. A
 * configuration the user chose is kept: a {@code log4j2.configurationFile} setting or a {@code
 * log4j2.properties} of their Spark home's conf/.
 */
final class Logs {
  static final String SPARK_DEFAULTS = "org/apache/spark/log4j2-defaults.properties";
  private static final String CHOSEN = "log4j2.configurationFile";
  private static String setByUs;

  private Logs() {}

  /** Replaces Spark's default logging configuration by hopscope's; returns whether it did. */
  static synchronized boolean keepOurs() {
    String chosen = System.getProperty(CHOSEN);
    if ((chosen != null && !chosen.equals(setByUs))
        || System.getProperty("log4j.configurationFile") != null) {
      return false;
    }
    // Spark's classes log through the context of the class loader that loaded them (the system
    // one); under spark-submit this class comes from a child loader with a context of its own.
    Object spark = LogManager.getContext(ClassLoader.getSystemClassLoader(), false);
    String current = configLocation(spark);
    if (!current.isEmpty() && !current.endsWith(SPARK_DEFAULTS)) {
      return false; // a configuration someone chose (ours in the jar, or the user's)
    }
    URL ours = Logs.class.getClassLoader().getResource("log4j2.properties");
    if (ours == null) {
      return false;
    }
    try {
      // A plain file: when Spark resets logging, Log4j reloads the location through the system
      // class loader, which cannot see inside this jar (a jar: URI fell back to its defaults).
      java.nio.file.Path file =
          java.nio.file.Files.createTempFile("hopscope-log4j2-", ".properties");
      file.toFile().deleteOnExit();
      try (java.io.InputStream in = ours.openStream()) {
        java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      java.net.URI uri = file.toUri();
      setByUs = uri.toString();
      System.setProperty(CHOSEN, setByUs);
      spark.getClass().getMethod("setConfigLocation", java.net.URI.class).invoke(spark, uri);
      Object mine = LogManager.getContext(false);
      if (mine != spark) {
        mine.getClass().getMethod("setConfigLocation", java.net.URI.class).invoke(mine, uri);
      }
      return true;
    } catch (ReflectiveOperationException | java.io.IOException e) {
      return false;
    }
  }

  /**
   * Where a context's configuration came from ("" when built in). Read reflectively: compiling
   * against log4j-core's LoggerContext drags in annotations that are not on the class path.
   */
  private static String configLocation(Object context) {
    try {
      Object uri = context.getClass().getMethod("getConfigLocation").invoke(context);
      return uri == null ? "" : uri.toString();
    } catch (ReflectiveOperationException e) {
      return "";
    }
  }
}
