package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * Something a reader of a run's analysis should know, with what it is about.
 *
 * @param kind what the warning is about
 * @param text the warning in words, for people
 */
public record Warning(Warning.Kind kind, String text) {
  public Warning {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(text);
  }

  /** What a warning is about. */
  public enum Kind {
    /** The inputs: records set aside, clock skew, missing or odd series (ingest and the scans). */
    INPUT("input"),
    /** The data against the schedule: stages not followed, data ending early, a queue not empty. */
    SCHEDULE("schedule"),
    /** Service time that changed with load, against the sizing's assumption. */
    SERVICE("service time"),
    /** Latency or memory growing at constant load. */
    DRIFT("drift"),
    /** Gates judged against history or k6's own thresholds. */
    GATES("gates"),
    /** Stored by a build from before warnings had kinds. */
    UNCLASSIFIED("warning");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The kind in words, for pages. */
    public String label() {
      return label;
    }
  }

  /** Warnings of one kind from their texts. */
  public static java.util.List<Warning> of(Kind kind, java.util.List<String> texts) {
    return texts.stream().map(t -> new Warning(kind, t)).toList();
  }
}
