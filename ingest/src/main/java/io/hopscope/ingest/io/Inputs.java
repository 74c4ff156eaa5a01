package io.hopscope.ingest.io;

import io.hopscope.error.Problems;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens input files, transparently gunzipping those that start with the gzip magic bytes. */
public final class Inputs {
  private static final int BUFFER = 1 << 16;

  private Inputs() {}

  /**
   * Opens a file for reading. A name ending in {@code .gz} must hold gzip data; any file that
   * starts with the gzip magic is decompressed whatever its name.
   */
  public static InputStream open(Path file) {
    try {
      InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      boolean gzip = b1 == 0x1f && b2 == 0x8b;
      if (!gzip && file.getFileName().toString().endsWith(".gz")) {
        raw.close();
        throw Problems.badFile(
            file, "is named .gz but is not gzip data", "decompress it or rename it without .gz");
      }
      return gzip ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
    } catch (NoSuchFileException e) {
      throw Problems.badFile(file, "not found", "check the path");
    } catch (IOException e) {
      throw Problems.badFile(file, "cannot read: " + e.getMessage(), "check the file", e);
    }
  }
}
