package io.hopscope.ingest.fuzz;

import io.hopscope.error.ExitCode;
import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.RowSink;
import io.hopscope.ingest.jobs.Reject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every parser fuzz test checks: given any bytes, a reader either reads them (rows and
 * rejects, each reject with a reason) or refuses the whole file with a user-facing error (exit 2, a
 * message that names the file). Anything else escaping it (a NullPointerException, an index out of
 * bounds, an overflow, an OutOfMemoryError) is a finding.
 */
final class FuzzInput {
  private FuzzInput() {}

  /** The input as a file of this name in a temp directory of this JVM (readers take paths). */
  static Path file(byte[] data, String name) {
    try {
      Path dir =
          Files.createDirectories(
              Path.of(
                  System.getProperty("java.io.tmpdir"),
                  "hopscope-fuzz-" + ProcessHandle.current().pid()));
      Path f = dir.resolve(name);
      Files.write(f, data);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a read; a refusal must be a bad-input error that names the file. */
  static void read(Path file, Runnable read) {
    try {
      read.run();
    } catch (HopscopeException e) {
      if (e.exitCode() != ExitCode.BAD_INPUT) {
        throw new AssertionError("not a bad-input error: " + e.getMessage(), e);
      }
      if (!e.getMessage().contains(file.getFileName().toString())) {
        throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
      }
    }
  }

  /** Counts rows; checks every reject has a location and a reason. */
  static final class Counting<T> implements RowSink<T> {
    long rows;
    long rejects;

    @Override
    public void row(T value) {
      if (value == null) {
        throw new AssertionError("a null row");
      }
      rows++;
    }

    @Override
    public void reject(Reject r) {
      if (r.reason() == null || r.reason().isBlank() || r.location() == null) {
        throw new AssertionError("a reject without location or reason: " + r);
      }
      rejects++;
    }
  }
}
