package io.hopscope.sim;

import java.util.Locale;
import java.util.Random;

/**
 * A service-time distribution for the simulator, in milliseconds, described by its mean and
 * coefficient of variation (standard deviation / mean).
 *
 * @param kind {@code constant}, {@code exponential} (cv is 1) or {@code lognormal}
 */
public record ServiceTimes(String kind, double meanMs, double cv) {
  public ServiceTimes {
    kind = kind.toLowerCase(Locale.ROOT);
    if (!(meanMs > 0) || !(cv >= 0)) {
      throw new IllegalArgumentException("need mean > 0 and cv >= 0");
    }
    switch (kind) {
      case "constant" -> cv = 0;
      case "exponential" -> cv = 1;
      case "lognormal" -> {}
      default -> throw new IllegalArgumentException("unknown service-time kind: " + kind);
    }
  }

  public static ServiceTimes lognormal(double meanMs, double cv) {
    return new ServiceTimes("lognormal", meanMs, cv);
  }

  public static ServiceTimes exponential(double meanMs) {
    return new ServiceTimes("exponential", meanMs, 1);
  }

  public static ServiceTimes constant(double meanMs) {
    return new ServiceTimes("constant", meanMs, 0);
  }

  /** Draws one service time in milliseconds. */
  public double sampleMs(Random rnd) {
    return switch (kind) {
      case "constant" -> meanMs;
      case "exponential" -> -meanMs * Math.log(1 - rnd.nextDouble());
      default -> {
        double s2 = Math.log(1 + cv * cv);
        double mu = Math.log(meanMs) - s2 / 2;
        yield Math.exp(mu + Math.sqrt(s2) * rnd.nextGaussian());
      }
    };
  }
}
