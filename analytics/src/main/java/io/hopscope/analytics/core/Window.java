package io.hopscope.analytics.core;

/**
 * One measured window of the schedule, {@code [startNs, endNs)}: a plateau (constant offered rate)
 * or a ramp (the rate changes linearly from {@code startRps} to {@code endRps}).
 *
 * @param index position in the schedule (the {@code index} of summary.json's plateaus)
 * @param targetRps the scheduled rate: the constant rate of a plateau, the mean rate of a ramp
 */
public record Window(
    int index,
    Kind kind,
    long startNs,
    long endNs,
    double targetRps,
    double startRps,
    double endRps) {

  /** Plateau or ramp. */
  public enum Kind {
    PLATEAU,
    RAMP;

    /** The name used in summary.json and the warehouse. */
    public String label() {
      return this == PLATEAU ? "plateau" : "ramp";
    }
  }

  public Window {
    if (index < 0 || endNs <= startNs) {
      throw new IllegalArgumentException(
          "bad window " + index + " [" + startNs + ", " + endNs + ")");
    }
  }

  public double durationS() {
    return (endNs - startNs) / 1e9;
  }

  public boolean contains(long ns) {
    return ns >= startNs && ns < endNs;
  }

  public boolean isPlateau() {
    return kind == Kind.PLATEAU;
  }
}
