package io.hopscope.analytics.core;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where p95 latency (hop, or the k6 request duration without jobs) first exceeds the SLO, going up
 * in offered load over the plateaus: the highest load the SLO holds at is the plateau before it.
 *
 * @param lastWithinRps offered load of the highest plateau below the crossing that met the SLO; NaN
 *     when even the lightest plateau missed it
 */
public record SloCrossing(
    int plateauIndex, double offeredRps, double p95Ms, double sloMs, double lastWithinRps) {

  /** The crossing, or empty when every measured plateau meets the SLO. */
  public static Optional<SloCrossing> find(List<PlateauResult> plateaus, double sloMs) {
    List<PlateauResult> ps =
        plateaus.stream()
            .filter(p -> p.window().isPlateau() && !Double.isNaN(p.userLatencyMs(0.95)))
            .filter(PlateauResult::capacityEvidence)
            .filter(p -> !Double.isNaN(p.offeredRps()))
            .sorted(Comparator.comparingDouble(PlateauResult::offeredRps))
            .toList();
    double within = Double.NaN;
    for (PlateauResult p : ps) {
      double v = p.userLatencyMs(0.95);
      if (v > sloMs) {
        return Optional.of(new SloCrossing(p.index(), p.offeredRps(), v, sloMs, within));
      }
      within = p.offeredRps();
    }
    return Optional.empty();
  }
}
