package io.hopscope.ingest.prom;

import io.hopscope.error.Problems;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One PromQL query hopscope runs over a run's window: its id (the {@code query} column of {@code
 * prom_samples}, and the metric name of series that have none) and its text.
 */
public record PromQuery(String id, String query) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  public PromQuery {
    Objects.requireNonNull(id);
    Objects.requireNonNull(query);
  }

  /** A query from user input, checked: {@code where} names the file or spec field. */
  public static PromQuery checked(String id, String query, String where) {
    if (id == null || !ID.matcher(id).matches()) {
      throw Problems.usage(
          where + ": query id '" + id + "' is not 1-100 of A-Z a-z 0-9 _ . : -",
          "give every query a short id such as worker_cpu");
    }
    if (query == null || query.isBlank()) {
      throw Problems.usage(where + ": query '" + id + "' has no PromQL", "write its expression");
    }
    return new PromQuery(id, query.strip());
  }
}
