package io.hopscope.analytics.core.trend;

/** The unit of a trend series, with the smallest change in it that counts. */
public enum Unit {
  MS("ms", 0),
  RPS("rps", 0),
  /** A fraction (an error rate): shown as a percentage. */
  RATIO("ratio", 0),
  /** Seconds (drain time): a change under 5 s is within a run's own timing noise. */
  SECONDS("s", 5);

  private final String symbol;
  private final double floor;

  Unit(String symbol, double floor) {
    this.symbol = symbol;
    this.floor = floor;
  }

  /** As trend.json, trend.csv and the page write it. */
  public String symbol() {
    return symbol;
  }

  /** The smallest absolute change that is a change at all (below it: noise). */
  public double floor() {
    return floor;
  }
}
