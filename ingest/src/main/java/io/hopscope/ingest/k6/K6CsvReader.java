package io.hopscope.ingest.k6;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RowSink;
import io.hopscope.ingest.io.Inputs;
import io.hopscope.ingest.jobs.Reject;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads k6's {@code --out csv} output (optionally gzip). Columns are found by header name, never by
 * position: the header depends on {@code --system-tags} and the k6 version. Timestamps may be Unix
 * seconds (the default, 1 s resolution), milli-, micro- or nanoseconds (told apart by their digits)
 * or RFC 3339. {@code extra_tags} and {@code metadata} hold {@code k=v&k=v}. A bad row becomes a
 * reject; a file without the k6 columns stops with exit code 2.
 */
public final class K6CsvReader {
  private static final List<String> REQUIRED = List.of("metric_name", "timestamp", "metric_value");
  private static final CsvMapper CSV = csvMapper();

  /**
   * What the read saw.
   *
   * @param wholeSeconds true when every timestamp was in whole seconds (k6's default): too coarse
   *     for fine plateau alignment, callers should warn
   */
  public record Result(
      long rows, long points, long rejected, Set<String> scenarios, boolean wholeSeconds) {}

  private K6CsvReader() {}

  private static CsvMapper csvMapper() {
    CsvMapper m = new CsvMapper();
    m.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    return m;
  }

  public static Result read(Path file, RowSink<K6Point> sink) {
    Rfc3339 times = new Rfc3339();
    Set<String> scenarios = new TreeSet<>();
    long rows = 0;
    long points = 0;
    long rejected = 0;
    boolean wholeSeconds = true;
    try (Reader reader = new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8);
        MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(reader)) {
      if (!it.hasNextValue()) {
        throw Problems.badFile(file, "is empty", "pass the file k6 wrote with --out csv=FILE");
      }
      String[] header = it.nextValue();
      Map<String, Integer> col = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        col.put(header[i].trim(), i);
      }
      for (String r : REQUIRED) {
        if (!col.containsKey(r)) {
          throw Problems.badValue(
              file,
              1,
              r,
              "is missing from the header: not k6 CSV output",
              "pass the file k6 wrote with --out csv=FILE");
        }
      }
      int name = col.get("metric_name");
      int ts = col.get("timestamp");
      int value = col.get("metric_value");
      Integer extra = col.get("extra_tags");
      Integer meta = col.get("metadata");
      while (it.hasNextValue()) {
        String[] row;
        long line = it.getCurrentLocation().getLineNr();
        try {
          row = it.nextValue();
        } catch (RuntimeException e) {
          sink.reject(new Reject(file.toString(), "line " + line, "not a CSV row", ""));
          rejected++;
          continue;
        }
        rows++;
        String problem = null;
        if (row.length != header.length) {
          problem = "has " + row.length + " cells, the header " + header.length;
        }
        double v = Double.NaN;
        long t = Long.MIN_VALUE;
        if (problem == null) {
          try {
            v = Double.parseDouble(row[value].trim());
            if (!Double.isFinite(v)) {
              problem = "metric_value '" + row[value] + "' is not a finite number";
            }
          } catch (NumberFormatException e) {
            problem = "metric_value '" + row[value] + "' is not a number";
          }
        }
        if (problem == null) {
          t = timestamp(row[ts].trim(), times);
          if (t == Long.MIN_VALUE) {
            problem = "timestamp '" + row[ts] + "' is not a Unix time or RFC 3339";
          } else if (!isWholeSecondsText(row[ts].trim())) {
            wholeSeconds = false;
          }
        }
        if (problem == null && row[name].isBlank()) {
          problem = "metric_name is empty";
        }
        if (problem != null) {
          sink.reject(new Reject(file.toString(), "line " + line, problem, String.join(",", row)));
          rejected++;
          continue;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          String h = header[i];
          if (i == name
              || i == ts
              || i == value
              || (extra != null && i == extra)
              || (meta != null && i == meta)
              || row[i].isEmpty()) {
            continue;
          }
          tags.put(h, row[i]);
        }
        if (extra != null) {
          pairs(row[extra], tags);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (meta != null) {
          pairs(row[meta], metadata);
        }
        String scenario = tags.get("scenario");
        if (scenario != null) {
          scenarios.add(scenario);
        }
        String metric = row[name].trim();
        sink.row(new K6Point(metric, K6Metrics.builtinType(metric), t, v, tags, metadata));
        points++;
      }
    } catch (IOException e) {
      throw Problems.badFile(file, "cannot read: " + e.getMessage(), "check the file", e);
    }
    return new Result(rows, points, rejected, scenarios, points > 0 && wholeSeconds);
  }

  /** {@code k=v&k=v} (k6 does not escape; an ambiguous pair keeps the text after its first =). */
  static void pairs(String cell, Map<String, String> into) {
    if (cell == null || cell.isEmpty()) {
      return;
    }
    for (String kv : cell.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        into.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
  }

  private static boolean isWholeSecondsText(String s) {
    return !s.isEmpty() && s.length() <= 11 && s.chars().allMatch(Character::isDigit);
  }

  /**
   * Unix s/ms/µs/ns by digit count, or RFC 3339; {@link Long#MIN_VALUE} when neither, or when the
   * time does not fit in 64-bit nanoseconds (after 2262).
   */
  static long timestamp(String s, Rfc3339 times) {
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() <= 19) {
      int digits = s.length();
      long scale =
          digits <= 11 ? 1_000_000_000L : digits <= 14 ? 1_000_000L : digits <= 17 ? 1_000L : 1;
      try {
        return Math.multiplyExact(Long.parseLong(s), scale);
      } catch (ArithmeticException | NumberFormatException e) {
        return Long.MIN_VALUE;
      }
    }
    return times.parse(s);
  }
}
