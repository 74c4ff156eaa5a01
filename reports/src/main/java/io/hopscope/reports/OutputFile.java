package io.hopscope.reports;

import java.io.IOException;
import java.io.Writer;

/**
 * One text file of a report: its name in the report's directory and how to write it. Every format
 * (the pages, JSON, CSV, Markdown, JUnit XML) is one class that makes these, and {@link
 * ReportWriter#put(java.nio.file.Path, OutputFile)} writes any of them aside and moves it into
 * place, so every output is written the same, atomic way.
 */
public interface OutputFile {
  /** The file's path relative to the report's directory, e.g. {@code "summary.json"}. */
  String name();

  /** Writes the file's text. */
  void write(Writer out) throws IOException;

  /** Writes text. */
  @FunctionalInterface
  interface Content {
    void write(Writer out) throws IOException;
  }

  /** A file of a name and what writes it. */
  static OutputFile of(String name, Content content) {
    return new OutputFile() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void write(Writer out) throws IOException {
        content.write(out);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** A file holding text made already. */
  static OutputFile text(String name, String text) {
    return of(name, w -> w.write(text));
  }
}
