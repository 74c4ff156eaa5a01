package io.hopscope.analytics.core;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a spec's schedule fits the data it is applied to: a schedule whose span (warm-up and
 * windows) holds less than half of the run's events belongs to another run, another start time or
 * another time zone, and any verdict drawn from its windows would be about empty windows.
 *
 * @param inside events in the schedule's span
 * @param total events in the run
 */
public record SpecCoverage(
    long inside,
    long total,
    long specStartNs,
    long specEndNs,
    long dataStartNs,
    long dataEndNs,
    String unit,
    boolean startGiven) {

  /** The least share of the data the schedule's span must hold. */
  public static final double MIN_SHARE = 0.5;

  private static final long NS_PER_S = 1_000_000_000L;

  /**
   * The coverage of a schedule over a series, or empty when the series holds nothing.
   *
   * @param startGiven true when the spec named {@code start_ns} (else t0 came from the data)
   */
  public static Optional<SpecCoverage> of(
      Schedule schedule, RateSeries series, boolean startGiven) {
    if (series.isEmpty()) {
      return Optional.empty();
    }
    long from = schedule.t0Ns();
    long to = schedule.loadEndNs();
    // A second counts when it starts within the span; the span's own first second may start
    // before t0, so it is floored to its second.
    long inside = series.between(Math.floorDiv(from, NS_PER_S) * NS_PER_S, to);
    return Optional.of(
        new SpecCoverage(
            inside,
            series.total(),
            from,
            to,
            series.dataStartNs(),
            series.dataEndNs(),
            series.unit(),
            startGiven));
  }

  public double share() {
    return total == 0 ? 1 : (double) inside / total;
  }

  /** True when the schedule holds too little of the data to be this run's. */
  public boolean mismatched() {
    return share() < MIN_SHARE;
  }

  /** What is wrong, with both time ranges in UTC. */
  public String problem() {
    return String.format(
        Locale.ROOT,
        "the spec's schedule (%s to %s UTC, warm-up included) holds %,d of the run's %,d %s"
            + " (%.1f%%); the data runs from %s to %s UTC",
        Instant.ofEpochSecond(0, specStartNs),
        Instant.ofEpochSecond(0, specEndNs),
        inside,
        total,
        unit,
        share() * 100,
        Instant.ofEpochSecond(0, dataStartNs),
        Instant.ofEpochSecond(0, dataEndNs));
  }

  /** The likely fix. */
  public String fix() {
    long offsetNs = dataStartNs - specStartNs;
    StringBuilder s = new StringBuilder();
    if (startGiven) {
      double hours = offsetNs / 3.6e12;
      long whole = Math.round(hours);
      if (whole != 0 && Math.abs(whole) <= 14 && Math.abs(hours - whole) * 3600 <= 120) {
        s.append(
            String.format(
                Locale.ROOT,
                "scenario.start_ns is %d h %s the data: a local time taken for UTC? start_ns is"
                    + " UTC epoch nanoseconds; ",
                Math.abs(whole),
                whole > 0 ? "before" : "after"));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "set scenario.start_ns to %d (the first second with data) or remove it (t0 is then"
                  + " the run's first event); ",
              dataStartNs));
    } else {
      s.append(
          String.format(
              Locale.ROOT,
              "the spec schedules %.0f s but the data lasts %.0f s: is it this run's spec? ",
              (specEndNs - specStartNs) / 1e9,
              (dataEndNs - dataStartNs) / 1e9));
    }
    s.append(
            "check that --run-id names the run the spec was written for, or analyze without --spec")
        .append(" to infer the stages from the data");
    return s.toString();
  }
}
