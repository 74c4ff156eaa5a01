package io.hopscope.ingest.io;

import io.hopscope.error.Problems;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Lines of a text input (optionally gzip), with their numbers, and whether a line is the last one
 * and had no newline (a truncated write). A truncated gzip member ends the input with a clear error
 * naming the file and the last good line.
 */
public final class NdjsonLines implements AutoCloseable {
  private final Path file;
  private final BufferedReader in;
  private long number;
  private boolean endedWithNewline = true;

  public NdjsonLines(Path file) {
    this.file = file;
    this.in =
        new BufferedReader(
            new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8), 1 << 16);
  }

  /** The next line, or null at the end. */
  public String next() {
    try {
      String line = in.readLine();
      if (line == null) {
        return null;
      }
      number++;
      in.mark(1);
      int c = in.read();
      if (c < 0) {
        // The end of the input: a bad last line is probably a truncated write.
        endedWithNewline = false;
      } else {
        in.reset();
      }
      return line;
    } catch (EOFException e) {
      throw Problems.badFile(
          file,
          "ends unexpectedly after line " + number + " (truncated gzip)",
          "copy the file again; the rows before it are readable",
          e);
    } catch (IOException e) {
      throw Problems.badFile(file, "cannot read: " + e.getMessage(), "check the file", e);
    }
  }

  /** The number of the line last returned (1-based). */
  public long number() {
    return number;
  }

  /** True when the line last returned was the last of the input. */
  public boolean isLast() {
    return !endedWithNewline;
  }

  /** The reject-reason suffix for a bad line: says when it is the (probably truncated) last. */
  public String truncationNote() {
    return isLast() ? " (last line, probably truncated)" : "";
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // Reading is done; a failure to release the file changes nothing that was read.
    }
  }
}
