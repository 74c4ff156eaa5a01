package io.hopscope.reports.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file's text: RFC 4180 quoting only where a field needs it (a comma, a quote, a line feed or
 * a carriage return), {@code \n} line ends, null as an empty field. Every CSV hopscope writes goes
 * through here (the exports and {@code query --format csv}).
 *
 * <p>Not Jackson's CSV writer: in version 2.20 (Spark's) its strict quoting leaves a field holding
 * a bare carriage return unquoted, which a reader (Jackson's own included) takes for a line break;
 * its loose quoting quotes most text. {@code CsvTest} reads every file back with Jackson's parser.
 */
public final class Csv {
  private final int columns;
  private final List<String[]> rows = new ArrayList<>();

  /** A file with this header row. */
  public Csv(List<String> header) {
    this.columns = header.size();
    rows.add(header.toArray(String[]::new));
  }

  /** A file with this header row. */
  public Csv(String... header) {
    this(List.of(header));
  }

  /** A file whose header is these names, separated by commas (a trailing line end is dropped). */
  public static Csv header(String names) {
    return new Csv(names.strip().split(","));
  }

  /** Adds a row: one field per column. */
  public Csv row(String... fields) {
    if (fields.length != columns) {
      throw new IllegalArgumentException(fields.length + " fields for " + columns + " columns");
    }
    rows.add(fields.clone());
    return this;
  }

  /** Adds a row: one field per column. */
  public Csv row(List<String> fields) {
    return row(fields.toArray(String[]::new));
  }

  /** The file's text: the header, then each row. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(field(row[i]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** One field, quoted where needed; null is an empty field. */
  public static String field(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
