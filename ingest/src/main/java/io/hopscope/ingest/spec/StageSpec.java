package io.hopscope.ingest.spec;

/**
 * One stage of the load schedule. A stage with {@code startRps == endRps} holds a constant rate (a
 * plateau); otherwise the offered rate ramps linearly from {@code startRps} to {@code endRps} (a
 * ramp, as k6's {@code ramping-arrival-rate} does between stage targets).
 */
public record StageSpec(double startRps, double endRps, double durationSeconds) {
  public StageSpec {
    if (!(startRps >= 0) || !(endRps >= 0) || Double.isInfinite(startRps + endRps)) {
      throw new IllegalArgumentException("rates must be finite and >= 0");
    }
    if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException("duration must be finite and > 0");
    }
  }

  public static StageSpec constant(double rps, double durationSeconds) {
    return new StageSpec(rps, rps, durationSeconds);
  }

  public boolean isRamp() {
    return startRps != endRps;
  }

  /** The mean offered rate over the stage, per second. */
  public double meanRps() {
    return (startRps + endRps) / 2;
  }
}
