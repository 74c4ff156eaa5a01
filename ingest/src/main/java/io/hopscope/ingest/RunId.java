package io.hopscope.ingest;

import io.hopscope.error.Problems;
import java.util.regex.Pattern;

/**
 * A run identifier. Run ids become warehouse paths ({@code run_id=<id>/}), so only {@code
 * [A-Za-z0-9._-]}, 1–128 characters, are allowed.
 */
public record RunId(String value) {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public RunId {
    if (value == null || !ALLOWED.matcher(value).matches()) {
      throw Problems.badRunId(String.valueOf(value));
    }
  }

  public static boolean isValid(String value) {
    return value != null && ALLOWED.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
